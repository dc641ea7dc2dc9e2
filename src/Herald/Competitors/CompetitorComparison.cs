using Herald.Analytics;
using Herald.Data;
using Microsoft.EntityFrameworkCore;

namespace Herald.Competitors;

/// <summary>One account in the comparison: a brand account (from the analytics rollups) or a competitor.</summary>
public sealed record ComparisonRow(
    string Kind,
    string Id,
    string Name,
    string Network,
    string? Handle,
    long? Followers,
    long? FollowerGrowth,
    double? FollowerGrowthPercent,
    int Posts,
    double PostsPerWeek,
    long Engagements,
    double? AverageEngagementPerPost,
    double? EngagementRatePerFollower,
    double? ShareOfEngagement,
    DateTimeOffset? LastCollectedAt = null,
    string? LastError = null)
{
    public const string Brand = "brand";
    public const string Competitor = "competitor";
}

/// <summary>A competitor's post among the period's most engaging.</summary>
public sealed record CompetitorTopPost(string CompetitorId, string Competitor, string Network, string RemoteId, string? Url, string Text,
    DateTimeOffset PublishedAt, int Likes, int Reposts, int Replies, int Quotes, int Engagements, double? EngagementRatePerFollower);

/// <summary>One row's follower readings, one point per day of the period (null on a day without a reading).</summary>
public sealed record FollowerSeries(string Id, string Name, IReadOnlyList<DailyFollowers> Days);

/// <summary>The followers read on one day (a UTC day, or a local day when the comparison counts a zone's days).</summary>
public sealed record DailyFollowers(DateOnly Day, long? Followers);

/// <summary>The brand's accounts and the competitors side by side over one period (UTC days unless a zone is given, both ends included).</summary>
public sealed record CompetitorReport(DateOnly From, DateOnly To, int Days, IReadOnlyList<ComparisonRow> Rows, IReadOnlyList<CompetitorTopPost> TopPosts,
    IReadOnlyList<FollowerSeries> Followers);

/// <summary>Computes the comparison of docs/kpis.md ("Competitors"); brand figures come from <see cref="IKpiService"/> so both sides share definitions.</summary>
public sealed class CompetitorComparison(HeraldDb db, IKpiService kpis)
{
    /// <summary>The comparison over UTC days (the competitor page and API).</summary>
    public Task<CompetitorReport> CompareAsync(string workspaceId, DateOnly from, DateOnly to, int top, CancellationToken ct) =>
        CompareAsync(workspaceId, from, to, top, null, ct);

    /// <summary>
    /// The comparison over the days of <paramref name="zone"/> (a report's, in the workspace's zone), local midnight to
    /// local midnight; null (or UTC) is UTC days.
    /// </summary>
    public async Task<CompetitorReport> CompareAsync(string workspaceId, DateOnly from, DateOnly to, int top, TimeZoneInfo? zone, CancellationToken ct)
    {
        var local = LocalDays.Period(from, to, zone);
        var days = to.DayNumber - from.DayNumber + 1;
        var rows = new List<ComparisonRow>();
        var series = new List<FollowerSeries>();
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.WorkspaceId == workspaceId && a.Status != AccountStatus.Disconnected)
            .OrderBy(a => a.Name).ToListAsync(ct);
        foreach (var a in accounts.Where(a => a.Network is "bluesky" or "mastodon" or "sandbox"))
        {
            var query = new KpiQuery(workspaceId, from, to, [a.Id], TimeZone: local?.Zone.Id);
            var f = await kpis.FiguresAsync(query, ct);
            rows.Add(Row(ComparisonRow.Brand, a.Id, a.Name, a.Network, a.Handle, f.FollowersEnd, f.FollowerGrowth, f.FollowerGrowthPercent,
                f.Posts, f.Engagements, f.EngagementRatePerFollower, days));
            var daily = await kpis.DailyAsync(query, ct);
            series.Add(new FollowerSeries(a.Id, a.Name, [.. daily.Select(d => new DailyFollowers(d.Day, d.Followers))]));
        }

