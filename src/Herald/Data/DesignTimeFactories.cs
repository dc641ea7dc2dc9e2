using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Herald.Data;

/// <summary>Lets `dotnet ef migrations add X --context SqliteHeraldDb` build the SQLite model.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteHeraldDb>
{
    public SqliteHeraldDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteHeraldDb>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets `dotnet ef migrations add X --context PostgresHeraldDb` build the PostgreSQL model (no server needed).</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresHeraldDb>
{
    public PostgresHeraldDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresHeraldDb>().UseNpgsql("Host=127.0.0.1;Database=design").Options);
}
