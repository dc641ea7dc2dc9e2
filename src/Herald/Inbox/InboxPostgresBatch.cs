using Herald.Data;
using Npgsql;
using NpgsqlTypes;

namespace Herald.Inbox;

/// <summary>PostgreSQL's batch inserts: one statement per page, every column sent as an array and expanded with unnest.</summary>
internal static class InboxPostgresBatch
{
    public static async Task<List<string>> InsertItemsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, InboxAccount account,
        IReadOnlyList<PreparedItem> items, Dictionary<string, string> contacts, DateTimeOffset now, CancellationToken ct)
    {
        var inserted = new List<string>(items.Count);
        if (items.Count == 0)
        {
            return inserted;
        }
        await using var command = new NpgsqlCommand($"""
            INSERT INTO inbox_items ({InboxWriter.ItemColumns})
            SELECT id, @ws, @account, @network, kind, remote, cid, url, parent, parent_cid, root, root_cid, conversation, contact,
                   handle, name, text, folded, lang, sentiment, score, 'Open', 'Normal', NULL, '', at, @now, NULL, false, false
            FROM unnest(@id, @kind, @remote, @cid, @url, @parent, @parentCid, @root, @rootCid, @conversation, @contact, @handle, @name, @text, @folded, @lang, @sentiment, @score, @at)
              AS t(id, kind, remote, cid, url, parent, parent_cid, root, root_cid, conversation, contact, handle, name, text, folded, lang, sentiment, score, at)
            ON CONFLICT (account_id, remote_id) DO NOTHING
            RETURNING id
            """, connection, tx);
        command.Parameters.AddWithValue("ws", account.WorkspaceId);
        command.Parameters.AddWithValue("account", account.Id);
        command.Parameters.AddWithValue("network", account.Network);
        command.Parameters.AddWithValue("now", now.ToUnixTimeMilliseconds());
        Text(command, "id", items, p => p.Id);
        Text(command, "kind", items, p => p.Item.Kind.ToString());
        Text(command, "remote", items, p => p.Item.RemoteId);
        Text(command, "cid", items, p => p.Item.Cid);
        Text(command, "url", items, p => p.Item.Url);
        Text(command, "parent", items, p => p.Item.ParentRemoteId);
        Text(command, "parentCid", items, p => p.Item.ParentCid);
        Text(command, "root", items, p => p.Item.RootRemoteId);
        Text(command, "rootCid", items, p => p.Item.RootCid);
        Text(command, "conversation", items, p => p.Item.ConversationKey);
        Text(command, "contact", items, p => contacts.GetValueOrDefault(p.Item.Author.Handle));
        Text(command, "handle", items, p => p.Item.Author.Handle);
        Text(command, "name", items, p => p.Item.Author.Name);
        Text(command, "text", items, p => p.Item.Text);
        Text(command, "folded", items, p => p.Folded);
        Text(command, "lang", items, p => p.Language);
        Text(command, "sentiment", items, p => p.Sentiment);
        command.Parameters.Add(new NpgsqlParameter("score", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = items.Select(p => p.Score).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = items.Select(p => p.Item.OccurredAt.ToUnixTimeMilliseconds()).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            inserted.Add(reader.GetString(0));
        }
        return inserted;
    }

    public static async Task InsertEngagementsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, InboxAccount account, IReadOnlyList<IncomingEngagement> engagements, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO engagement_events (id, workspace_id, account_id, network, kind, remote_id, actor, subject_remote_id, occurred_at)
            SELECT id, @ws, @account, @network, kind, remote, actor, subject, at
            FROM unnest(@id, @kind, @remote, @actor, @subject, @at) AS t(id, kind, remote, actor, subject, at)
            ON CONFLICT (account_id, remote_id) DO NOTHING
            """, connection, tx);
        command.Parameters.AddWithValue("ws", account.WorkspaceId);
        command.Parameters.AddWithValue("account", account.Id);
        command.Parameters.AddWithValue("network", account.Network);
        Text(command, "id", engagements, _ => Ids.New());
        Text(command, "kind", engagements, e => e.Kind);
        Text(command, "remote", engagements, e => e.RemoteId);
        Text(command, "actor", engagements, e => e.Actor.Handle);
        Text(command, "subject", engagements, e => e.SubjectRemoteId);
        command.Parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = engagements.Select(e => e.OccurredAt.ToUnixTimeMilliseconds()).ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }

    private static void Text<T>(NpgsqlCommand command, string name, IReadOnlyList<T> rows, Func<T, string?> value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(value).ToArray() });
}