        var competitors = await db.Set<Competitor>().AsNoTracking().Where(c => c.WorkspaceId == workspaceId).OrderBy(c => c.Handle).ToListAsync(ct);
        var (f0, t0) = (from.DayNumber, to.DayNumber);
        var (posts, readings) = local is null
            ? (await db.Set<CompetitorPost>().AsNoTracking().Where(p => p.WorkspaceId == workspaceId && p.Day >= f0 && p.Day <= t0).ToListAsync(ct),
               await db.Set<CompetitorDaily>().AsNoTracking().Where(d => d.WorkspaceId == workspaceId && d.Day >= f0 - 31 && d.Day <= t0)
                   .OrderBy(d => d.Day).Select(d => new Reading(d.CompetitorId, d.Day, d.Followers)).ToListAsync(ct))
            : await LocalAsync(workspaceId, from, local, ct);
        foreach (var c in competitors)
        {
            var own = posts.Where(p => p.CompetitorId == c.Id).ToList();
            // Followers at the start: the last reading in the 31 days before the period, else the first in it (as for the brand).
            var mine = readings.Where(r => r.CompetitorId == c.Id).ToList();
            var inPeriod = mine.Where(r => r.Day >= f0).ToList();
            long? start = null, end = null;
            if (inPeriod.Count > 0)
            {
                start = (mine.LastOrDefault(r => r.Day < f0) ?? inPeriod[0]).Followers;
                end = inPeriod[^1].Followers;
            }
            long? growth = end - start;
            var engagements = own.Sum(p => (long)p.Engagements);
            rows.Add(Row(ComparisonRow.Competitor, c.Id, c.DisplayName ?? c.Handle, c.Network, c.Handle, end, growth,
                growth is { } g && start is { } s ? Pct(g, s) : null, own.Count, engagements, Pct(engagements, own.Sum(p => p.FollowersAtPublish)), days)
                with { LastCollectedAt = c.LastCollectedAt, LastError = c.LastError });
            // A local day can hold the readings of two UTC days: the later one (last in order) is the day's.
            var byDay = new Dictionary<int, long>();
            foreach (var r in inPeriod)
            {
                byDay[r.Day] = r.Followers;
            }
            series.Add(new FollowerSeries(c.Id, c.DisplayName ?? c.Handle,
                [.. Enumerable.Range(f0, days).Select(d => new DailyFollowers(DateOnly.FromDayNumber(d), byDay.TryGetValue(d, out var n) ? n : null))]));
        }

        var total = rows.Sum(r => r.Engagements);
        rows = [.. rows.Select(r => r with { ShareOfEngagement = Pct(r.Engagements, total) })];

        var names = competitors.ToDictionary(c => c.Id, c => (Name: c.DisplayName ?? c.Handle, c.Network));
        var topPosts = posts.OrderByDescending(p => p.Engagements).ThenByDescending(p => p.PublishedAt).Take(Math.Clamp(top, 0, 100))
            .Select(p => new CompetitorTopPost(p.CompetitorId, names[p.CompetitorId].Name, names[p.CompetitorId].Network, p.RemoteId, p.Url, p.Text, p.PublishedAt,
                p.Likes, p.Reposts, p.Replies, p.Quotes, p.Engagements, Pct(p.Engagements, p.FollowersAtPublish)))
            .ToList();
        return new CompetitorReport(from, to, days, rows, topPosts, series);
    }

    /// <summary>
    /// The posts published within the period's local days, and the follower readings of its days and the 31 before, each
    /// dated by the local day of the instant it was read. A reading is the last of its UTC day (competitor_daily keeps
    /// one row per UTC day), so the instant it was taken (ReadAt) is known and places it on a local day exactly; a
    /// UTC day's earlier readings are overwritten and cannot be placed.
    /// </summary>
    private async Task<(List<CompetitorPost> Posts, List<Reading> Readings)> LocalAsync(string workspaceId, DateOnly from, LocalPeriod local,
        CancellationToken ct)
    {
        var (start, end, zone) = (local.Start, local.End, local.Zone);
        var since = LocalDays.Start(from.AddDays(-31), zone);
        // The UTC days around the instants narrow the rows by day, as the UTC path does (competitor_posts' (workspace, day) index); the instants decide.
        var (d0, d1, r0) = (Days.Of(start), Days.Of(end), Days.Of(since));
        var posts = await db.Set<CompetitorPost>().AsNoTracking()
            .Where(p => p.WorkspaceId == workspaceId && p.Day >= d0 && p.Day <= d1 && p.PublishedAt >= start && p.PublishedAt < end).ToListAsync(ct);
        var readings = await db.Set<CompetitorDaily>().AsNoTracking()
            .Where(d => d.WorkspaceId == workspaceId && d.Day >= r0 && d.Day <= d1 && d.ReadAt >= since && d.ReadAt < end)
            .OrderBy(d => d.ReadAt).ToListAsync(ct);
        return (posts, [.. readings.Select(d => new Reading(d.CompetitorId, LocalDays.Of(d.ReadAt, zone).DayNumber, d.Followers))]);
    }

    /// <summary>A follower reading dated by its day (UTC or local, as the comparison counts days).</summary>
    private sealed record Reading(string CompetitorId, int Day, long Followers);

    private static ComparisonRow Row(string kind, string id, string name, string network, string? handle, long? followers, long? growth, double? growthPct,
        int posts, long engagements, double? erFollower, int days) =>
        new(kind, id, name, network, handle, followers, growth, growthPct, posts, Math.Round(posts * 7.0 / days, 2), engagements,
            posts == 0 ? null : Math.Round((double)engagements / posts, 2), erFollower, null);

    private static double? Pct(long numerator, long denominator) => denominator == 0 ? null : 100.0 * numerator / denominator;
}
