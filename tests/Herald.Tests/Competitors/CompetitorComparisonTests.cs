using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Analytics;
using Herald.Competitors;
using Herald.Data;
using Herald.Tests.Analytics;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Competitors;

/// <summary>The brand beside its competitors over a period, checked against figures worked out by hand; who may do what.</summary>
public sealed class CompetitorComparisonTests : IAsyncLifetime
{
    private HeraldInstance _herald = null!;

    public async Task InitializeAsync() =>
        _herald = await HeraldInstance.StartAsync(TestClock.At("2026-11-20T12:00:00Z"), s =>
        {
            s.AddSingleton(new MetricsCollectorOptions { Enabled = false });
            s.AddSingleton(new CompetitorOptions { Enabled = false });
        });

    public async Task DisposeAsync() => await _herald.DisposeAsync();

    [Fact]
    public async Task Brand_and_competitors_side_by_side_match_the_figures_worked_out_by_hand()
    {
        var brand = await _herald.ConnectSandboxAsync("brand");
        // Brand: 2 posts in the 14 days (15 and 25 engagements, 1000 followers each), followers 1000 before the period, 1100 at its end.
        await KpiFixture.WriteAsync(_herald,
            [
                KpiFixture.Post(_herald.WorkspaceId, brand, "sandbox", "2026-11-03", 9, "text", 10, 2, 3, 0, null, 1000),
                KpiFixture.Post(_herald.WorkspaceId, brand, "sandbox", "2026-11-10", 9, "text", 20, 5, 0, 0, null, 1000),
                KpiFixture.Post(_herald.WorkspaceId, brand, "sandbox", "2026-11-16", 9, "text", 900, 0, 0, 0, null, 1000),
            ],
            [(brand, "sandbox", "2026-10-30", 1000L), (brand, "sandbox", "2026-11-14", 1100L)]);

        var rival = await AddAsync(_herald.Client, "sandbox", "rival");
        var quiet = await AddAsync(_herald.Client, "sandbox", "quiet-one");
        await using (var scope = _herald.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
            foreach (var (day, followers) in new[] { ("2026-10-25", 5000L), ("2026-11-05", 5100L), ("2026-11-14", 5250L) })
            {
                db.Add(new CompetitorDaily { CompetitorId = rival, WorkspaceId = _herald.WorkspaceId, Day = Day(day), Followers = followers });
            }
            db.AddRange(
                Post(rival, "a", "2026-10-31", 500, 0, 0, 0, 5000),
                Post(rival, "b", "2026-11-02", 30, 10, 5, 5, 5000),
                Post(rival, "c", "2026-11-06", 100, 20, 10, 0, 5100),
                Post(rival, "d", "2026-11-12", 10, 0, 0, 0, 5100),
                Post(rival, "e", "2026-11-15", 1000, 0, 0, 0, 5250));
            await db.SaveChangesAsync();
        }

        var report = await _herald.Client.GetFromJsonAsync<JsonObject>("/api/v1/analytics/competitors/compare?from=2026-11-01&to=2026-11-14&top=2", HeraldInstance.Json);
        Assert.Equal(14, (int)report!["days"]!);
        var rows = report["rows"]!.AsArray().Select(r => r!.AsObject()).ToDictionary(r => (string)r["id"]!);

        var b = rows[brand];
        Assert.Equal("brand", (string)b["kind"]!);
        Assert.Equal((2, 1.0, 40L, 20.0), ((int)b["posts"]!, (double)b["postsPerWeek"]!, (long)b["engagements"]!, (double)b["averageEngagementPerPost"]!));
        Assert.Equal(2.0, (double)b["engagementRatePerFollower"]!, 6);                      // 40 / (1000 + 1000)
        Assert.Equal((1100L, 100L), ((long)b["followers"]!, (long)b["followerGrowth"]!));
        Assert.Equal(10.0, (double)b["followerGrowthPercent"]!, 6);
        Assert.Equal(100.0 * 40 / 230, (double)b["shareOfEngagement"]!, 6);

        var r = rows[rival];
        Assert.Equal("competitor", (string)r["kind"]!);
        Assert.Equal((3, 1.5, 190L, 63.33), ((int)r["posts"]!, (double)r["postsPerWeek"]!, (long)r["engagements"]!, (double)r["averageEngagementPerPost"]!));
        Assert.Equal(1.25, (double)r["engagementRatePerFollower"]!, 6);                     // 190 / (5000 + 5100 + 5100)
        Assert.Equal((5250L, 250L), ((long)r["followers"]!, (long)r["followerGrowth"]!));   // from the reading before the period
        Assert.Equal(5.0, (double)r["followerGrowthPercent"]!, 6);
        Assert.Equal(100.0 * 190 / 230, (double)r["shareOfEngagement"]!, 6);

        // Followed since the 20th only: nothing in the period, and no rate rather than a rate of zero.
        var q = rows[quiet];
        Assert.Equal((0, 0L), ((int)q["posts"]!, (long)q["engagements"]!));
        Assert.Null(q["averageEngagementPerPost"]);
        Assert.Null(q["engagementRatePerFollower"]);
        Assert.Null(q["followers"]);

        // Follower series: one point per day, null where nothing was read.
        var series = report["followers"]!.AsArray().ToDictionary(s => (string)s!["id"]!, s => s!["days"]!.AsArray().Select(d => (long?)d!["followers"]).ToList());
        Assert.Equal(14, series[rival].Count);
        Assert.Equal(((long?)null, (long?)5100, (long?)5250), (series[rival][0], series[rival][4], series[rival][13]));
        Assert.Equal((long?)1100, series[brand][13]);

        var top = report["topPosts"]!.AsArray().Select(p => ((string)p!["remoteId"]!, (int)p["engagements"]!)).ToList();
        Assert.Equal(new[] { ("c", 130), ("b", 50) }, top);
        Assert.Equal(130.0 / 5100 * 100, (double)report["topPosts"]![0]!["engagementRatePerFollower"]!, 6);
    }

