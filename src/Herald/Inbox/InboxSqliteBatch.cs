using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Herald.Data;

namespace Herald.Inbox;

/// <summary>
/// SQLite's save of one page inside the caller's transaction: one statement per table, whose rows come from one JSON
/// parameter expanded by <c>jsonb_each</c> (contacts upserted, items and engagement inserted if absent), then the cursor.
/// </summary>
/// <remarks>
/// The JSON texts are written by <see cref="Rows"/> before the caller takes the single writer's gate, so the write lock is
/// held for SQLite's own work only. Neither a prepared statement executed per row nor multi-row VALUES: Microsoft.Data.Sqlite binds every parameter by name
/// (SQLite looks each name up by a linear scan), and each execution costs a managed round of binding, stepping and
/// resetting. One JSON text per table is one bind and one step loop inside SQLite for the whole page. <c>jsonb_each</c>
/// rather than <c>json_each</c>: it hands each row's array over as a JSONB blob, which <c>-&gt;&gt;</c> reads as it is, where
/// <c>json_each</c> turns it back into text that the first <c>-&gt;&gt;</c> of the row parses again.
/// </remarks>
internal static class InboxSqliteBatch
{
    /// <summary>
    /// A page's rows as the JSON texts (UTF-8) the statements expand; null where the page has none. Bound as blobs and read
    /// back as text (<c>CAST($rows AS TEXT)</c>): a .NET string would be decoded from the writer's UTF-8 into UTF-16 and
    /// encoded back into UTF-8 for SQLite, two passes over every page's text for nothing.
    /// </summary>
    public sealed record Rows(byte[]? Contacts, byte[]? Items, int ItemCount, byte[]? Engagements)
    {
        public static Rows Of(IReadOnlyList<PreparedItem> items, IReadOnlyList<ContactRow> contacts, IReadOnlyList<IncomingEngagement> engagements) => new(
            contacts.Count > 0 ? ContactRows(contacts) : null,
            items.Count > 0 ? ItemRows(items) : null,
            items.Count,
            engagements.Count > 0 ? EngagementRows(engagements) : null);
    }

