using System.Data.Common;
using Dapper;
using Herald.Data;
using Herald.Hosting;
using Herald.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Herald.Tests.Data;

/// <summary>
/// The bulk writer's log is copied back to the SQLite database by a checkpoint on a connection of its own: after a commit,
/// at most once per interval, and again after a failure. (These run on SQLite whichever database the suite is for.)
/// </summary>
public sealed class SqliteCheckpointerTests : IDisposable
{
    private readonly string _data = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "herald-checkpointer-" + Guid.NewGuid().ToString("N"))).FullName;

    [Fact]
    public async Task A_commit_is_copied_into_the_database_by_a_background_checkpoint_at_most_once_per_interval()
    {
        var time = TestClock.At("2026-12-07T08:00:00Z");
        using var factory = new DbConnectionFactory(new HeraldOptions { DataDirectory = _data });
        await using var writer = await OpenWriterAsync(factory);
        var logger = new FakeLogger();
        await using var checkpointer = new SqliteCheckpointer(factory, time, logger);

        await InsertAsync(writer, 0, 500);
        checkpointer.Committed();
        var first = await WaitForAsync(checkpointer, 1);
        Assert.True(first.Log > 0, "the commit left frames in the log");
        Assert.Equal(first.Log, first.Copied);

        // A second commit inside the interval waits for it: no checkpoint until the clock moves on.
        await InsertAsync(writer, 500, 500);
        checkpointer.Committed();
        checkpointer.Committed();
        await Task.Delay(300);
        Assert.Equal(1, checkpointer.Progress.Checkpoints);

        time.Advance(SqliteCheckpointer.Interval);
        var second = await WaitForAsync(checkpointer, 2);
        Assert.True(second.Log > 0);
        Assert.Equal(second.Log, second.Copied);
        Assert.Empty(logger.Collector.GetSnapshot());

        // Every row is in the database file itself: a connection that ignores the log (immutable) reads all 1,000.
        var file = new SqliteConnectionStringBuilder { DataSource = $"file:{Path.Combine(_data, "herald.db")}?immutable=1", Mode = SqliteOpenMode.ReadOnly }.ToString();
        await using var reader = new SqliteConnection(file);
        await reader.OpenAsync();
        Assert.Equal(1_000, await reader.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM rows"));
    }

    [Fact]
    public async Task A_failed_checkpoint_is_logged_and_tried_again_after_the_next_commit()
    {
        var time = TestClock.At("2026-12-07T08:00:00Z");
        using var inner = new DbConnectionFactory(new HeraldOptions { DataDirectory = _data });
        var failing = new FailingOnce(inner);
        await using var writer = await OpenWriterAsync(inner);
        var logger = new FakeLogger();
        await using var checkpointer = new SqliteCheckpointer(failing, time, logger);

        await InsertAsync(writer, 0, 100);
        checkpointer.Committed();
        for (var i = 0; i < 200 && logger.Collector.Count == 0; i++)
        {
            await Task.Delay(25);
        }
        var warning = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("checkpoint", warning.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, checkpointer.Progress.Checkpoints);

        await InsertAsync(writer, 100, 100);
        time.Advance(SqliteCheckpointer.Interval);
        checkpointer.Committed();
        var done = await WaitForAsync(checkpointer, 1);
        Assert.True(done.Log > 0);
        Assert.Equal(done.Log, done.Copied);
    }

    /// <summary>The writer's side: a WAL database with SQLite's own automatic checkpoint off, so only the checkpointer copies.</summary>
    private static async Task<DbConnection> OpenWriterAsync(DbConnectionFactory factory)
    {
        var writer = await factory.OpenAsync(default);
        await writer.ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
        return writer;
    }

    private static async Task InsertAsync(DbConnection writer, int from, int count)
    {
        await using var tx = await writer.BeginTransactionAsync();
        foreach (var id in Enumerable.Range(from, count))
        {
            await writer.ExecuteAsync("INSERT INTO rows (id, text) VALUES (@id, @text)", new { id, text = new string('x', 200) }, tx);
        }
        await tx.CommitAsync();
    }

    private static async Task<(long Checkpoints, long Log, long Copied)> WaitForAsync(SqliteCheckpointer checkpointer, long checkpoints)
    {
        for (var i = 0; i < 400 && checkpointer.Progress.Checkpoints < checkpoints; i++)
        {
            await Task.Delay(25);
        }
        var progress = checkpointer.Progress;
        Assert.Equal(checkpoints, progress.Checkpoints);
        return progress;
    }

    /// <summary>Fails its first open as a locked-out database file would; then opens as the factory does.</summary>
    private sealed class FailingOnce(IDbConnectionFactory inner) : IDbConnectionFactory
    {
        private int _opens;

        public DatabaseKind Kind => inner.Kind;

        public Task<DbConnection> OpenAsync(CancellationToken ct) =>
            Interlocked.Increment(ref _opens) == 1 ? throw new SqliteException("disk I/O error", 10) : inner.OpenAsync(ct);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
