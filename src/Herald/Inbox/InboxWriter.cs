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
public sealed class InboxWriter(IDbConnectionFactory connections)
{
    public DatabaseKind Kind => connections.Kind;

    public async Task<string?> ReadCursorAsync(string accountId, string source, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT position FROM inbox_cursors WHERE account_id = @accountId AND source = @source", new { accountId, source }, cancellationToken: ct));
    }

    /// <summary>Saves the page; returns the ids of the items that were new.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(InboxAccount account, string source, IReadOnlyList<PreparedItem> items,
        IReadOnlyList<IncomingEngagement> engagements, string? cursor, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: false) : await connection.BeginTransactionAsync(ct);
        var contacts = await UpsertContactsAsync(connection, tx, account, items, engagements, ct);
        IReadOnlyList<string> inserted = connection is NpgsqlConnection pg
            ? await InboxPostgresBatch.InsertItemsAsync(pg, (NpgsqlTransaction)tx, account, items, contacts, now, ct)
            : await InsertItemsSqliteAsync(connection, tx, account, items, contacts, now, ct);
        if (engagements.Count > 0)
        {
            if (connection is NpgsqlConnection pg2)
            {
                await InboxPostgresBatch.InsertEngagementsAsync(pg2, (NpgsqlTransaction)tx, account, engagements, ct);
            }
            else
            {
                await InsertEngagementsSqliteAsync(connection, tx, account, engagements, ct);
            }
        }
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO inbox_cursors (account_id, source, position, updated_at) VALUES (@accountId, @source, @cursor, @now)
            ON CONFLICT (account_id, source) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
            """, new { accountId = account.Id, source, cursor, now = now.ToUnixTimeMilliseconds() }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return inserted;
    }

    private const string UpsertContactSql = """
        INSERT INTO contacts (id, workspace_id, network, handle, display_name, avatar_url, follows_brand, tags, first_seen_at, last_seen_at)
        VALUES (@id, @ws, @network, @handle, @name, @avatar, @follows, '', @at, @at)
        ON CONFLICT (workspace_id, network, handle) DO UPDATE SET
          display_name = COALESCE(excluded.display_name, contacts.display_name),
          avatar_url = COALESCE(excluded.avatar_url, contacts.avatar_url),
          follows_brand = (contacts.follows_brand OR excluded.follows_brand),
          last_seen_at = CASE WHEN excluded.last_seen_at > contacts.last_seen_at THEN excluded.last_seen_at ELSE contacts.last_seen_at END
        RETURNING id
        """;

    /// <summary>One contact per distinct author of the page; returns handle → contact id.</summary>
    private static async Task<Dictionary<string, string>> UpsertContactsAsync(DbConnection connection, DbTransaction tx, InboxAccount account,
        IReadOnlyList<PreparedItem> items, IReadOnlyList<IncomingEngagement> engagements, CancellationToken ct)
    {
        var people = new Dictionary<string, (IncomingAuthor Author, bool Follows, DateTimeOffset At)>(StringComparer.Ordinal);
        void Add(IncomingAuthor author, bool follows, DateTimeOffset at)
        {
            people[author.Handle] = people.TryGetValue(author.Handle, out var known)
                ? (known.Author with { Name = author.Name ?? known.Author.Name, AvatarUrl = author.AvatarUrl ?? known.Author.AvatarUrl }, known.Follows || follows, at > known.At ? at : known.At)
                : (author, follows, at);
        }
        foreach (var item in items)
        {
            Add(item.Item.Author, false, item.Item.OccurredAt);
        }
        foreach (var e in engagements)
        {
            Add(e.Actor, e.Kind == "follow", e.OccurredAt);
        }
        var ids = new Dictionary<string, string>(people.Count, StringComparer.Ordinal);
        if (people.Count == 0)
        {
            return ids;
        }
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = UpsertContactSql;
        var pId = Param(command, "@id");
        Param(command, "@ws", account.WorkspaceId);
        Param(command, "@network", account.Network);
        var pHandle = Param(command, "@handle");
        var pName = Param(command, "@name");
        var pAvatar = Param(command, "@avatar");
        var pFollows = Param(command, "@follows");
        var pAt = Param(command, "@at");
        await command.PrepareAsync(ct);
        // Always in handle order: two pages of one workspace saved at once (several processes) then lock the same
        // contact rows in the same order and cannot deadlock.
        foreach (var (handle, person) in people.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            pId.Value = Ids.New();
            pHandle.Value = handle;
            pName.Value = (object?)person.Author.Name ?? DBNull.Value;
            pAvatar.Value = (object?)person.Author.AvatarUrl ?? DBNull.Value;
            pFollows.Value = person.Follows;
            pAt.Value = person.At.ToUnixTimeMilliseconds();
            ids[handle] = (string)(await command.ExecuteScalarAsync(ct))!;
        }
        return ids;
    }

    internal const string ItemColumns = "id, workspace_id, account_id, network, kind, remote_id, remote_cid, url, parent_remote_id, parent_cid, root_remote_id, root_cid, conversation_key, contact_id, author_handle, author_name, text, search_text, language, sentiment, sentiment_score, status, priority, assignee_id, tags, occurred_at, ingested_at, responded_at, liked, hidden";

    private static async Task<List<string>> InsertItemsSqliteAsync(DbConnection connection, DbTransaction tx, InboxAccount account,
        IReadOnlyList<PreparedItem> items, Dictionary<string, string> contacts, DateTimeOffset now, CancellationToken ct)
    {
        var inserted = new List<string>(items.Count);
        if (items.Count == 0)
        {
            return inserted;
        }
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"""
            INSERT INTO inbox_items ({ItemColumns})
            VALUES (@id, @ws, @account, @network, @kind, @remote, @cid, @url, @parent, @parentCid, @root, @rootCid, @conversation, @contact,
                    @handle, @name, @text, @folded, @lang, @sentiment, @score, 'Open', 'Normal', NULL, '', @at, @now, NULL, 0, 0)
            ON CONFLICT (account_id, remote_id) DO NOTHING
            RETURNING id
            """;
        var p = new[] { "@id", "@kind", "@remote", "@cid", "@url", "@parent", "@parentCid", "@root", "@rootCid", "@conversation", "@contact", "@handle", "@name", "@text", "@folded", "@lang", "@sentiment", "@score", "@at" }
            .ToDictionary(n => n, n => Param(command, n));
        Param(command, "@ws", account.WorkspaceId);
        Param(command, "@account", account.Id);
        Param(command, "@network", account.Network);
        Param(command, "@now", now.ToUnixTimeMilliseconds());
        await command.PrepareAsync(ct);
        foreach (var prepared in items)
        {
            var i = prepared.Item;
            Set(p["@id"], prepared.Id);
            Set(p["@kind"], i.Kind.ToString());
            Set(p["@remote"], i.RemoteId);
            Set(p["@cid"], i.Cid);
            Set(p["@url"], i.Url);
            Set(p["@parent"], i.ParentRemoteId);
            Set(p["@parentCid"], i.ParentCid);
            Set(p["@root"], i.RootRemoteId);
            Set(p["@rootCid"], i.RootCid);
            Set(p["@conversation"], i.ConversationKey);
            Set(p["@contact"], contacts.GetValueOrDefault(i.Author.Handle));
            Set(p["@handle"], i.Author.Handle);
            Set(p["@name"], i.Author.Name);
            Set(p["@text"], i.Text);
            Set(p["@folded"], prepared.Folded);
            Set(p["@lang"], prepared.Language);
            Set(p["@sentiment"], prepared.Sentiment);
            Set(p["@score"], prepared.Score);
            Set(p["@at"], i.OccurredAt.ToUnixTimeMilliseconds());
            if (await command.ExecuteScalarAsync(ct) is string id)
            {
                inserted.Add(id);
            }
        }
        return inserted;
    }

    private static async Task InsertEngagementsSqliteAsync(DbConnection connection, DbTransaction tx, InboxAccount account, IReadOnlyList<IncomingEngagement> engagements, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO engagement_events (id, workspace_id, account_id, network, kind, remote_id, actor, subject_remote_id, occurred_at)
            VALUES (@id, @ws, @account, @network, @kind, @remote, @actor, @subject, @at)
            ON CONFLICT (account_id, remote_id) DO NOTHING
            """;
        var pId = Param(command, "@id");
        Param(command, "@ws", account.WorkspaceId);
        Param(command, "@account", account.Id);
        Param(command, "@network", account.Network);
        var pKind = Param(command, "@kind");
        var pRemote = Param(command, "@remote");
        var pActor = Param(command, "@actor");
        var pSubject = Param(command, "@subject");
        var pAt = Param(command, "@at");
        await command.PrepareAsync(ct);
        foreach (var e in engagements)
        {
            pId.Value = Ids.New();
            pKind.Value = e.Kind;
            pRemote.Value = e.RemoteId;
            pActor.Value = e.Actor.Handle;
            Set(pSubject, e.SubjectRemoteId);
            pAt.Value = e.OccurredAt.ToUnixTimeMilliseconds();
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static void Set(DbParameter parameter, object? value) => parameter.Value = value ?? DBNull.Value;

    private static DbParameter Param(DbCommand command, string name, object? value = null)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
        return p;
    }
}
