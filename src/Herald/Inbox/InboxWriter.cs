using System.Data.Common;
using Dapper;
using Herald.Data;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Herald.Inbox;

/// <summary>An incoming item with what ingestion worked out: its id if new, language, sentiment, folded text.</summary>
public sealed record PreparedItem(IncomingItem Item, string Id, string? Language, string? Sentiment, double? Score, string Folded);

/// <summary>The account a batch belongs to.</summary>
public sealed record InboxAccount(string Id, string WorkspaceId, string Network);

/// <summary>
/// Saves one page of ingestion in one transaction: items and engagement inserted if absent (unique per account and remote
/// id), their authors as contacts, and the source's cursor (on PostgreSQL the contacts commit just before, in a
/// transaction of their own: see <see cref="InboxPostgresBatch"/>). A crash before the commit leaves the cursor where it
/// was, so the page is read again and the unique keys drop what was already saved: nothing lost, nothing doubled.
/// </summary>
public sealed class InboxWriter(IDbConnectionFactory connections, TimeProvider time, ILogger<InboxWriter> logger) : IAsyncDisposable
{
    // SQLite lets one writer in at a time: this process's pages go through one writer, which commits waiting pages together.
    private readonly InboxSqliteWriter _sqlite = new(connections, time, logger);

    public DatabaseKind Kind => connections.Kind;

    public async Task<string?> ReadCursorAsync(string accountId, string source, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT position FROM inbox_cursors WHERE account_id = @accountId AND source = @source", new { accountId, source }, cancellationToken: ct));
    }

    /// <summary>
    /// Saves the page; returns the ids of the items that were new. <paramref name="beforeCommit"/> (if any) runs inside the
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
            if (beforeCommit is null)
            {
                // Nothing to run between the statements and the commit: the page's batch is its own (implicit) transaction,
                // committed by the server at the end of its round trip, all of it or none (the contacts' round trip before it).
                var mark = InboxStages.Start();
                var inserted = await InboxPostgresBatch.SaveAsync(pg, null, account, source, items, contacts, engagements, cursor, now, afterItems, ct);
                InboxStages.Stop(InboxStage.Batch, mark);
                return inserted;
            }
            await using var tx = await pg.BeginTransactionAsync(ct);
            var batchMark = InboxStages.Start();
            var saved = await InboxPostgresBatch.SaveAsync(pg, tx, account, source, items, contacts, engagements, cursor, now, afterItems, ct);
            InboxStages.Stop(InboxStage.Batch, batchMark);
            var signalsMark = InboxStages.Start();
            await beforeCommit(saved, tx);
            InboxStages.Stop(InboxStage.Signals, signalsMark);
            var commitMark = InboxStages.Start();
            await tx.CommitAsync(ct);
            InboxStages.Stop(InboxStage.Commit, commitMark);
            return saved;
        }
        // The JSON texts are written before the page queues for the writer, so its lock is held for SQLite's work only.
        var rows = InboxSqliteBatch.Rows.Of(items, contacts, engagements);
        return await _sqlite.SaveAsync(new InboxSqliteWriter.Page(account, source, rows, cursor, now, beforeCommit), ct);
    }

    public ValueTask DisposeAsync() => _sqlite.DisposeAsync();

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
