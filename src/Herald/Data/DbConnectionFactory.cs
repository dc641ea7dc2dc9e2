using System.Data.Common;
using Herald.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Herald.Data;

/// <summary>Raw connections for the dispatcher's hot path, where hand-written SQL beats the ORM.</summary>
public interface IDbConnectionFactory
{
    DatabaseKind Kind { get; }
    Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>
    /// A connection whose commits do not wait for the write-ahead log to reach the disk (PostgreSQL
    /// <c>synchronous_commit = off</c> for the whole session, so a single-statement write is one round trip). A committed
    /// write survives a crash of Herald, not a crash of PostgreSQL or the machine within ~0.6 s: the durability Herald's
    /// SQLite has anyway (WAL, <c>synchronous=NORMAL</c>). For high-volume, low-value writes only (clicks).
    /// </summary>
    Task<DbConnection> OpenRelaxedAsync(CancellationToken ct) => OpenAsync(ct);

    /// <summary>
    /// A connection for the dashboard's read-only KPI statements. On PostgreSQL they are prepared and run with their
    /// generic plan (<c>plan_cache_mode = force_generic_plan</c>): the same few statements with other dates, planned once
    /// per connection instead of on every call (planning was up to half of a 30-day comparison under load).
    /// </summary>
    Task<DbConnection> OpenAnalyticsAsync(CancellationToken ct) => OpenAsync(ct);
}

/// <summary>Pool settings Herald applies on PostgreSQL unless the connection string says otherwise.</summary>
public static class PostgresPools
{
    /// <summary>Connections of the relaxed pool (<see cref="IDbConnectionFactory.OpenRelaxedAsync"/>): the click writers
    /// (four) plus room for a write at shutdown. Fixed, so the relaxed pool adds at most this many to Maximum Pool Size.</summary>
    public const int RelaxedPoolSize = 6;

    /// <summary>Statements each connection keeps prepared (Npgsql's Max Auto Prepare): the dashboard's and the dispatcher's
    /// hand-written SQL is then parsed and planned once per connection rather than on every call.</summary>
    public const int AutoPrepare = 64;

    internal static string Shared(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            b.MaxAutoPrepare = AutoPrepare;
            b.AutoPrepareMinUsages = 2;
        }
        return b.ConnectionString;
    }

    /// <summary>Connections of the analytics pool (<see cref="IDbConnectionFactory.OpenAnalyticsAsync"/>), at most.</summary>
    public const int AnalyticsPoolSize = 16;

    internal static string Analytics(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(Shared(connectionString));
        b.Options = ((b.Options ?? "") + " -c plan_cache_mode=force_generic_plan").Trim();
        b.ApplicationName ??= "herald-analytics";
        b.MaxPoolSize = Math.Min(b.MaxPoolSize, AnalyticsPoolSize);
        b.MinPoolSize = 0;
        return b.ConnectionString;
    }

    internal static string Relaxed(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(Shared(connectionString));
        // Startup options become the session's defaults, so they survive any reset.
        b.Options = ((b.Options ?? "") + " -c synchronous_commit=off").Trim();
        b.ApplicationName ??= "herald-relaxed";
        b.MaxPoolSize = RelaxedPoolSize;
        b.MinPoolSize = 0;
        // Only Herald's own click writes use these sessions and they leave nothing behind: no DISCARD ALL on every reuse.
        b.NoResetOnClose = true;
        return b.ConnectionString;
    }
}

internal sealed class DbConnectionFactory : IDbConnectionFactory, IDisposable
{
    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _dataSource;
    private readonly NpgsqlDataSource? _relaxed;
    private readonly NpgsqlDataSource? _analytics;

    public DbConnectionFactory(HeraldOptions options)
    {
        Kind = options.UsesPostgres ? DatabaseKind.Postgres : DatabaseKind.Sqlite;
        _connectionString = options.UsesPostgres ? options.Database! : DataServices.SqliteConnectionString(options.SqlitePath);
        if (Kind == DatabaseKind.Postgres)
        {
            _dataSource = NpgsqlDataSource.Create(PostgresPools.Shared(_connectionString));
            _relaxed = NpgsqlDataSource.Create(PostgresPools.Relaxed(_connectionString));
            _analytics = NpgsqlDataSource.Create(PostgresPools.Analytics(_connectionString));
        }
    }

    public DatabaseKind Kind { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        if (_dataSource is not null)
        {
            return await _dataSource.OpenConnectionAsync(ct);
        }
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        SqlitePragmas.Apply(connection);
        return connection;
    }

    public async Task<DbConnection> OpenRelaxedAsync(CancellationToken ct) =>
        _relaxed is not null ? await _relaxed.OpenConnectionAsync(ct) : await OpenAsync(ct);

    public async Task<DbConnection> OpenAnalyticsAsync(CancellationToken ct) =>
        _analytics is not null ? await _analytics.OpenConnectionAsync(ct) : await OpenAsync(ct);

    public void Dispose()
    {
        _dataSource?.Dispose();
        _relaxed?.Dispose();
        _analytics?.Dispose();
    }
}
