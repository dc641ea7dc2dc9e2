using System.Globalization;
using Dapper;
using Herald.Data;

namespace Herald.Crisis;

/// <summary>What a rule saw over its window.</summary>
public sealed record RuleFigures(bool Holds, int Count, int Negative, double? Baseline, string Summary);

/// <summary>
/// Evaluates rules against the per-minute rollups. Negative share: negative / total over the window. Volume: the window's
/// count against the usual level for that hour of the week — the mean count of the same UTC hour in each of the previous
/// <see cref="CrisisRule.BaselineWeeks"/> weeks that have any history, scaled to the window; a workspace with no history
/// yet uses <see cref="CrisisRule.MinimumCount"/> as its usual level, so a new workspace is not alarmed by ordinary traffic.
/// </summary>
public sealed class RuleEvaluator(IDbConnectionFactory connections)
{
    private const long Minute = 60_000;
    private const long Hour = 3_600_000;
    private const long Week = 7 * 24 * Hour;

    public async Task<RuleFigures> EvaluateAsync(CrisisRule rule, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var nowMs = now.ToUnixTimeMilliseconds();
        // The window is the last N minute buckets, the current (partial) one included.
        var to = nowMs - (nowMs % Minute) + Minute;
        var from = to - (rule.WindowMinutes * Minute);
        var (count, negative) = await SumAsync(connection, rule.WorkspaceId, from, to, ct);
        var inv = CultureInfo.InvariantCulture;
        if (rule.Kind == CrisisRuleKind.NegativeShare)
        {
            var share = count == 0 ? 0 : negative * 100.0 / count;
            var holds = count >= rule.MinimumCount && share >= rule.Threshold;
            return new RuleFigures(holds, count, negative, null, string.Format(inv,
                "{0:0}% of the {1} items in the last {2} minutes are negative ({3} negative; threshold {4:0.#}%, minimum {5} items).",
                share, count, rule.WindowMinutes, negative, rule.Threshold, rule.MinimumCount));
        }

        var hourStart = nowMs - (nowMs % Hour);
        var first = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MIN(bucket_start) FROM crisis_signal_rollups WHERE workspace_id = @ws", new { ws = rule.WorkspaceId }, cancellationToken: ct));
        var hourly = new List<int>();
        for (var k = 1; k <= rule.BaselineWeeks; k++)
        {
            var start = hourStart - (k * Week);
            if (first is null || start + Hour <= first.Value)
            {
                // Before the workspace's first item: no history, not "zero items".
                continue;
            }
            hourly.Add((await SumAsync(connection, rule.WorkspaceId, start, start + Hour, ct)).Total);
        }
        double baseline = hourly.Count == 0 ? rule.MinimumCount : hourly.Average() * rule.WindowMinutes / 60.0;
        var ratio = count / Math.Max(baseline, 1);
        var fires = count >= rule.MinimumCount && ratio >= rule.Threshold;
        var basis = hourly.Count == 0 ? "no history yet, so the minimum is the usual level" : $"the same hour over the previous {hourly.Count} week(s)";
        return new RuleFigures(fires, count, negative, baseline, string.Format(inv,
            "{0} items in the last {1} minutes, {2:0.0}× the usual {3:0.#} ({4}; threshold {5:0.#}×, minimum {6} items).",
            count, rule.WindowMinutes, ratio, baseline, basis, rule.Threshold, rule.MinimumCount));
    }

    private static async Task<(int Total, int Negative)> SumAsync(System.Data.Common.DbConnection connection, string workspaceId, long from, long to, CancellationToken ct)
    {
        var row = await connection.QuerySingleAsync<(long? Total, long? Negative)>(new CommandDefinition(
            "SELECT SUM(total), SUM(negative) FROM crisis_signal_rollups WHERE workspace_id = @ws AND bucket_start >= @from AND bucket_start < @to",
            new { ws = workspaceId, from, to }, cancellationToken: ct));
        return ((int)(row.Total ?? 0), (int)(row.Negative ?? 0));
    }
}
