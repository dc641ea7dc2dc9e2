using Dapper;
using Herald.Analytics;
using Herald.Data;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Analytics;

/// <summary>
/// The workspace and post-mix rollups: kept right by the collector's writes (readings and follower counts), and every
/// table the KPIs may read gives the same figures (a workspace-wide query reads the rollups, the same query naming every
/// account reads account_daily and the per-post rows).
/// </summary>
public sealed class RollupTests : IAsyncLifetime
{
    private HeraldInstance _herald = null!;
    private const string A = "acct-a";
    private const string B = "acct-b";
    private const string C = "acct-c";

    public async Task InitializeAsync()
    {
        _herald = await HeraldInstance.StartAsync(TestClock.At("2026-11-20T12:00:00Z"), s => s.AddSingleton(new MetricsCollectorOptions { Enabled = false }));
        var ws = _herald.WorkspaceId;
        await KpiFixture.WriteAsync(_herald,
        [
            KpiFixture.Post(ws, A, "sandbox", "2026-11-02", 9, "text", 10, 2, 3, 0, 1000, 1000, clicks: 30),
            KpiFixture.Post(ws, A, "sandbox", "2026-11-02", 9, "text", 7, 0, 1, 0, 400, 1000),
            KpiFixture.Post(ws, A, "sandbox", "2026-11-03", 18, "image", 20, 5, 4, 1, 2000, 1000, clicks: 15),
            KpiFixture.Post(ws, C, "sandbox", "2026-11-03", 18, "image", 3, 0, 0, 0, 100, 300),
            KpiFixture.Post(ws, B, "mastodon", "2026-11-03", 12, "link", 4, 1, 0, 0, null, 500, clicks: 5),
            KpiFixture.Post(ws, B, "mastodon", "2026-11-06", 12, "video", 9, 3, 0, 0, null, 510),
            KpiFixture.Post(ws, A, "sandbox", "2026-10-28", 9, "text", 8, 2, 0, 0, 500, 950),
        ],
        [
            (A, "sandbox", "2026-10-20", 980), (A, "sandbox", "2026-10-31", 1000), (A, "sandbox", "2026-11-07", 1100),
            (B, "mastodon", "2026-11-01", 500), (B, "mastodon", "2026-11-05", 520),
            (C, "sandbox", "2026-11-03", 300), (C, "sandbox", "2026-11-04", 290),
        ]);
    }

    public async Task DisposeAsync() => await _herald.DisposeAsync();

    private KpiQuery Week => new(_herald.WorkspaceId, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 7));

    private async Task<T> WithKpisAsync<T>(Func<IKpiService, Task<T>> f)
    {
        await using var scope = _herald.Services.CreateAsyncScope();
        return await f(scope.ServiceProvider.GetRequiredService<IKpiService>());
    }

    /// <summary>Both rollup tables, every row as text, in key order.</summary>
    private async Task<List<string>> RollupRowsAsync()
    {
        await using var c = await _herald.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(default);
        var rows = new List<string>();
        foreach (var (table, key) in new[] { ("workspace_daily", "workspace_id, day, network"), ("post_mix_daily", "workspace_id, day, network, content_type, local_hour, local_weekday") })
        {
            var read = await c.QueryAsync($"SELECT * FROM {table} ORDER BY {key}");
            rows.AddRange(read.Select(r => table + ": " + string.Join(", ", ((IDictionary<string, object?>)r).OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => $"{kv.Key}={Convert.ToString(kv.Value, System.Globalization.CultureInfo.InvariantCulture)}"))));
        }
        return rows;
    }

    [Fact]
    public async Task Readings_and_follower_counts_keep_the_rollups_equal_to_a_rebuild_from_the_posts()
    {
        var store = _herald.Services.GetRequiredService<MetricsStore>();
        PostMetrics post;
        await using (var scope = _herald.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
            post = db.Set<PostMetrics>().Single(m => m.AccountId == C);
        }
        // A new reading of C's post (its cell is shared with A's image post) and a follower count of A on a day with posts.
        var due = new DueReading { DeliveryId = post.DeliveryId, AccountId = C, Network = "sandbox", PublishedAt = post.PublishedAt.ToUnixTimeMilliseconds(), Day = post.Day };
        await store.RecordAsync(due, new PostCounts(12, 4, 2, 1, 900, 450), clicks: 7, post.PublishedAt.AddHours(2), default);
        await store.RecordFollowersAsync(A, _herald.WorkspaceId, "sandbox", post.Day, 1040, default);
        var kept = await RollupRowsAsync();

        await store.RebuildRollupsAsync(default);
        Assert.Equal(await RollupRowsAsync(), kept);

        var image = await WithKpisAsync(k => k.FiguresAsync(Week with { ContentType = "image" }, default));
        Assert.Equal(2, image.Posts);
        Assert.Equal(30 + 19, image.Engagements); // A's 20+5+4+1 and C's new 12+4+2+1
        var day = (await WithKpisAsync(k => k.DailyAsync(Week, default))).Single(d => d.Day == new DateOnly(2026, 11, 3));
        Assert.Equal(1040 + 300, day.Followers); // A's new reading and C's
    }

    [Fact]
    public async Task Every_table_gives_the_same_figures_as_the_posts_themselves()
    {
        // Naming every account sends the same query to account_daily and post_metrics instead of the workspace rollups.
        var all = Week with { AccountIds = [A, B, C] };
        foreach (var (workspace, accounts) in new[] { (Week, all), (Week with { Network = "sandbox" }, all with { Network = "sandbox" }) })
        {
            var byRollups = await WithKpisAsync(k => k.CompareAsync(workspace, default));
            var byAccounts = await WithKpisAsync(k => k.CompareAsync(accounts, default));
            Assert.Equal(byAccounts.Current, byRollups.Current);
            Assert.Equal(byAccounts.Previous, byRollups.Previous);
            Assert.Equal(await WithKpisAsync(k => k.DailyAsync(accounts, default)), await WithKpisAsync(k => k.DailyAsync(workspace, default)));
        }
        var week = await WithKpisAsync(k => k.FiguresAsync(Week, default));
        Assert.Equal(6, week.Posts);
        Assert.Equal(1500 + 300, week.FollowersStart); // A 1000 (10-31), B 500 and C 300 (first in the period)
        Assert.Equal(1100 + 520 + 290, week.FollowersEnd);

        foreach (var filtered in new[] { Week with { ContentType = "image" }, Week with { PostingHour = 12 }, Week with { ContentType = "text", Network = "sandbox" } })
        {
            var byMix = await WithKpisAsync(k => k.CompareAsync(filtered, default));
            var byPosts = await WithKpisAsync(k => k.CompareAsync(filtered with { AccountIds = [A, B, C] }, default));
            Assert.Equal(byPosts.Current, byMix.Current);
            Assert.Equal(byPosts.Previous, byMix.Previous);
            Assert.Equal(await WithKpisAsync(k => k.DailyAsync(filtered with { AccountIds = [A, B, C] }, default)), await WithKpisAsync(k => k.DailyAsync(filtered, default)));
        }
        foreach (var by in new[] { KpiDimension.Network, KpiDimension.ContentType, KpiDimension.PostingHour, KpiDimension.Weekday })
        {
            var rollup = await WithKpisAsync(k => k.BreakdownAsync(Week, by, default));
            var posts = await WithKpisAsync(k => k.BreakdownAsync(all, by, default));
            Assert.Equal(posts, rollup);
            Assert.Equal(6, rollup.Sum(r => r.Posts));
        }
    }
}
