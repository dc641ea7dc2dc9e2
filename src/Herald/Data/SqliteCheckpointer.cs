using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Herald.Data;

/// <summary>
/// Copies a bulk writer's write-ahead log back into the SQLite database on a connection and thread of its own, so the
/// writer's commits only append to the log.
/// </summary>
/// <remarks>
/// <para>
/// With SQLite's automatic checkpoint alone, the commit that takes the log past its threshold also copies the log's pages
/// into the database file and syncs it, while the single writer, and every page waiting for it, waits: on the inbox
/// benchmark that was half of the writer's commit time. Here the writer calls <see cref="Committed"/> after each commit,
/// and a PASSIVE checkpoint (it never blocks the writer or a reader) copies what the log holds, at most once per
/// <see cref="Interval"/> so that an index page many commits rewrite meanwhile is copied once. It runs beside the writer,
/// on the other core.
/// </para>
/// <para>
/// The writer keeps an automatic checkpoint of its own (<see cref="SqlitePragmas.BulkWriter"/>) as the bound on the log:
/// a checkpoint that runs beside a busy writer seldom reaches the log's end, and the log starts again from its beginning
/// only after one does. When the writer's own comes, most of the log is already copied, so it is short.
/// </para>
/// <para>
/// A checkpoint that fails (a full disk, an I/O error) is logged and tried again after the next commit. Nothing is lost:
/// committed pages stay in the log until they are copied.
/// </para>
/// </remarks>
internal sealed class SqliteCheckpointer(IDbConnectionFactory connections, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    /// <summary>At most one checkpoint per interval.</summary>
    internal static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _start = new();
    private Task? _loop;
    private int _signalled;
    private long _checkpoints;
    private (long Log, long Copied) _last;

    /// <summary>Checkpoints run so far, and what the last one reported: frames in the log, and frames of it copied.</summary>
    internal (long Checkpoints, long Log, long Copied) Progress
    {
        get
        {
            lock (_start)
            {
                return (_checkpoints, _last.Log, _last.Copied);
            }
        }
    }

    /// <summary>Tells the checkpointer that the writer committed; returns at once.</summary>
    public void Committed()
    {
        lock (_start)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }
            _loop ??= Task.Run(LoopAsync);
        }
        if (Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            _signal.Release();
        }
    }

    private async Task LoopAsync()
    {
        SqliteConnection? connection = null;
        try
        {
            while (true)
            {
                await _signal.WaitAsync(_stop.Token);
                Volatile.Write(ref _signalled, 0);
                try
                {
                    connection ??= (SqliteConnection)await connections.OpenAsync(_stop.Token);
                    await using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                    await using var reader = await command.ExecuteReaderAsync(_stop.Token);
                    await reader.ReadAsync(_stop.Token);
                    var result = (reader.GetInt64(1), reader.GetInt64(2));
                    lock (_start)
                    {
                        _checkpoints++;
                        _last = result;
                    }
                }
                catch (Exception e) when (e is SqliteException or IOException or InvalidOperationException)
                {
                    logger.LogWarning(e, "A background checkpoint of the SQLite write-ahead log failed; it is tried again after the next commit.");
                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }
                }
                await Task.Delay(Interval, time, _stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_start)
        {
            _stop.Cancel();
            loop = _loop;
        }
        if (loop is not null)
        {
            await loop;
        }
        _stop.Dispose();
        _signal.Dispose();
    }
}
