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

/// <summary>The followers read on one UTC day.</summary>
public sealed record DailyFollowers(DateOnly Day, long? Followers);

/// <summary>The brand's accounts and the competitors side by side over one period (UTC days, both ends included).</summary>
public sealed record CompetitorReport(DateOnly From, DateOnly To, int Days, IReadOnlyList<ComparisonRow> Rows, IReadOnlyList<CompetitorTopPost> TopPosts,
    IReadOnlyList<FollowerSeries> Followers);

/// <summary>Computes the comparison of docs/kpis.md ("Competitors"); brand figures come from <see cref="IKpiService"/> so both sides share definitions.</summary>
public sealed class CompetitorComparison(HeraldDb db, IKpiService kpis)
{
    public async Task<CompetitorReport> CompareAsync(string workspaceId, DateOnly from, DateOnly to, int top, CancellationToken ct)
    {
        var days = to.DayNumber - from.DayNumber + 1;
        var rows = new List<ComparisonRow>();
        var series = new List<FollowerSeries>();
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.WorkspaceId == workspaceId && a.Status != AccountStatus.Disconnected)
            .OrderBy(a => a.Name).ToListAsync(ct);
        foreach (var a in accounts.Where(a => a.Network is "bluesky" or "mastodon" or "sandbox"))
        {
            var f = await kpis.FiguresAsync(new KpiQuery(workspaceId, from, to, [a.Id]), ct);
            rows.Add(Row(ComparisonRow.Brand, a.Id, a.Name, a.Network, a.Handle, f.FollowersEnd, f.FollowerGrowth, f.FollowerGrowthPercent,
                f.Posts, f.Engagements, f.EngagementRatePerFollower, days));
            var daily = await kpis.DailyAsync(new KpiQuery(workspaceId, from, to, [a.Id]), ct);
            series.Add(new FollowerSeries(a.Id, a.Name, [.. daily.Select(d => new DailyFollowers(d.Day, d.Followers))]));
        }

        var competitors = await db.Set<Competitor>().AsNoTracking().Where(c => c.WorkspaceId == workspaceId).OrderBy(c => c.Handle).ToListAsync(ct);
        var (f0, t0) = (from.DayNumber, to.DayNumber);
        var posts = await db.Set<CompetitorPost>().AsNoTracking().Where(p => p.WorkspaceId == workspaceId && p.Day >= f0 && p.Day <= t0).ToListAsync(ct);
        // Followers at the start: the last reading in the 31 days before the period, else the first in it (as for the brand).
        var readings = await db.Set<CompetitorDaily>().AsNoTracking().Where(d => d.WorkspaceId == workspaceId && d.Day >= f0 - 31 && d.Day <= t0)
            .OrderBy(d => d.Day).ToListAsync(ct);
        foreach (var c in competitors)
        {
            var own = posts.Where(p => p.CompetitorId == c.Id).ToList();
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
            var byDay = inPeriod.ToDictionary(r => r.Day, r => r.Followers);
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

    private static ComparisonRow Row(string kind, string id, string name, string network, string? handle, long? followers, long? growth, double? growthPct,
        int posts, long engagements, double? erFollower, int days) =>
        new(kind, id, name, network, handle, followers, growth, growthPct, posts, Math.Round(posts * 7.0 / days, 2), engagements,
            posts == 0 ? null : Math.Round((double)engagements / posts, 2), erFollower, null);

    private static double? Pct(long numerator, long denominator) => denominator == 0 ? null : 100.0 * numerator / denominator;
}
