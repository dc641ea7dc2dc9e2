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
}

internal sealed class DbConnectionFactory : IDbConnectionFactory, IDisposable
{
    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _dataSource;

    public DbConnectionFactory(HeraldOptions options)
    {
        Kind = options.UsesPostgres ? DatabaseKind.Postgres : DatabaseKind.Sqlite;
        _connectionString = options.UsesPostgres ? options.Database! : DataServices.SqliteConnectionString(options.SqlitePath);
        if (Kind == DatabaseKind.Postgres)
        {
            _dataSource = NpgsqlDataSource.Create(_connectionString);
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

    public void Dispose() => _dataSource?.Dispose();
}
