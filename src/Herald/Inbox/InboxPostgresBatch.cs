using Npgsql;
using NpgsqlTypes;

namespace Herald.Inbox;

/// <summary>
/// PostgreSQL's save of one page, every column an array expanded with unnest: the contacts in a round trip and implicit
/// transaction of their own, then items, engagement, cursor and the signals' statements in one more (<see cref="NpgsqlBatch"/>);
/// or all of them in the caller's transaction.
/// </summary>
internal static class InboxPostgresBatch
{
    /// <summary>
    /// Runs the page's statements in <paramref name="tx"/>; without one, as two implicit transactions of a round trip each: the
    /// contacts, then the items, engagement, cursor and <paramref name="afterItems"/>, all of them or none.
    /// </summary>
    public static async Task<List<string>> SaveAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, InboxAccount account, string source,
        IReadOnlyList<PreparedItem> items, IReadOnlyList<ContactRow> contacts, IReadOnlyList<IncomingEngagement> engagements,
        string? cursor, DateTimeOffset now, IReadOnlyList<NpgsqlBatchCommand> afterItems, CancellationToken ct)
    {
        if (tx is not null)
        {
            return await RunAsync(connection, tx, account, source, items, contacts, engagements, cursor, now, afterItems, guarded: true, ct);
        }
        // The ingestor has already dropped the items stored before (one query per page), so the items are inserted without
        // ON CONFLICT: its speculative insertion costs every row an extra WAL record and a second pass over the unique index
        // (about a fifth of the insert's time on a page of 200). Should one be there after all (an item twice in one page,
        // or stored since the look-up by another process polling the same account), the unique index refuses the page, whose
        // transaction then changes nothing, and it is saved again with ON CONFLICT DO NOTHING, which skips what is there.
        try
        {
            return await RunAsync(connection, null, account, source, items, contacts, engagements, cursor, now, afterItems, guarded: false, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == ItemKey)
        {
            // The contacts committed in the first attempt's own round trip; the commands after the items are spent with it.
            return await RunAsync(connection, null, account, source, items, [], engagements, cursor, now, afterItems.Select(Copy).ToList(), guarded: true, ct);
        }
    }

    private const string ItemKey = "ix_inbox_items_account_id_remote_id";

    private static NpgsqlBatchCommand Copy(NpgsqlBatchCommand command)
    {
        var copy = new NpgsqlBatchCommand(command.CommandText);
        foreach (NpgsqlParameter parameter in command.Parameters)
        {
            copy.Parameters.Add(parameter.Clone());
        }
        return copy;
    }

    private static async Task<List<string>> RunAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, InboxAccount account, string source,
        IReadOnlyList<PreparedItem> items, IReadOnlyList<ContactRow> contacts, IReadOnlyList<IncomingEngagement> engagements,
        string? cursor, DateTimeOffset now, IReadOnlyList<NpgsqlBatchCommand> afterItems, bool guarded, CancellationToken ct)
    {
        if (tx is null && contacts.Count > 0)
        {
            // The contacts commit on their own, in a round trip before the page's. An upsert locks every known contact it
            // meets until its transaction ends; held through the items' insert too, pages saved at once that share people
            // waited for each other's whole page (pg_stat_statements, 4 accounts in flight: 15.6 ms per contacts upsert
            // against 11.0 for the items'). If the page's own transaction then fails, or the process dies between the two,
            // the people are saved without the page; the next poll reads the page again and finds them: nothing is lost,
            // and an upsert done twice changes nothing. (Not an error barrier in one round trip: after a failed upsert the
            // server would still run and commit the items, without their contacts.)
            await using var people = new NpgsqlBatch(connection);
            people.BatchCommands.Add(AsyncCommit());
            people.BatchCommands.Add(Contacts(account, contacts));
            await people.ExecuteNonQueryAsync(ct);
        }
        await using var batch = new NpgsqlBatch(connection, tx);
        batch.BatchCommands.Add(AsyncCommit());
        if (tx is not null && contacts.Count > 0)
        {
            batch.BatchCommands.Add(Contacts(account, contacts));
        }
        if (items.Count > 0)
        {
            batch.BatchCommands.Add(Items(account, items, now, guarded));
        }
        if (engagements.Count > 0)
        {
            batch.BatchCommands.Add(Engagements(account, engagements));
        }
        batch.BatchCommands.Add(Cursor(account, source, cursor, now));
        foreach (var command in afterItems)
        {
            batch.BatchCommands.Add(command);
        }
        var inserted = new List<string>(items.Count);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        // Only the items' insert returns rows that matter: its ids. set_config returns one too, named set_config.
        do
        {
            if (reader.FieldCount == 1 && reader.GetName(0) == "id")
            {
                while (await reader.ReadAsync(ct))
                {
                    inserted.Add(reader.GetString(0));
                }
            }
        }
        while (await reader.NextResultAsync(ct));
        return inserted;
    }

    // The page's commit does not wait for its WAL record to reach the disk (PostgreSQL writes it within wal_writer_delay,
    // 200 ms by default): the same promise SQLite's synchronous=NORMAL makes for the same page. A Herald crash loses nothing
    // (the server has the commit); a server crash or power cut may lose the last pages, items, counts and cursor together,
    // never one without the others, and the next poll reads them again from the network. Measured before: a page's commit
    // took ~7 ms (load 5), a third to a fifth of the page's batch. set_config(…, true) rather than SET LOCAL: the latter only
    // takes effect in an explicit transaction block, and without one each part of the batch is an implicit transaction (the
    // server commits it at the Sync that ends it), so each part sets it for itself.
    private static NpgsqlBatchCommand AsyncCommit() => new("SELECT set_config('synchronous_commit', 'off', true)");

    // Sorted by handle (C collation, the order InboxWriter sorted them in): rows are inserted, and their locks taken, in
    // that order, so two pages of one workspace saved at once lock common contacts in the same order and cannot deadlock
    // (a conflicting row is locked even when the update's WHERE skips it). A known contact gets a new row version only
    // when the page changes something: fewer dead tuples and WAL records than rewriting every author of every page.
    private static NpgsqlBatchCommand Contacts(InboxAccount account, IReadOnlyList<ContactRow> contacts)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO contacts (id, workspace_id, network, handle, display_name, avatar_url, follows_brand, tags, first_seen_at, last_seen_at)
            SELECT id, $1, $2, handle, name, avatar, follows, '', at, at
            FROM unnest($3, $4, $5, $6, $7, $8) AS t(id, handle, name, avatar, follows, at)
            ORDER BY handle COLLATE "C"
            ON CONFLICT (workspace_id, network, handle) DO UPDATE SET
              display_name = COALESCE(excluded.display_name, contacts.display_name),
              avatar_url = COALESCE(excluded.avatar_url, contacts.avatar_url),
              follows_brand = (contacts.follows_brand OR excluded.follows_brand),
              last_seen_at = GREATEST(contacts.last_seen_at, excluded.last_seen_at)
            WHERE excluded.last_seen_at > contacts.last_seen_at
               OR (excluded.follows_brand AND NOT contacts.follows_brand)
               OR (excluded.display_name IS NOT NULL AND excluded.display_name IS DISTINCT FROM contacts.display_name)
               OR (excluded.avatar_url IS NOT NULL AND excluded.avatar_url IS DISTINCT FROM contacts.avatar_url)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = account.WorkspaceId });
        command.Parameters.Add(new NpgsqlParameter { Value = account.Network });
        Text(command, contacts, _ => Data.Ids.New());
        Text(command, contacts, c => c.Handle);
        Text(command, contacts, c => c.Name);
        Text(command, contacts, c => c.AvatarUrl);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean, Value = contacts.Select(c => c.Follows).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = contacts.Select(c => c.At).ToArray() });
        return command;
    }

    // The contact id comes from the row the statement before upserted (same transaction, same batch), looked up per item
    // through the unique (workspace, network, handle) index. Not a join: on a young table the planner estimated one contact
    // per workspace and hashed all of them for every page (auto_explain: 36 of the 47 ms a page's insert took at 10,000
    // contacts); the scalar subquery is one index probe per item whatever the statistics say.
    private static NpgsqlBatchCommand Items(InboxAccount account, IReadOnlyList<PreparedItem> items, DateTimeOffset now, bool guarded)
    {
        var command = new NpgsqlBatchCommand($"""
            INSERT INTO inbox_items ({InboxWriter.ItemColumns})
            SELECT t.id, $1, $2, $3, kind, remote, cid, url, parent, parent_cid, root, root_cid, conversation,
                   (SELECT c.id FROM contacts c WHERE c.workspace_id = $1 AND c.network = $3 AND c.handle = t.handle),
                   t.handle, name, text, folded, lang, sentiment, score, 'Open', 'Normal', NULL, '', at, $4, NULL, false, false
            FROM unnest($5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
              AS t(id, kind, remote, cid, url, parent, parent_cid, root, root_cid, conversation, handle, name, text, folded, lang, sentiment, score, at)
            {(guarded ? "ON CONFLICT (account_id, remote_id) DO NOTHING" : "")}
            RETURNING id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = account.WorkspaceId });
        command.Parameters.Add(new NpgsqlParameter { Value = account.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = account.Network });
        command.Parameters.Add(new NpgsqlParameter { Value = now.ToUnixTimeMilliseconds() });
        Text(command, items, p => p.Id);
        Text(command, items, p => p.Item.Kind.ToString());
        Text(command, items, p => p.Item.RemoteId);
        Text(command, items, p => p.Item.Cid);
        Text(command, items, p => p.Item.Url);
        Text(command, items, p => p.Item.ParentRemoteId);
        Text(command, items, p => p.Item.ParentCid);
        Text(command, items, p => p.Item.RootRemoteId);
        Text(command, items, p => p.Item.RootCid);
        Text(command, items, p => p.Item.ConversationKey);
        Text(command, items, p => p.Item.Author.Handle);
        Text(command, items, p => p.Item.Author.Name);
        Text(command, items, p => p.Item.Text);
        Text(command, items, p => p.Folded);
        Text(command, items, p => p.Language);
        Text(command, items, p => p.Sentiment);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double, Value = items.Select(p => p.Score).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = items.Select(p => p.Item.OccurredAt.ToUnixTimeMilliseconds()).ToArray() });
        return command;
    }

    private static NpgsqlBatchCommand Engagements(InboxAccount account, IReadOnlyList<IncomingEngagement> engagements)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO engagement_events (id, workspace_id, account_id, network, kind, remote_id, actor, subject_remote_id, occurred_at)
            SELECT id, $1, $2, $3, kind, remote, actor, subject, at
            FROM unnest($4, $5, $6, $7, $8, $9) AS t(id, kind, remote, actor, subject, at)
            ON CONFLICT (account_id, remote_id) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = account.WorkspaceId });
        command.Parameters.Add(new NpgsqlParameter { Value = account.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = account.Network });
        Text(command, engagements, _ => Data.Ids.New());
        Text(command, engagements, e => e.Kind);
        Text(command, engagements, e => e.RemoteId);
        Text(command, engagements, e => e.Actor.Handle);
        Text(command, engagements, e => e.SubjectRemoteId);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = engagements.Select(e => e.OccurredAt.ToUnixTimeMilliseconds()).ToArray() });
        return command;
    }

    private static NpgsqlBatchCommand Cursor(InboxAccount account, string source, string? cursor, DateTimeOffset now)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO inbox_cursors (account_id, source, position, updated_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (account_id, source) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = account.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = source });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)cursor ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = now.ToUnixTimeMilliseconds() });
        return command;
    }

    private static void Text<T>(NpgsqlBatchCommand command, IReadOnlyList<T> rows, Func<T, string?> value) =>
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = rows.Select(value).ToArray() });
}
