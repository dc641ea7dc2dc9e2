using System.Data.Common;
using Herald.Data;
using Herald.Sentiment;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Herald.Crisis;

/// <summary>
/// Crisis detection's view of the inbox: each batch of new items becomes per-minute counts (total, negative) per
/// workspace, upserted in one statement (unnest on PostgreSQL, json_each on SQLite), in the inbox page's own transaction.
/// </summary>
public sealed class SignalRecorder(IDbConnectionFactory connections, CrisisSignal signal) : IConversationSignals
{
    public async Task RecordAsync(IReadOnlyList<ConversationSignal> signals, CancellationToken cancellationToken)
    {
        if (signals.Count == 0)
        {
            return;
        }
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await RecordAsync(signals, tx, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        Committed();
    }

    public async Task RecordAsync(IReadOnlyList<ConversationSignal> signals, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (signals.Count == 0)
        {
            return;
        }
        // Sorted by (workspace, minute): two pages saved at once take their bucket rows' locks in the same order, so they
        // cannot deadlock on PostgreSQL (the inbox page already holds its contacts' locks, taken in handle order).
        var buckets = new SortedDictionary<(string Workspace, long Minute), (int Total, int Negative)>(BucketOrder.Instance);
        foreach (var s in signals)
        {
            var key = (s.WorkspaceId, Minute(s.OccurredAt));
            buckets.TryGetValue(key, out var c);
            buckets[key] = (c.Total + 1, c.Negative + (s.Sentiment == SentimentLabel.Negative ? 1 : 0));
        }
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        if (transaction is NpgsqlTransaction)
        {
            command.CommandText = """
                INSERT INTO crisis_signal_rollups (workspace_id, bucket_start, total, negative)
                SELECT w, b, t, n FROM unnest($1, $2, $3, $4) WITH ORDINALITY AS u(w, b, t, n, o) ORDER BY o
                ON CONFLICT (workspace_id, bucket_start) DO UPDATE
                SET total = crisis_signal_rollups.total + excluded.total, negative = crisis_signal_rollups.negative + excluded.negative
                """;
            var npgsql = (NpgsqlCommand)command;
            npgsql.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = buckets.Keys.Select(k => k.Workspace).ToArray() });
            npgsql.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = buckets.Keys.Select(k => k.Minute).ToArray() });
            npgsql.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = buckets.Values.Select(v => v.Total).ToArray() });
            npgsql.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = buckets.Values.Select(v => v.Negative).ToArray() });
        }
        else
        {
            // One JSON parameter of [workspace, minute, total, negative] rows: one statement whatever the number of buckets.
            command.CommandText = """
                INSERT INTO crisis_signal_rollups (workspace_id, bucket_start, total, negative)
                SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each($rows) WHERE true
                ON CONFLICT (workspace_id, bucket_start) DO UPDATE SET total = total + excluded.total, negative = negative + excluded.negative
                """;
            ((SqliteCommand)command).Parameters.AddWithValue("$rows", System.Text.Json.JsonSerializer.Serialize(
                buckets.Select(b => new object[] { b.Key.Workspace, b.Key.Minute, b.Value.Total, b.Value.Negative })));
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The same per-minute upsert, counting only the candidates whose inbox item exists (one primary-key probe each): run
    /// after the page's insert in its batch, that is exactly the items it inserted, without a round trip to learn them.
    /// </summary>
    public NpgsqlBatchCommand? RecordInBatch(IReadOnlyList<ConversationSignal> candidates)
    {
        if (candidates.Count == 0)
        {
            return null;
        }
        // Grouped and sorted by (workspace, minute) like RecordAsync's buckets, so concurrent pages lock them in one order.
        var command = new NpgsqlBatchCommand("""
            INSERT INTO crisis_signal_rollups (workspace_id, bucket_start, total, negative)
            SELECT s.w, s.b, count(*)::int, (count(*) FILTER (WHERE s.n))::int
            FROM unnest($1, $2, $3, $4) AS s(id, w, b, n)
            WHERE EXISTS (SELECT 1 FROM inbox_items i WHERE i.id = s.id)
            GROUP BY s.w, s.b
            ORDER BY s.w COLLATE "C", s.b
            ON CONFLICT (workspace_id, bucket_start) DO UPDATE
            SET total = crisis_signal_rollups.total + excluded.total, negative = crisis_signal_rollups.negative + excluded.negative
            """);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = candidates.Select(s => s.ItemId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = candidates.Select(s => s.WorkspaceId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = candidates.Select(s => Minute(s.OccurredAt)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean, Value = candidates.Select(s => s.Sentiment == SentimentLabel.Negative).ToArray() });
        return command;
    }

    private static long Minute(DateTimeOffset at)
    {
        var ms = at.ToUnixTimeMilliseconds();
        return ms - (((ms % 60_000) + 60_000) % 60_000);
    }

    public void Committed() => signal.Wake();

    private sealed class BucketOrder : IComparer<(string Workspace, long Minute)>
    {
        public static readonly BucketOrder Instance = new();

        public int Compare((string Workspace, long Minute) x, (string Workspace, long Minute) y) =>
            string.CompareOrdinal(x.Workspace, y.Workspace) is var c and not 0 ? c : x.Minute.CompareTo(y.Minute);
    }
}

/// <summary>Wakes the crisis worker when new signals arrive, so rules run without waiting for the next tick.</summary>
public sealed class CrisisSignal
{
    private TaskCompletionSource _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Wake() => Interlocked.Exchange(ref _tcs, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public Task WaitAsync() => Volatile.Read(ref _tcs).Task;
}
