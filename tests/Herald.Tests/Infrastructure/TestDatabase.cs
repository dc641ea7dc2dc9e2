using System.Security.Cryptography;
using System.Text;
using Herald.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Herald.Tests.Infrastructure;

/// <summary>
/// Which database the suite runs on: HERALD_TEST_DATABASE=sqlite (default) or postgres. On PostgreSQL each Herald
/// instance gets a fresh database on the server named by HERALD_TEST_PG (a real server on 127.0.0.1), copied from a
/// template database that already holds every migration (migrating a fresh database costs about a second; copying one,
/// a few milliseconds). The template's name carries a hash of the migrations and the model, so a changed model gets
/// a new template; Herald still runs its migrations at start, and finds nothing left to do.
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
        var template = await Template.Value;
        var name = "herald_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {template}", admin);
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

    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);

    private static async Task<string> CreateTemplateAsync()
    {
        string name;
        var probe = new DbContextOptionsBuilder<PostgresHeraldDb>().UseNpgsql(AdminConnectionString).Options;
        await using (var db = new PostgresHeraldDb(probe))
        {
            var migrations = db.GetService<IMigrationsAssembly>();
            var fingerprint = string.Join('\n', migrations.Migrations.Keys) + "\n" + migrations.ModelSnapshot?.Model.ToDebugString(MetadataDebugStringOptions.LongDefault);
            name = "herald_tpl_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint)))[..16];
        }
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        // Another test process may be building the same template: one at a time, server-wide.
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_lock(732191)", admin))
        {
            await lockCmd.ExecuteNonQueryAsync();
        }
        try
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", admin);
            exists.Parameters.AddWithValue("n", name);
            if (await exists.ExecuteScalarAsync() is not null)
            {
                return name;
            }
            var building = name + "_build";
            await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {building} WITH (FORCE)", admin))
            {
                await drop.ExecuteNonQueryAsync();
            }
            await using (var create = new NpgsqlCommand($"CREATE DATABASE {building}", admin))
            {
                await create.ExecuteNonQueryAsync();
            }
            var cs = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = building, Pooling = false }.ConnectionString;
            await using (var db = new PostgresHeraldDb(new DbContextOptionsBuilder<PostgresHeraldDb>().UseNpgsql(cs).Options))
            {
                await db.Database.MigrateAsync();
            }
            NpgsqlConnection.ClearAllPools();
            // Renamed only once complete, so a template that exists is always whole.
            await using (var rename = new NpgsqlCommand($"ALTER DATABASE {building} RENAME TO {name}", admin))
            {
                await rename.ExecuteNonQueryAsync();
            }
            return name;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(732191)", admin);
            await unlock.ExecuteNonQueryAsync();
        }
    }
}
