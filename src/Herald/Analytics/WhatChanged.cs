using Herald.Data;
using Microsoft.EntityFrameworkCore;

namespace Herald.Analytics;

/// <summary>A day whose engagement was far from its usual level for that weekday.</summary>
public sealed record Anomaly(DateOnly Day, string Kind, long Value, double Baseline, double Score, IReadOnlyList<Change> Changes, IReadOnlyList<Annotation> Annotations);

/// <summary>What moved between the two weeks before an anomaly and its own week: a measure, before, during.</summary>
public sealed record Change(string Measure, string Before, string During);

/// <summary>Everything the "what changed" page shows.</summary>
public sealed record WhatChangedResult(KpiQuery Query, IReadOnlyList<DailyPoint> Series, IReadOnlyList<Anomaly> Anomalies, IReadOnlyList<Annotation> Annotations);

/// <summary>
/// Finds drops and spikes in daily engagements against a weekday-aware baseline: the median of the same weekday over the
/// previous 6 weeks (at least 3 of them), with the median absolute deviation (MAD) as the scale. A day is flagged when its
/// robust z-score 0.6745·(x − median)/MAD reaches ±3.5 (Iglewicz and Hoaglin's rule) and it differs by at least 5
/// engagements. Each is shown with what changed around it (posting frequency, hour, content type, network mix).
/// </summary>
public sealed class WhatChanged(IKpiService kpis, HeraldDb db)
{
    public const double Threshold = 3.5;
    public const int Weeks = 6;

    public async Task<WhatChangedResult> FindAsync(KpiQuery query, CancellationToken ct)
    {
        var extended = query with { From = query.From.AddDays(-7 * Weeks) };
        var series = await kpis.DailyAsync(extended, ct);
        var byDay = series.ToDictionary(p => p.Day);
        var annotations = await db.Set<Annotation>().AsNoTracking()
            .Where(a => a.WorkspaceId == query.WorkspaceId && a.Day >= query.From.DayNumber - 3 && a.Day <= query.To.DayNumber)
            .OrderBy(a => a.Day).ToListAsync(ct);
        var posts = await PostsAsync(query, query.From.AddDays(-20), query.To, ct);
        var anomalies = new List<Anomaly>();
        foreach (var point in series.Where(p => p.Day >= query.From))
        {
            var history = Enumerable.Range(1, Weeks).Select(w => point.Day.AddDays(-7 * w)).Where(byDay.ContainsKey).Select(d => (double)byDay[d].Engagements).ToList();
            if (Detect(point.Engagements, history) is not { } found)
            {
                continue;
            }
            var changes = Changes(posts, point.Day);
            var near = annotations.Where(a => Math.Abs(a.Day - point.Day.DayNumber) <= 3).ToList();
            anomalies.Add(new Anomaly(point.Day, found.Kind, point.Engagements, found.Median, found.Score, changes, near));
        }
        return new WhatChangedResult(query, series.Where(p => p.Day >= query.From).ToList(), anomalies, annotations);
    }

    /// <summary>The robust test on one value against its weekday history; null when usual (or too little history).</summary>
    public static (string Kind, double Median, double Score)? Detect(double value, IReadOnlyList<double> history)
    {
        if (history.Count < 3)
        {
            return null;
        }
        var median = Median(history);
        var mad = Median(history.Select(h => Math.Abs(h - median)).ToList());
        // A perfectly flat history has no spread: use 10 % of its level (at least 1) so any real move still counts.
        var scale = mad > 0 ? mad : Math.Max(1, 0.1 * median);
        var score = 0.6745 * (value - median) / scale;
        if (Math.Abs(score) < Threshold || Math.Abs(value - median) < 5)
        {
            return null;
        }
        return (score > 0 ? "spike" : "drop", median, Math.Round(score, 1));
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        var n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }

    /// <summary>The period's posts (and the 20 days before it), read once for every anomaly.</summary>
    private async Task<List<PostFacts>> PostsAsync(KpiQuery query, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var (workspace, start, end, accounts, network) = (query.WorkspaceId, from.DayNumber, to.DayNumber, query.AccountIds?.ToList(), query.Network);
        return await db.Set<PostMetrics>().AsNoTracking()
            .Where(m => m.WorkspaceId == workspace && m.Day >= start && m.Day <= end)
            .Where(m => accounts == null || accounts.Contains(m.AccountId))
            .Where(m => network == null || m.Network == network)
            .Select(m => new PostFacts(m.Day, m.LocalHour, m.ContentType, m.Network))
            .ToListAsync(ct);
    }

    private sealed record PostFacts(int Day, int LocalHour, string ContentType, string Network);

    /// <summary>The 14 days before the anomaly's week against its week (the 7 days ending on it).</summary>
    private static List<Change> Changes(List<PostFacts> posts, DateOnly day)
    {
        var duringFrom = day.AddDays(-6).DayNumber;
        var beforeFrom = day.AddDays(-20).DayNumber;
        var rows = posts.Where(p => p.Day >= beforeFrom && p.Day <= day.DayNumber).ToList();
        var before = rows.Where(r => r.Day < duringFrom).ToList();
        var during = rows.Where(r => r.Day >= duringFrom).ToList();
        var changes = new List<Change>
        {
            new("posts_per_day", (before.Count / 14.0).ToString("0.#", System.Globalization.CultureInfo.CurrentCulture), (during.Count / 7.0).ToString("0.#", System.Globalization.CultureInfo.CurrentCulture)),
            new("usual_hour", Hour(before.Select(r => r.LocalHour)), Hour(during.Select(r => r.LocalHour))),
            new("content_mix", Mix(before.Select(r => r.ContentType)), Mix(during.Select(r => r.ContentType))),
            new("network_mix", Mix(before.Select(r => r.Network)), Mix(during.Select(r => r.Network))),
        };
        return changes;
    }

    private static string Hour(IEnumerable<int> hours)
    {
        var list = hours.ToList();
        return list.Count == 0 ? "—" : list.GroupBy(h => h).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key.ToString("00", System.Globalization.CultureInfo.InvariantCulture) + ":00";
    }

    private static string Mix(IEnumerable<string> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? "—" : string.Join(", ", list.GroupBy(v => v).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {Math.Round(100.0 * g.Count() / list.Count)} %"));
    }
}
