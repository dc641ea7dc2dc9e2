using Herald.Analytics;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Analytics;

/// <summary>
/// KPIs against figures worked out by hand (docs/kpis.md). The dataset, period 2026-11-01..2026-11-07 (previous: 10-25..10-31):
///   p1  A sandbox   11-02 09h text   likes 10 reposts 2 replies 3 quotes 0  E=15  impressions 1000  followers 1000  clicks 30
///   p2  A sandbox   11-03 18h image  likes 20 reposts 5 replies 4 quotes 1  E=30  impressions 2000  followers 1000  clicks 15
///   p3  B mastodon  11-03 12h link   likes  4 reposts 1 replies 0 quotes 0  E=5   impressions —     followers  500  clicks 5
///   p0  A sandbox   10-28 09h text   likes  8 reposts 2 replies 0 quotes 0  E=10  impressions  500  followers  950
/// Followers: A 10-20: 980, 10-31: 1000, 11-07: 1100; B 11-01: 500, 11-05: 520.
/// </summary>
public sealed class KpiTests : IAsyncLifetime
{
    private HeraldInstance _herald = null!;
    private const string A = "acct-a";
    private const string B = "acct-b";

    public async Task InitializeAsync()
    {
        _herald = await HeraldInstance.StartAsync(TestClock.At("2026-11-20T12:00:00Z"), services =>
        {
            services.AddSingleton(new MetricsCollectorOptions { Enabled = false });
            services.AddSingleton<ILinkStats>(sp => new FixedLinkStats(conversions: 4, sp.GetRequiredService<Herald.Data.IDbConnectionFactory>()));
        });
        var ws = _herald.WorkspaceId;
        await KpiFixture.WriteAsync(_herald,
        [
            KpiFixture.Post(ws, A, "sandbox", "2026-11-02", 9, "text", 10, 2, 3, 0, 1000, 1000, clicks: 30),
            KpiFixture.Post(ws, A, "sandbox", "2026-11-03", 18, "image", 20, 5, 4, 1, 2000, 1000, clicks: 15),
            KpiFixture.Post(ws, B, "mastodon", "2026-11-03", 12, "link", 4, 1, 0, 0, null, 500, clicks: 5),
            KpiFixture.Post(ws, A, "sandbox", "2026-10-28", 9, "text", 8, 2, 0, 0, 500, 950),
        ],
        [
            (A, "sandbox", "2026-10-20", 980), (A, "sandbox", "2026-10-31", 1000), (A, "sandbox", "2026-11-07", 1100),
            (B, "mastodon", "2026-11-01", 500), (B, "mastodon", "2026-11-05", 520),
        ]);
    }

    public async Task DisposeAsync() => await _herald.DisposeAsync();

    private async Task<T> WithKpisAsync<T>(Func<IKpiService, Task<T>> f)
    {
        await using var scope = _herald.Services.CreateAsyncScope();
        return await f(scope.ServiceProvider.GetRequiredService<IKpiService>());
    }

