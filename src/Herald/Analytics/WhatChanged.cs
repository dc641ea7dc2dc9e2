using Dapper;
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
public sealed class WhatChanged(IKpiService kpis, HeraldDb db, IDbConnectionFactory connections)
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
        var found = new List<(DailyPoint Point, string Kind, double Median, double Score)>();
        foreach (var point in series.Where(p => p.Day >= query.From))
        {
            var history = Enumerable.Range(1, Weeks).Select(w => point.Day.AddDays(-7 * w)).Where(byDay.ContainsKey).Select(d => (double)byDay[d].Engagements).ToList();
            if (Detect(point.Engagements, history) is { } f)
            {
                found.Add((point, f.Kind, f.Median, f.Score));
            }
        }
        // Posts are counted only over the three weeks up to each anomaly (most periods have none or a few).
        var posts = await PostCountsAsync(query, found.Select(f => f.Point.Day).ToList(), ct);
        var anomalies = found.Select(f => new Anomaly(f.Point.Day, f.Kind, f.Point.Engagements, f.Median, f.Score, Changes(posts, f.Point.Day),
            annotations.Where(a => Math.Abs(a.Day - f.Point.Day.DayNumber) <= 3).ToList())).ToList();
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

    /// <summary>
    /// Posts of the 21 days up to each anomaly (overlapping windows merged), counted per day by posting hour, content type
    /// and network: from the post-mix rollup (a row per cell, not per post) unless accounts are chosen.
    /// </summary>
    private async Task<List<PostCount>> PostCountsAsync(KpiQuery query, IReadOnlyList<DateOnly> anomalies, CancellationToken ct)
    {
        var windows = new List<(DateOnly From, DateOnly To)>();
        foreach (var day in anomalies.Order())
        {
            if (windows.Count > 0 && windows[^1].To >= day.AddDays(-21))
            {
                windows[^1] = (windows[^1].From, day);
            }
            else
            {
                windows.Add((day.AddDays(-20), day));
            }
        }
        var counts = new List<PostCount>();
        if (windows.Count == 0)
        {
            return counts;
        }
        await using var c = await connections.OpenAsync(ct);
        foreach (var (from, to) in windows)
        {
            var q = new KpiQuery(query.WorkspaceId, from, to, query.AccountIds, query.Network);
            var source = KpiSource.For(q, KpiDimension.ContentType);
            var (where, args) = source.Where(q, connections.Kind);
            counts.AddRange(await c.QueryAsync<PostCount>(new CommandDefinition($"""
                SELECT day AS Day, 'hour' AS Measure, CAST(local_hour AS VARCHAR(2)) AS GroupKey, {source.PostCount} AS Posts
                FROM {source.Table} WHERE {where} GROUP BY day, local_hour
                UNION ALL
                SELECT day, 'type', content_type, {source.PostCount} FROM {source.Table} WHERE {where} GROUP BY day, content_type
                UNION ALL
                SELECT day, 'network', network, {source.PostCount} FROM {source.Table} WHERE {where} GROUP BY day, network
                """, args, cancellationToken: ct)));
        }
        return counts;
    }

    /// <summary>Posts of one day with one posting hour, content type or network (<see cref="Measure"/> says which).</summary>
    private sealed class PostCount
    {
        public int Day { get; set; }
        public string Measure { get; set; } = "";
        public string GroupKey { get; set; } = "";
        public long Posts { get; set; }
    }

    /// <summary>The 14 days before the anomaly's week against its week (the 7 days ending on it).</summary>
    private static List<Change> Changes(List<PostCount> counts, DateOnly day)
    {
        var duringFrom = day.AddDays(-6).DayNumber;
        var beforeFrom = day.AddDays(-20).DayNumber;
        var rows = counts.Where(p => p.Day >= beforeFrom && p.Day <= day.DayNumber).ToList();
        var before = rows.Where(r => r.Day < duringFrom).ToList();
        var during = rows.Where(r => r.Day >= duringFrom).ToList();
        static long Posts(List<PostCount> r) => r.Where(x => x.Measure == "network").Sum(x => x.Posts);
        static Dictionary<string, long> Of(List<PostCount> r, string measure) =>
            r.Where(x => x.Measure == measure).GroupBy(x => x.GroupKey).ToDictionary(g => g.Key, g => g.Sum(x => x.Posts));
        var changes = new List<Change>
        {
            new("posts_per_day", (Posts(before) / 14.0).ToString("0.#", System.Globalization.CultureInfo.CurrentCulture), (Posts(during) / 7.0).ToString("0.#", System.Globalization.CultureInfo.CurrentCulture)),
            new("usual_hour", Hour(Of(before, "hour")), Hour(Of(during, "hour"))),
            new("content_mix", Mix(Of(before, "type")), Mix(Of(during, "type"))),
            new("network_mix", Mix(Of(before, "network")), Mix(Of(during, "network"))),
        };
        return changes;
    }

    /// <summary>The most common posting hour (the earliest of equals), as "09:00".</summary>
    private static string Hour(Dictionary<string, long> hours) =>
        hours.Count == 0 ? "—" : hours.Select(h => (Hour: int.Parse(h.Key, System.Globalization.CultureInfo.InvariantCulture), Posts: h.Value))
            .OrderByDescending(h => h.Posts).ThenBy(h => h.Hour).First().Hour.ToString("00", System.Globalization.CultureInfo.InvariantCulture) + ":00";

    /// <summary>Each value's share, biggest first: "image 50 %, text 50 %".</summary>
    private static string Mix(Dictionary<string, long> values)
    {
        var total = values.Values.Sum();
        return total == 0 ? "—" : string.Join(", ", values.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal)
            .Select(v => $"{v.Key} {Math.Round(100.0 * v.Value / total)} %"));
    }
}