    [Fact]
    public async Task Viewers_read_editors_add_and_remove()
    {
        var viewer = await _herald.ClientForRoleAsync(Role.Viewer);
        var contributor = await _herald.ClientForRoleAsync(Role.Contributor);
        var editor = await _herald.ClientForRoleAsync(Role.Editor);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/v1/analytics/competitors", new { network = "sandbox", handle = "rival" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.PostAsJsonAsync("/api/v1/analytics/competitors", new { network = "sandbox", handle = "rival" })).StatusCode);
        var id = await AddAsync(editor, "sandbox", "@Rival");

        var list = await viewer.GetFromJsonAsync<JsonArray>("/api/v1/analytics/competitors");
        var only = Assert.Single(list!);
        Assert.Equal(("rival", "Rival"), ((string)only!["handle"]!, (string)only["displayName"]!));
        Assert.True((long)only["followers"]! > 0);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/analytics/competitors/compare")).StatusCode);

        Assert.Equal(HttpStatusCode.Conflict, (await editor.PostAsJsonAsync("/api/v1/analytics/competitors", new { network = "sandbox", handle = "rival" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await editor.PostAsJsonAsync("/api/v1/analytics/competitors", new { network = "mastodon", handle = "no-instance" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await editor.PostAsJsonAsync("/api/v1/analytics/competitors", new { network = "myspace", handle = "rival" })).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync($"/api/v1/analytics/competitors/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await editor.DeleteAsync($"/api/v1/analytics/competitors/{id}")).StatusCode);
        Assert.Empty((await viewer.GetFromJsonAsync<JsonArray>("/api/v1/analytics/competitors"))!);
    }

    [Fact]
    public async Task The_same_account_added_by_concurrent_requests_is_followed_once_and_the_others_get_a_conflict()
    {
        var editor = await _herald.ClientForRoleAsync(Role.Editor);
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            editor.PostAsJsonAsync("/api/v1/analytics/competitors", new { network = "sandbox", handle = "samerival" })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        var list = await editor.GetFromJsonAsync<JsonArray>("/api/v1/analytics/competitors");
        Assert.Single(list!, c => (string)c!["handle"]! == "samerival");
    }

    [Fact]
    public async Task Sandbox_competitors_are_collected_the_same_way_every_time()
    {
        var id = await AddAsync(_herald.Client, "sandbox", "rival");
        var collector = _herald.Services.GetRequiredService<CompetitorCollector>();
        Assert.Equal(new CompetitorCollection(1, 0), await collector.CollectOnceAsync(default));
        // Not due again before the interval.
        Assert.Equal(new CompetitorCollection(0, 0), await collector.CollectOnceAsync(default));

        await using var scope = _herald.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
        var posts = db.Set<CompetitorPost>().Where(p => p.CompetitorId == id).ToList();
        Assert.NotEmpty(posts);
        Assert.All(posts, p => Assert.True(p.PublishedAt <= DateTimeOffset.Parse("2026-11-20T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
        var expected = (await new SandboxCompetitorsProbe().PostsAsync("rival")).Count;
        Assert.Equal(expected, posts.Count);
        Assert.Single(db.Set<CompetitorDaily>().Where(d => d.CompetitorId == id));
    }

    private static int Day(string day) => DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture).DayNumber;

    private CompetitorPost Post(string competitor, string id, string day, int likes, int reposts, int replies, int quotes, long followers) => new()
    {
        CompetitorId = competitor, RemoteId = id, WorkspaceId = _herald.WorkspaceId, Text = "post " + id,
        PublishedAt = DateTimeOffset.Parse(day + "T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), Day = Day(day),
        Likes = likes, Reposts = reposts, Replies = replies, Quotes = quotes, FollowersAtPublish = followers,
    };

    internal static async Task<string> AddAsync(HttpClient client, string network, string handle, string? instance = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/analytics/competitors", new { network, handle, instance });
        await HeraldInstance.EnsureAsync(response, 201);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    /// <summary>The Sandbox source on the same clock, to know how many posts the last 30 days hold.</summary>
    private sealed class SandboxCompetitorsProbe
    {
        public async Task<IReadOnlyList<CompetitorPostCounts>> PostsAsync(string handle)
        {
            var clock = TestClock.At("2026-11-20T12:00:00Z");
            var source = new SandboxCompetitors(clock);
            return (await source.GetRecentPostsAsync(new CompetitorRef(handle, null, null), clock.GetUtcNow() - TimeSpan.FromDays(30), 200, default)).Value!;
        }
    }
}
