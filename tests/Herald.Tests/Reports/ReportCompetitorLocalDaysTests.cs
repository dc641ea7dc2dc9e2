using Herald.Analytics;
using Herald.Competitors;
using Herald.Data;
using Herald.Reports;
using Herald.Tests.Competitors;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Reports;

/// <summary>
/// The Competitors section of a report of a workspace far from UTC counts the same local days as the rest of the report:
/// the brand's and a competitor's posts and follower readings a minute either side of local midnight land on the same side.
/// </summary>
public sealed class ReportCompetitorLocalDaysTests
{
    // The period under report, 1–7 December 2026 in the workspace's zone.
    private static readonly DateOnly From = new(2026, 12, 1);
    private static readonly DateOnly To = new(2026, 12, 7);

    [Theory]
    [InlineData("Pacific/Auckland")]
    [InlineData("America/Los_Angeles")]
    public async Task The_competitor_section_of_a_report_counts_the_workspaces_local_days(string zoneId)
    {
        await using var herald = await StartAsync(zoneId);
        var (brand, rival) = await SeedAsync(herald, zoneId);

        ReportModel report;
        await using (var scope = herald.Services.CreateAsyncScope())
        {
            report = await scope.ServiceProvider.GetRequiredService<ReportBuilder>()
                .BuildAsync(new ReportRequest(herald.WorkspaceId, From, To, [], [], null, null), default);
        }

        // Brand: the posts of 1 December 00:01 (20) and 7 December 23:59 (40), as in the report's KPIs; followers 1,000 then 1,100.
        var b = report.Competitors!.Single(r => r.Id == brand);
        Assert.Equal((2, 60L), (b.Posts, b.Engagements));
        Assert.Equal(report.Kpis.Single(k => k.Key == "engagements").Current, b.Engagements);
        Assert.Equal((1100L, 100L), (b.Followers, b.FollowerGrowth));
        // Rival: the posts of 1 December 00:01 (200) and 7 December 23:59 (400); not those of 30 November 23:59 (100) or
        // 8 December 00:01 (800). Followers: 5,000 read at 30 November 23:59 (before the period), 5,200 at 7 December
        // 12:00 (its last reading); the 5,300 of 8 December 00:01 is after it. Per follower: 600 / (1,000 + 1,000).
        var r = report.Competitors!.Single(r => r.Id == rival);
        Assert.Equal((2, 600L), (r.Posts, r.Engagements));
        Assert.Equal((5200L, 200L, 4.0), (r.Followers, r.FollowerGrowth, r.FollowerGrowthPercent));
        Assert.Equal(30.0, r.EngagementRatePerFollower);
        Assert.Equal(100.0 * 600 / 660, r.ShareOfEngagement);
    }

    [Theory]
    [InlineData("Pacific/Auckland")]
    [InlineData("America/Los_Angeles")]
    public async Task A_comparison_in_a_zone_puts_each_follower_reading_and_top_post_on_its_local_day(string zoneId)
    {
        await using var herald = await StartAsync(zoneId);
        var (brand, rival) = await SeedAsync(herald, zoneId);

        CompetitorReport comparison;
        await using (var scope = herald.Services.CreateAsyncScope())
        {
            comparison = await scope.ServiceProvider.GetRequiredService<CompetitorComparison>()
                .CompareAsync(herald.WorkspaceId, From, To, 10, LocalDays.Zone(zoneId), default);
        }

        var days = Enumerable.Range(0, 7).Select(From.AddDays).ToList();
        // Rival: read at 3 December 12:00 and 7 December 12:00 local time; the readings before and after the period are not its days'.
        var r = comparison.Followers.Single(s => s.Id == rival);
        Assert.Equal(days, r.Days.Select(d => d.Day));
        Assert.Equal([null, null, 5100L, null, null, null, 5200L], r.Days.Select(d => d.Followers));
        // Brand: the readings of UTC days U - 1 and U count at their UTC midnights, on 6 and 7 December in both zones.
        Assert.Equal([null, null, null, null, null, 1000L, 1100L], comparison.Followers.Single(s => s.Id == brand).Days.Select(d => d.Followers));
        // Top posts: the period's only, 7 December 23:59 (400) before 1 December 00:01 (200).
        Assert.Equal(["c", "b"], comparison.TopPosts.Select(p => p.RemoteId));
    }

    private static async Task<HeraldInstance> StartAsync(string zoneId)
    {
        var herald = await HeraldInstance.StartAsync(TestClock.At("2026-11-20T00:00:00Z"), s =>
        {
            s.AddSingleton(new MetricsCollectorOptions { Enabled = false });
            s.AddSingleton(new CompetitorOptions { Enabled = false });
        });
        await ReportLocalDaysTests.UseZoneAsync(herald, zoneId);
        return herald;
    }

    /// <summary>The brand's and the rival's posts a minute either side of the period's local midnights, and their follower readings.</summary>
    private static async Task<(string Brand, string Rival)> SeedAsync(HeraldInstance herald, string zoneId)
    {
        DateTimeOffset At(DateOnly day, int hour, int minute) => ReportLocalDaysTests.LocalTime(zoneId, day, hour, minute);
        var edges = new[] { At(From.AddDays(-1), 23, 59), At(From, 0, 1), At(To, 23, 59), At(To.AddDays(1), 0, 1) };
        var brand = await herald.ConnectSandboxAsync("Brand");
        foreach (var (at, engagements) in edges.Zip([10, 20, 40, 80]))
        {
            await ReportLocalDaysTests.PublishedAsync(herald, brand, at, engagements);
        }
        // Brand readings are dated by UTC day and count at its UTC midnight (as in ReportLocalDaysTests): U, the UTC day
        // of the first instant after the period, starts within it; U + 1 after it.
        var u = DateOnly.FromDateTime(edges[3].UtcDateTime);
        var store = herald.Services.GetRequiredService<MetricsStore>();
        await store.RecordFollowersAsync(brand, herald.WorkspaceId, "sandbox", u.AddDays(-1).DayNumber, 1000, default);
        await store.RecordFollowersAsync(brand, herald.WorkspaceId, "sandbox", u.DayNumber, 1100, default);
        await store.RecordFollowersAsync(brand, herald.WorkspaceId, "sandbox", u.AddDays(1).DayNumber, 1200, default);

        var rival = await CompetitorComparisonTests.AddAsync(herald.Client, "sandbox", "rival");
        await using var scope = herald.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
        foreach (var (at, engagements, id) in edges.Zip([100, 200, 400, 800], ["a", "b", "c", "d"]))
        {
            db.Add(new CompetitorPost
            {
                CompetitorId = rival, RemoteId = id, WorkspaceId = herald.WorkspaceId, Text = "post " + id, PublishedAt = at, Day = Days.Of(at),
                Likes = engagements, FollowersAtPublish = 1000, FirstSeenAt = at, LastReadAt = at,
            });
        }
        // Each reading is the last of its UTC day (one row per UTC day), read at the instant given; all four on different UTC days.
        foreach (var (at, followers) in new[] { (At(From.AddDays(-1), 23, 59), 5000L), (At(From.AddDays(2), 12, 0), 5100L), (At(To, 12, 0), 5200L), (At(To.AddDays(1), 0, 1), 5300L) })
        {
            db.Add(new CompetitorDaily { CompetitorId = rival, WorkspaceId = herald.WorkspaceId, Day = Days.Of(at), Followers = followers, ReadAt = at });
        }
        await db.SaveChangesAsync();
        return (brand, rival);
    }
}