    public static async Task<List<string>> SaveAsync(SqliteConnection connection, SqliteTransaction tx, InboxAccount account, string source,
        Rows rows, string? cursor, DateTimeOffset now, CancellationToken ct)
    {
        var mark = InboxStages.Start();
        if (rows.Contacts is not null)
        {
            await UpsertContactsAsync(connection, tx, account, rows.Contacts, ct);
        }
        InboxStages.Stop(InboxStage.Contacts, mark);
        mark = InboxStages.Start();
        var inserted = rows.Items is not null ? await InsertItemsAsync(connection, tx, account, rows.Items, rows.ItemCount, now, ct) : [];
        InboxStages.Stop(InboxStage.Items, mark);
        mark = InboxStages.Start();
        if (rows.Engagements is not null)
        {
            await InsertEngagementsAsync(connection, tx, account, rows.Engagements, ct);
        }
        InboxStages.Stop(InboxStage.Engagement, mark);
        mark = InboxStages.Start();
        await using var command = Command(connection, tx, """
            INSERT INTO inbox_cursors (account_id, source, position, updated_at) VALUES ($account, $source, $cursor, $now)
            ON CONFLICT (account_id, source) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
            """);
        command.AddParameter("$account", account.Id);
        command.AddParameter("$source", source);
        command.AddParameter("$cursor", cursor);
        command.AddParameter("$now", now.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(ct);
        InboxStages.Stop(InboxStage.Cursor, mark);
        return inserted;
    }

    // Rows are [id, handle, name, avatar, follows, at]. A known contact is rewritten only when the page changes something
    // (SQLite rewrites the row, and dirties its page for the WAL, even when an update sets the values it had): most
    // authors of a page are known, and one seen on a newer item of another account keeps its row as it is.
    private static async Task UpsertContactsAsync(SqliteConnection connection, SqliteTransaction tx, InboxAccount account,
        byte[] rows, CancellationToken ct)
    {
        await using var command = Command(connection, tx, """
            INSERT INTO contacts (id, workspace_id, network, handle, display_name, avatar_url, follows_brand, tags, first_seen_at, last_seen_at)
            SELECT value ->> 0, $ws, $network, value ->> 1, value ->> 2, value ->> 3, value ->> 4, '', value ->> 5, value ->> 5
            FROM jsonb_each(CAST($rows AS TEXT)) WHERE true
            ON CONFLICT (workspace_id, network, handle) DO UPDATE SET
              display_name = COALESCE(excluded.display_name, contacts.display_name),
              avatar_url = COALESCE(excluded.avatar_url, contacts.avatar_url),
              follows_brand = (contacts.follows_brand OR excluded.follows_brand),
              last_seen_at = MAX(contacts.last_seen_at, excluded.last_seen_at)
            WHERE excluded.last_seen_at > contacts.last_seen_at
               OR (excluded.follows_brand AND NOT contacts.follows_brand)
               OR (excluded.display_name IS NOT NULL AND excluded.display_name IS NOT contacts.display_name)
               OR (excluded.avatar_url IS NOT NULL AND excluded.avatar_url IS NOT contacts.avatar_url)
            """);
        command.AddParameter("$ws", account.WorkspaceId);
        command.AddParameter("$network", account.Network);
        command.AddParameter("$rows", rows);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static byte[] ContactRows(IReadOnlyList<ContactRow> contacts) => Json(contacts, (w, c) =>
    {
        w.WriteStringValue(Ids.New());
        w.WriteStringValue(c.Handle);
        String(w, c.Name);
        String(w, c.AvatarUrl);
        w.WriteNumberValue(c.Follows ? 1 : 0);
        w.WriteNumberValue(c.At);
    });

    // Rows are [id, kind, remote, cid, url, parent, parent_cid, root, root_cid, conversation, handle, name, text, folded,
    // language, sentiment, score, at]; the contact id comes from the row the statement before upserted.
    private static async Task<List<string>> InsertItemsAsync(SqliteConnection connection, SqliteTransaction tx, InboxAccount account,
        byte[] rows, int count, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = Command(connection, tx, $"""
            INSERT INTO inbox_items ({InboxWriter.ItemColumns})
            SELECT value ->> 0, $ws, $account, $network, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6,
                   value ->> 7, value ->> 8, value ->> 9,
                   (SELECT c.id FROM contacts c WHERE c.workspace_id = $ws AND c.network = $network AND c.handle = value ->> 10),
                   value ->> 10, value ->> 11, value ->> 12, value ->> 13, value ->> 14, value ->> 15, value ->> 16,
                   'Open', 'Normal', NULL, '', value ->> 17, $now, NULL, 0, 0
            FROM jsonb_each(CAST($rows AS TEXT)) WHERE true
            ON CONFLICT (account_id, remote_id) DO NOTHING
            RETURNING id
            """);
        command.AddParameter("$ws", account.WorkspaceId);
        command.AddParameter("$account", account.Id);
        command.AddParameter("$network", account.Network);
        command.AddParameter("$now", now.ToUnixTimeMilliseconds());
        command.AddParameter("$rows", rows);
        var inserted = new List<string>(count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            inserted.Add(reader.GetString(0));
        }
        return inserted;
    }

    private static byte[] ItemRows(IReadOnlyList<PreparedItem> items) => Json(items, (w, p) =>
    {
        var i = p.Item;
        w.WriteStringValue(p.Id);
        w.WriteStringValue(i.Kind.ToString());
        w.WriteStringValue(i.RemoteId);
        String(w, i.Cid);
        String(w, i.Url);
        String(w, i.ParentRemoteId);
        String(w, i.ParentCid);
        String(w, i.RootRemoteId);
        String(w, i.RootCid);
        w.WriteStringValue(i.ConversationKey);
        w.WriteStringValue(i.Author.Handle);
        String(w, i.Author.Name);
        w.WriteStringValue(i.Text);
        w.WriteStringValue(p.Folded);
        String(w, p.Language);
        String(w, p.Sentiment);
        if (p.Score is { } score)
        {
            w.WriteNumberValue(score);
        }
        else
        {
            w.WriteNullValue();
        }
        w.WriteNumberValue(i.OccurredAt.ToUnixTimeMilliseconds());
    });

    // Rows are [id, kind, remote, actor, subject, at].
    private static async Task InsertEngagementsAsync(SqliteConnection connection, SqliteTransaction tx, InboxAccount account,
        byte[] rows, CancellationToken ct)
    {
        await using var command = Command(connection, tx, """
            INSERT INTO engagement_events (id, workspace_id, account_id, network, kind, remote_id, actor, subject_remote_id, occurred_at)
            SELECT value ->> 0, $ws, $account, $network, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5
            FROM jsonb_each(CAST($rows AS TEXT)) WHERE true
            ON CONFLICT (account_id, remote_id) DO NOTHING
            """);
        command.AddParameter("$ws", account.WorkspaceId);
        command.AddParameter("$account", account.Id);
        command.AddParameter("$network", account.Network);
        command.AddParameter("$rows", rows);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static byte[] EngagementRows(IReadOnlyList<IncomingEngagement> engagements) => Json(engagements, (w, e) =>
    {
        w.WriteStringValue(Ids.New());
        w.WriteStringValue(e.Kind);
        w.WriteStringValue(e.RemoteId);
        w.WriteStringValue(e.Actor.Handle);
        String(w, e.SubjectRemoteId);
        w.WriteNumberValue(e.OccurredAt.ToUnixTimeMilliseconds());
    });

    /// <summary>A JSON array with one array per row, written by <paramref name="row"/>.</summary>
    private static byte[] Json<T>(IReadOnlyList<T> rows, Action<Utf8JsonWriter, T> row)
    {
        var buffer = new ArrayBufferWriter<byte>(rows.Count * 256);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach (var r in rows)
            {
                w.WriteStartArray();
                row(w, r);
                w.WriteEndArray();
            }
            w.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void String(Utf8JsonWriter w, string? value)
    {
        if (value is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteStringValue(value);
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction tx, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return command;
    }
}
