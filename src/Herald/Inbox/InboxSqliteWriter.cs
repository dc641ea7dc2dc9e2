using System.Data.Common;
using Herald.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Herald.Inbox;

/// <summary>
/// SQLite's single writer of inbox pages: one connection kept open, and the pages that wait for it saved together, in one
/// transaction and one commit, each with its own items, cursor and signals.
/// </summary>
/// <remarks>
/// SQLite lets one writer in at a time. This process's pages queue here rather than in SQLite's busy handler, which sleeps
/// between tries (up to 100 ms) and leaves the lock idle meanwhile; and they share one connection, whose page cache stays
/// warm from one page to the next (another connection's commit would empty it). Most of a page's time under the lock is
/// b-tree and WAL work on index leaves its new items land on at random: a commit writes every page it dirtied to the WAL,
/// once however many rows of the transaction changed it. Pages waiting for the writer (those queued when it starts a
/// transaction, and those queued while it works, up to <see cref="MaxItemsPerCommit"/>) therefore share one commit, and the
/// leaves they have in common (recent minutes of the workspace's timeline, its most active contacts) are written once.
/// A crash before that commit loses every page of the group with its cursor: each is read again, nothing lost or doubled.
/// If the group fails, each of its pages is tried again alone, so one bad page fails only its own caller.
/// </remarks>
internal sealed class InboxSqliteWriter(IDbConnectionFactory connections, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    /// <summary>At most this many items per commit, so a long queue does not make one transaction (and its first caller's wait) unbounded.</summary>
    internal const int MaxItemsPerCommit = 2_000;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Queue<Pending> _queue = new();
    private SqliteConnection? _connection;
    private readonly SqliteCheckpointer _checkpointer = new(connections, time, logger);

    /// <summary>One page to save: its rows, cursor and what runs in its transaction with the ids of its new items.</summary>
    internal sealed record Page(InboxAccount Account, string Source, InboxSqliteBatch.Rows Rows, string? Cursor, DateTimeOffset Now,
        Func<IReadOnlyList<string>, DbTransaction, Task>? BeforeCommit);

    private sealed class Pending(Page page)
    {
        public Page Page { get; } = page;
        public TaskCompletionSource<IReadOnlyList<string>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Saves the page (possibly in a commit shared with other waiting pages); returns the ids of its new items.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(Page page, CancellationToken ct)
    {
        var pending = new Pending(page);
        lock (_queue)
        {
            _queue.Enqueue(pending);
        }
        var wait = InboxStages.Start();
        try
        {
            await _gate.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            lock (_queue)
            {
                if (Remove(pending))
                {
                    throw;
                }
            }
            // Another caller already took the page into its transaction: its outcome is this page's.
            return await pending.Done.Task;
        }
        InboxStages.Stop(InboxStage.WaitForWriter, wait);
        try
        {
            // The page may have been saved by the caller before; otherwise it is queued, and the queue is first come, first saved.
            while (!pending.Done.Task.IsCompleted)
            {
                var group = new List<Pending>();
                var items = 0;
                Take(group, ref items);
                await SaveGroupAsync(group, items);
            }
        }
        finally
        {
            _gate.Release();
        }
        return await pending.Done.Task;
    }

    private async Task SaveGroupAsync(List<Pending> group, int items)
    {
        try
        {
            await SaveTogetherAsync(group, items, join: true);
        }
        catch (Exception) when (group.Count > 1)
        {
            foreach (var p in group)
            {
                try
                {
                    await SaveTogetherAsync([p], 0, join: false);
                }
                catch (Exception e)
                {
                    p.Done.TrySetException(e);
                }
            }
        }
        catch (Exception e)
        {
            group[0].Done.TrySetException(e);
        }
    }

    /// <summary>One transaction for the pages of <paramref name="group"/> (and, if <paramref name="join"/>, those queued meanwhile).</summary>
    private async Task SaveTogetherAsync(List<Pending> group, int items, bool join)
    {
        _connection ??= await OpenAsync();
        try
        {
            var results = new List<IReadOnlyList<string>>(group.Count);
            await using (var tx = _connection.BeginTransaction(deferred: false))
            {
                // The work is not cancelled half-way: the group holds other callers' pages (and SQLite's calls are synchronous).
                for (var i = 0; i < group.Count; i++)
                {
                    var p = group[i].Page;
                    var inserted = await InboxSqliteBatch.SaveAsync(_connection, tx, p.Account, p.Source, p.Rows, p.Cursor, p.Now, CancellationToken.None);
                    var mark = InboxStages.Start();
                    if (p.BeforeCommit is not null)
                    {
                        await p.BeforeCommit(inserted, tx);
                    }
                    InboxStages.Stop(InboxStage.Signals, mark);
                    results.Add(inserted);
                    if (join && i == group.Count - 1)
                    {
                        Take(group, ref items);
                    }
                }
                var commit = InboxStages.Start();
                await tx.CommitAsync(CancellationToken.None);
                InboxStages.Stop(InboxStage.Commit, commit);
                _checkpointer.Committed();
            }
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Done.TrySetResult(results[i]);
            }
        }
        catch
        {
            // The transaction rolled back; a fresh connection next time, in case this one is what failed.
            await _connection.DisposeAsync();
            _connection = null;
            throw;
        }
    }

    /// <summary>Moves queued pages to <paramref name="group"/> while they fit in <see cref="MaxItemsPerCommit"/> (the first always does).</summary>
    private void Take(List<Pending> group, ref int items)
    {
        lock (_queue)
        {
            while (_queue.TryPeek(out var next) && (group.Count == 0 || items + next.Page.Rows.ItemCount <= MaxItemsPerCommit))
            {
                group.Add(_queue.Dequeue());
                items += next.Page.Rows.ItemCount;
            }
        }
    }

    private bool Remove(Pending pending)
    {
        var before = _queue.Count;
        var rest = _queue.Where(p => p != pending).ToList();
        _queue.Clear();
        foreach (var p in rest)
        {
            _queue.Enqueue(p);
        }
        return _queue.Count < before;
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = (SqliteConnection)await connections.OpenAsync(CancellationToken.None);
        SqlitePragmas.ApplyBulkWriter(connection);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await _checkpointer.DisposeAsync();
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
        _gate.Dispose();
    }
}
