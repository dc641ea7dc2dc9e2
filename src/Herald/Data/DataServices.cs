using Herald.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Herald.Data;

/// <summary>Registers the database chosen by configuration and applies its migrations.</summary>
public static class DataServices
{
    public static IServiceCollection AddHeraldData(this IServiceCollection services, HeraldOptions options)
    {
        Directory.CreateDirectory(options.DataDirectory);
        if (options.UsesPostgres)
        {
            services.AddDbContextPool<PostgresHeraldDb>(o => o.UseNpgsql(options.Database, n => n.EnableRetryOnFailure(0)));
            services.AddScoped<HeraldDb>(sp => sp.GetRequiredService<PostgresHeraldDb>());
        }
        else
        {
            var cs = SqliteConnectionString(options.SqlitePath);
            services.AddDbContextPool<SqliteHeraldDb>(o => o.UseSqlite(cs).AddInterceptors(new SqlitePragmas()));
            services.AddScoped<HeraldDb>(sp => sp.GetRequiredService<SqliteHeraldDb>());
        }
        services.AddSingleton<IDbConnectionFactory>(new DbConnectionFactory(options));
        services.AddSingleton<DatabaseMaintenance>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseMaintenance>());
        return services;
    }

    public static string SqliteConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>Applies pending migrations; on SQLite also switches to WAL so readers never block the dispatcher.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
        if (db.Kind == DatabaseKind.Sqlite)
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }
        await db.Database.MigrateAsync(ct);
    }
}
