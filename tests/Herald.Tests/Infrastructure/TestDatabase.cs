using Npgsql;

namespace Herald.Tests.Infrastructure;

/// <summary>
/// Which database the suite runs on: HERALD_TEST_DATABASE=sqlite (default) or postgres. On PostgreSQL each Herald
/// instance gets a fresh database on the server named by HERALD_TEST_PG (a real server on 127.0.0.1).
/// </summary>
public static class TestDatabase
{
    public static bool IsPostgres => string.Equals(Environment.GetEnvironmentVariable("HERALD_TEST_DATABASE"), "postgres", StringComparison.OrdinalIgnoreCase);

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("HERALD_TEST_PG") ?? "Host=127.0.0.1;Port=5432;Username=herald;Password=herald;Database=postgres";

    /// <summary>Creates an empty PostgreSQL database and returns its connection string (null on SQLite).</summary>
    public static async Task<string?> CreateAsync()
    {
        if (!IsPostgres)
        {
            return null;
        }
        var name = "herald_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await cmd.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, MaxPoolSize = 40 };
        return builder.ConnectionString;
    }

    public static async Task DropAsync(string? connectionString)
    {
        if (connectionString is null)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        try
        {
            await using var admin = new NpgsqlConnection(AdminConnectionString);
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await cmd.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // Best effort: a leftover test database does no harm.
        }
    }
}
