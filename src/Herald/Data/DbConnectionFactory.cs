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
}

internal sealed class DbConnectionFactory : IDbConnectionFactory, IDisposable
{
    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _dataSource;
    private readonly NpgsqlDataSource? _relaxed;

    public DbConnectionFactory(HeraldOptions options)
    {
        Kind = options.UsesPostgres ? DatabaseKind.Postgres : DatabaseKind.Sqlite;
        _connectionString = options.UsesPostgres ? options.Database! : DataServices.SqliteConnectionString(options.SqlitePath);
        if (Kind == DatabaseKind.Postgres)
        {
            _dataSource = NpgsqlDataSource.Create(_connectionString);
            // Startup options become the session's defaults, so the pool's reset (DISCARD ALL) keeps them.
            var relaxed = new NpgsqlConnectionStringBuilder(_connectionString);
            relaxed.Options = ((relaxed.Options ?? "") + " -c synchronous_commit=off").Trim();
            relaxed.ApplicationName ??= "herald-relaxed";
            _relaxed = NpgsqlDataSource.Create(relaxed.ConnectionString);
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

    public void Dispose()
    {
        _dataSource?.Dispose();
        _relaxed?.Dispose();
    }
}
