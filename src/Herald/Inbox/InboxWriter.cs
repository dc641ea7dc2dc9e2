using System.Data.Common;
using Dapper;
using Herald.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Herald.Inbox;

/// <summary>An incoming item with what ingestion worked out: its id if new, language, sentiment, folded text.</summary>
public sealed record PreparedItem(IncomingItem Item, string Id, string? Language, string? Sentiment, double? Score, string Folded);

/// <summary>The account a batch belongs to.</summary>
public sealed record InboxAccount(string Id, string WorkspaceId, string Network);

/// <summary>
/// Saves one page of ingestion in one transaction: items and engagement inserted if absent (unique per account and remote
/// id), their authors as contacts, and the source's cursor. A crash before the commit leaves the cursor where it was, so
/// the page is read again and the unique keys drop what was already saved: nothing lost, nothing doubled.
/// </summary>
public sealed class InboxWriter(IDbConnectionFactory connections) : IAsyncDisposable
{
    // SQLite lets one writer in at a time. This process's pages queue here rather than in SQLite's busy handler, which
    // sleeps between tries (up to 100 ms) and leaves the lock idle meanwhile; and they share one connection, whose page
    // cache stays warm from one page to the next (another connection's commit would empty it).
    private readonly SemaphoreSlim _sqliteGate = new(1, 1);
    private SqliteConnection? _sqlite;

    public DatabaseKind Kind => connections.Kind;

    public async Task<string?> ReadCursorAsync(string accountId, string source, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT position FROM inbox_cursors WHERE account_id = @accountId AND source = @source", new { accountId, source }, cancellationToken: ct));
    }

    /// <summary>
    /// Saves the page; returns the ids of the items that were new. <paramref name="beforeCommit"/> runs inside the
    /// transaction with those ids, so what it writes is committed with the page or not at all. On PostgreSQL,
    /// <paramref name="afterItems"/> go in the same round trip as the page's own statements, after them.
    /// </summary>
    public async Task<IReadOnlyList<string>> SaveAsync(InboxAccount account, string source, IReadOnlyList<PreparedItem> items,
        IReadOnlyList<IncomingEngagement> engagements, string? cursor, DateTimeOffset now,
        Func<IReadOnlyList<string>, DbTransaction, Task>? beforeCommit, IReadOnlyList<NpgsqlBatchCommand> afterItems, CancellationToken ct)
    {
        var contacts = ContactRow.Of(items, engagements);
        if (connections.Kind == DatabaseKind.Postgres)
        {
            await using var pg = (NpgsqlConnection)await connections.OpenAsync(ct);
            await using var tx = await pg.BeginTransactionAsync(ct);
            var mark = InboxStages.Start();
            var inserted = await InboxPostgresBatch.SaveAsync(pg, tx, account, source, items, contacts, engagements, cursor, now, afterItems, ct);
            InboxStages.Stop(InboxStage.Batch, mark);
            mark = InboxStages.Start();
            if (beforeCommit is not null)
            {
                await beforeCommit(inserted, tx);
            }
            InboxStages.Stop(InboxStage.Signals, mark);
            mark = InboxStages.Start();
            await tx.CommitAsync(ct);
            InboxStages.Stop(InboxStage.Commit, mark);
            return inserted;
        }
        var rows = InboxSqliteBatch.Rows.Of(items, contacts, engagements);
        var wait = InboxStages.Start();
        await _sqliteGate.WaitAsync(ct);
        InboxStages.Stop(InboxStage.WaitForWriter, wait);
        try
        {
            _sqlite ??= await OpenWriterAsync(ct);
            try
            {
                await using var tx = _sqlite.BeginTransaction(deferred: false);
                var inserted = await InboxSqliteBatch.SaveAsync(_sqlite, tx, account, source, rows, cursor, now, ct);
                var mark = InboxStages.Start();
                if (beforeCommit is not null)
                {
                    await beforeCommit(inserted, tx);
                }
                InboxStages.Stop(InboxStage.Signals, mark);
                mark = InboxStages.Start();
                await tx.CommitAsync(ct);
                InboxStages.Stop(InboxStage.Commit, mark);
                return inserted;
            }
            catch
            {
                // The transaction rolled back; a fresh connection next time, in case this one is what failed.
                await _sqlite.DisposeAsync();
                _sqlite = null;
                throw;
            }
        }
        finally
        {
            _sqliteGate.Release();
        }
    }

    private async Task<SqliteConnection> OpenWriterAsync(CancellationToken ct)
    {
        var connection = (SqliteConnection)await connections.OpenAsync(ct);
        SqlitePragmas.ApplyBulkWriter(connection);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync();
        }
        _sqliteGate.Dispose();
    }

    internal const string ItemColumns = "id, workspace_id, account_id, network, kind, remote_id, remote_cid, url, parent_remote_id, parent_cid, root_remote_id, root_cid, conversation_key, contact_id, author_handle, author_name, text, search_text, language, sentiment, sentiment_score, status, priority, assignee_id, tags, occurred_at, ingested_at, responded_at, liked, hidden";
}

/// <summary>One contact to upsert: a distinct author of a page, with what the page says about them.</summary>
public sealed record ContactRow(string Handle, string? Name, string? AvatarUrl, bool Follows, long At)
{
    /// <summary>The page's distinct authors and actors, sorted by handle (ordinal): the order every writer locks them in.</summary>
    public static List<ContactRow> Of(IReadOnlyList<PreparedItem> items, IReadOnlyList<IncomingEngagement> engagements)
    {
        var people = new Dictionary<string, ContactRow>(StringComparer.Ordinal);
        void Add(IncomingAuthor author, bool follows, DateTimeOffset at)
        {
            var ms = at.ToUnixTimeMilliseconds();
            people[author.Handle] = people.TryGetValue(author.Handle, out var known)
                ? new ContactRow(author.Handle, author.Name ?? known.Name, author.AvatarUrl ?? known.AvatarUrl, known.Follows || follows, Math.Max(ms, known.At))
                : new ContactRow(author.Handle, author.Name, author.AvatarUrl, follows, ms);
        }
        foreach (var item in items)
        {
            Add(item.Item.Author, false, item.Item.OccurredAt);
        }
        foreach (var e in engagements)
        {
            Add(e.Actor, e.Kind == "follow", e.OccurredAt);
        }
        var rows = people.Values.ToList();
        rows.Sort((a, b) => string.CompareOrdinal(a.Handle, b.Handle));
        return rows;
    }
}
