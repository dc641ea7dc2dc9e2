using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Herald.Inbox;

/// <summary>
/// SQLite's save of one page inside the caller's transaction: multi-row INSERTs of up to <see cref="Rows"/> rows each
/// (contacts upserted, items and engagement inserted if absent), then the cursor.
/// </summary>
internal static class InboxSqliteBatch
{
    // 64 rows of 19 parameters stay far below SQLite's limit of 32,766 variables.
    private const int Rows = 64;

    public static async Task<List<string>> SaveAsync(SqliteConnection connection, SqliteTransaction tx, InboxAccount account, string source,
        IReadOnlyList<PreparedItem> items, IReadOnlyList<ContactRow> contacts, IReadOnlyList<IncomingEngagement> engagements,
        string? cursor, DateTimeOffset now, CancellationToken ct)
    {
        var ids = new Dictionary<string, string>(contacts.Count, StringComparer.Ordinal);
        foreach (var chunk in contacts.Chunk(Rows))
        {
            await using var command = Command(connection, tx, ContactsSql(chunk.Length), account);
            for (var r = 0; r < chunk.Length; r++)
            {
                var c = chunk[r];
                Add(command, $"$i{r}", Data.Ids.New());
                Add(command, $"$h{r}", c.Handle);
                Add(command, $"$n{r}", c.Name);
                Add(command, $"$a{r}", c.AvatarUrl);
                Add(command, $"$f{r}", c.Follows);
                Add(command, $"$t{r}", c.At);
            }
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ids[reader.GetString(0)] = reader.GetString(1);
            }
        }
        var inserted = new List<string>(items.Count);
        foreach (var chunk in items.Chunk(Rows))
        {
            await using var command = Command(connection, tx, ItemsSql(chunk.Length), account);
            Add(command, "$now", now.ToUnixTimeMilliseconds());
            for (var r = 0; r < chunk.Length; r++)
            {
                var p = chunk[r];
                var i = p.Item;
                Add(command, $"$i{r}", p.Id);
                Add(command, $"$k{r}", i.Kind.ToString());
                Add(command, $"$r{r}", i.RemoteId);
                Add(command, $"$c{r}", i.Cid);
                Add(command, $"$u{r}", i.Url);
                Add(command, $"$p{r}", i.ParentRemoteId);
                Add(command, $"$pc{r}", i.ParentCid);
                Add(command, $"$o{r}", i.RootRemoteId);
                Add(command, $"$oc{r}", i.RootCid);
                Add(command, $"$v{r}", i.ConversationKey);
                Add(command, $"$ct{r}", ids.GetValueOrDefault(i.Author.Handle));
                Add(command, $"$h{r}", i.Author.Handle);
                Add(command, $"$n{r}", i.Author.Name);
                Add(command, $"$x{r}", i.Text);
                Add(command, $"$fx{r}", p.Folded);
                Add(command, $"$l{r}", p.Language);
                Add(command, $"$s{r}", p.Sentiment);
                Add(command, $"$sc{r}", p.Score);
                Add(command, $"$at{r}", i.OccurredAt.ToUnixTimeMilliseconds());
            }
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                inserted.Add(reader.GetString(0));
            }
        }
        foreach (var chunk in engagements.Chunk(Rows))
        {
            await using var command = Command(connection, tx, EngagementsSql(chunk.Length), account);
            for (var r = 0; r < chunk.Length; r++)
            {
                var e = chunk[r];
                Add(command, $"$i{r}", Data.Ids.New());
                Add(command, $"$k{r}", e.Kind);
                Add(command, $"$r{r}", e.RemoteId);
                Add(command, $"$h{r}", e.Actor.Handle);
                Add(command, $"$s{r}", e.SubjectRemoteId);
                Add(command, $"$at{r}", e.OccurredAt.ToUnixTimeMilliseconds());
            }
            await command.ExecuteNonQueryAsync(ct);
        }
        await using (var command = Command(connection, tx, """
            INSERT INTO inbox_cursors (account_id, source, position, updated_at) VALUES ($account, $source, $cursor, $now)
            ON CONFLICT (account_id, source) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
            """, account))
        {
            Add(command, "$source", source);
            Add(command, "$cursor", cursor);
            Add(command, "$now", now.ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(ct);
        }
        return inserted;
    }

    private static string ContactsSql(int rows) => $"""
        INSERT INTO contacts (id, workspace_id, network, handle, display_name, avatar_url, follows_brand, tags, first_seen_at, last_seen_at)
        VALUES {Values(rows, r => $"($i{r}, $ws, $network, $h{r}, $n{r}, $a{r}, $f{r}, '', $t{r}, $t{r})")}
        ON CONFLICT (workspace_id, network, handle) DO UPDATE SET
          display_name = COALESCE(excluded.display_name, contacts.display_name),
          avatar_url = COALESCE(excluded.avatar_url, contacts.avatar_url),
          follows_brand = (contacts.follows_brand OR excluded.follows_brand),
          last_seen_at = MAX(contacts.last_seen_at, excluded.last_seen_at)
        RETURNING handle, id
        """;

    private static string ItemsSql(int rows) => $"""
        INSERT INTO inbox_items ({InboxWriter.ItemColumns})
        VALUES {Values(rows, r => $"($i{r}, $ws, $account, $network, $k{r}, $r{r}, $c{r}, $u{r}, $p{r}, $pc{r}, $o{r}, $oc{r}, $v{r}, $ct{r}, $h{r}, $n{r}, $x{r}, $fx{r}, $l{r}, $s{r}, $sc{r}, 'Open', 'Normal', NULL, '', $at{r}, $now, NULL, 0, 0)")}
        ON CONFLICT (account_id, remote_id) DO NOTHING
        RETURNING id
        """;

    private static string EngagementsSql(int rows) => $"""
        INSERT INTO engagement_events (id, workspace_id, account_id, network, kind, remote_id, actor, subject_remote_id, occurred_at)
        VALUES {Values(rows, r => $"($i{r}, $ws, $account, $network, $k{r}, $r{r}, $h{r}, $s{r}, $at{r})")}
        ON CONFLICT (account_id, remote_id) DO NOTHING
        """;

    private static string Values(int rows, Func<int, string> row)
    {
        var sql = new StringBuilder();
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "" : ",\n").Append(row(r));
        }
        return sql.ToString();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction tx, string sql, InboxAccount account)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        if (sql.Contains("$ws", StringComparison.Ordinal))
        {
            Add(command, "$ws", account.WorkspaceId);
        }
        if (sql.Contains("$account", StringComparison.Ordinal))
        {
            Add(command, "$account", account.Id);
        }
        if (sql.Contains("$network", StringComparison.Ordinal))
        {
            Add(command, "$network", account.Network);
        }
        return command;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
    }
}
