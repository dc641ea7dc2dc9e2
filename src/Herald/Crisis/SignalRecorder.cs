using Dapper;
using Herald.Data;
using Herald.Sentiment;

namespace Herald.Crisis;

/// <summary>
/// Crisis detection's view of the inbox: each batch of new items becomes per-minute counts (total, negative) per
/// workspace, upserted in one statement on PostgreSQL (unnest) or one prepared statement in one transaction on SQLite.
/// </summary>
public sealed class SignalRecorder(IDbConnectionFactory connections, CrisisSignal signal) : IConversationSignals
{
    public async Task RecordAsync(IReadOnlyList<ConversationSignal> signals, CancellationToken cancellationToken)
    {
        if (signals.Count == 0)
        {
            return;
        }
        var buckets = new Dictionary<(string Workspace, long Minute), (int Total, int Negative)>();
        foreach (var s in signals)
        {
            var minute = s.OccurredAt.ToUnixTimeMilliseconds();
            minute -= ((minute % 60_000) + 60_000) % 60_000;
            var key = (s.WorkspaceId, minute);
            buckets.TryGetValue(key, out var c);
            buckets[key] = (c.Total + 1, c.Negative + (s.Sentiment == SentimentLabel.Negative ? 1 : 0));
        }
        await using var connection = await connections.OpenAsync(cancellationToken);
        if (connections.Kind == DatabaseKind.Postgres)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO crisis_signal_rollups (workspace_id, bucket_start, total, negative)
                SELECT * FROM unnest(@workspaces, @buckets, @totals, @negatives)
                ON CONFLICT (workspace_id, bucket_start) DO UPDATE
                SET total = crisis_signal_rollups.total + excluded.total, negative = crisis_signal_rollups.negative + excluded.negative
                """, new
            {
                workspaces = buckets.Keys.Select(k => k.Workspace).ToArray(),
                buckets = buckets.Keys.Select(k => k.Minute).ToArray(),
                totals = buckets.Values.Select(v => v.Total).ToArray(),
                negatives = buckets.Values.Select(v => v.Negative).ToArray(),
            }, cancellationToken: cancellationToken));
        }
        else
        {
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = """
                INSERT INTO crisis_signal_rollups (workspace_id, bucket_start, total, negative) VALUES ($w, $b, $t, $n)
                ON CONFLICT (workspace_id, bucket_start) DO UPDATE SET total = total + excluded.total, negative = negative + excluded.negative
                """;
            var w = Add(command, "$w");
            var b = Add(command, "$b");
            var t = Add(command, "$t");
            var n = Add(command, "$n");
            foreach (var (key, value) in buckets)
            {
                w.Value = key.Workspace;
                b.Value = key.Minute;
                t.Value = value.Total;
                n.Value = value.Negative;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            await tx.CommitAsync(cancellationToken);
        }
        signal.Wake();
    }

    private static System.Data.Common.DbParameter Add(System.Data.Common.DbCommand command, string name)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        command.Parameters.Add(p);
        return p;
    }
}

/// <summary>Wakes the crisis worker when new signals arrive, so rules run without waiting for the next tick.</summary>
public sealed class CrisisSignal
{
    private TaskCompletionSource _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Wake() => Interlocked.Exchange(ref _tcs, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public Task WaitAsync() => Volatile.Read(ref _tcs).Task;
}