    private KpiQuery Week => new(_herald.WorkspaceId, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 7));

    [Fact]
    public async Task Engagement_rates_reach_and_clicks_are_computed_as_documented()
    {
        var c = await WithKpisAsync(k => k.CompareAsync(Week, default));
        var f = c.Current;
        Assert.Equal(3, f.Posts);
        Assert.Equal(50, f.Engagements);                                  // 15 + 30 + 5
        Assert.Equal((34, 8, 7, 1), (f.Likes, f.Reposts, f.Replies, f.Quotes));
        Assert.Equal(3000, f.Impressions);                                // p3 has none
        Assert.Equal(1500, f.Reach);                                      // half of the impressions in this dataset
        Assert.Equal(2.0, f.EngagementRatePerFollower!.Value, 6);          // 50 / (1000 + 1000 + 500)
        Assert.Equal(1.5, f.EngagementRatePerImpression!.Value, 6);        // (15 + 30) / 3000: p3 has no impressions
        Assert.Equal(50, f.Clicks);                                       // 30 + 15 + 5
        Assert.Equal(50.0 / 3000 * 100, f.ClickThroughRate!.Value, 6);     // 1.666…
        Assert.Equal(4, f.Conversions);
        Assert.Equal(8.0, f.ConversionRate!.Value, 6);                     // 4 / 50
    }

    [Fact]
    public async Task Follower_growth_starts_from_the_last_reading_before_the_period()
    {
        var f = await WithKpisAsync(k => k.FiguresAsync(Week, default));
        Assert.Equal(1500, f.FollowersStart);                              // A 1000 (10-31) + B 500 (first in period)
        Assert.Equal(1620, f.FollowersEnd);                                // A 1100 + B 520
        Assert.Equal(120, f.FollowerGrowth);
        Assert.Equal(8.0, f.FollowerGrowthPercent!.Value, 6);              // 120 / 1500
    }

    [Fact]
    public async Task The_previous_period_is_the_same_length_just_before()
    {
        var c = await WithKpisAsync(k => k.CompareAsync(Week, default));
        var p = c.Previous;
        Assert.Equal(new DateOnly(2026, 10, 25), c.Query.Previous().From);
        Assert.Equal(1, p.Posts);
        Assert.Equal(10, p.Engagements);
        Assert.Equal(100.0 * 10 / 950, p.EngagementRatePerFollower!.Value, 6);
        Assert.Equal(2.0, p.EngagementRatePerImpression!.Value, 6);        // 10 / 500
        Assert.Equal(980, p.FollowersStart);                               // A on 10-20; B has no reading then
        Assert.Equal(20, p.FollowerGrowth);
        Assert.Equal(90.0, KpiComparison.Change(2.0, 100.0 * 10 / 950)!.Value, 1); // 2.0 vs 1.0526: +90 %
    }

    [Fact]
    public async Task Filters_and_breakdowns_by_network_content_type_and_hour()
    {
        var mastodon = await WithKpisAsync(k => k.FiguresAsync(Week with { Network = "mastodon" }, default));
        Assert.Equal(5, mastodon.Engagements);
        Assert.Equal(1.0, mastodon.EngagementRatePerFollower!.Value, 6);   // 5 / 500
        Assert.Null(mastodon.EngagementRatePerImpression);                  // no impressions: no rate, not zero
        Assert.Equal(500, mastodon.FollowersStart);

        var image = await WithKpisAsync(k => k.FiguresAsync(Week with { ContentType = "image" }, default));
        Assert.Equal(3.0, image.EngagementRatePerFollower!.Value, 6);      // 30 / 1000

        var byType = await WithKpisAsync(k => k.BreakdownAsync(Week, KpiDimension.ContentType, default));
        Assert.Equal(["image", "text", "link"], byType.Select(r => r.Key));
        Assert.Equal([30L, 15L, 5L], byType.Select(r => r.Engagements));

        var byHour = await WithKpisAsync(k => k.BreakdownAsync(Week, KpiDimension.PostingHour, default));
        Assert.Equal(["18", "9", "12"], byHour.Select(r => r.Key));

        var byAccount = await WithKpisAsync(k => k.BreakdownAsync(Week, KpiDimension.Account, default));
        Assert.Equal(2.25, byAccount.Single(r => r.Key == A).EngagementRatePerFollower!.Value, 6); // (15 + 30) / (1000 + 1000)
    }

    [Fact]
    public async Task Daily_series_has_every_day_of_the_period()
    {
        var days = await WithKpisAsync(k => k.DailyAsync(Week, default));
        Assert.Equal(7, days.Count);
        Assert.Equal(35, days.Single(d => d.Day == new DateOnly(2026, 11, 3)).Engagements); // p2 30 + p3 5
        Assert.Equal(0, days[0].Engagements);
        var top = await WithKpisAsync(k => k.TopPostsAsync(Week, 2, default));
        Assert.Equal([30, 15], top.Select(t => t.Engagements));
    }
}
