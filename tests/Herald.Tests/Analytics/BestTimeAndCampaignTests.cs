using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Analytics;
using Herald.Data;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Analytics;

/// <summary>Best time to post (shrunk heatmap, fallback, one-click slots), campaign pacing, what changed and annotations, through the API.</summary>
public sealed class BestTimeAndCampaignTests : IAsyncLifetime
{
    private HeraldInstance _herald = null!;

    public async Task InitializeAsync() =>
        _herald = await HeraldInstance.StartAsync(TestClock.At("2026-11-20T12:00:00Z"), s => s.AddSingleton(new MetricsCollectorOptions { Enabled = false }));

    public async Task DisposeAsync() => await _herald.DisposeAsync();

    [Fact]
    public async Task An_account_without_history_gets_industry_defaults_labelled_as_such()
    {
        var account = await _herald.ConnectSandboxAsync("new");
        var best = await _herald.Client.GetFromJsonAsync<JsonObject>($"/api/v1/analytics/best-time/{account}");
        Assert.False((bool)best!["fromHistory"]!);
        Assert.Equal(BestTime.IndustryDefaults.Count, best["proposals"]!.AsArray().Count);
        Assert.Equal(7 * 24, best["cells"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_best_cell_is_shrunk_toward_the_mean_and_proposed_then_added_to_the_queue_in_one_click()
    {
        var account = await _herald.ConnectSandboxAsync("history");
        var ws = _herald.WorkspaceId;
        // Followers 1000 each. Tuesdays 9h: E=50 (5 %); Thursdays 15h: E=10 (1 %); Saturdays 20h: E=20 (2 %); four of each.
        // Mean = (4·5 + 4·1 + 4·2) / 12 = 2.667 %. Tuesday 9h shrunk with a prior of 3 posts: (20 + 3·2.667) / 7 = 4.0 %.
        // Saturday: (8 + 8) / 7 = 2.29 % and Thursday 1.71 %, both under the mean: only Tuesday 9h is proposed.
        var posts = new List<PostMetrics>();
        foreach (var d in new[] { "2026-10-27", "2026-11-03", "2026-11-10", "2026-11-17" })
        {
            posts.Add(KpiFixture.Post(ws, account, "sandbox", d, 9, "text", 40, 5, 5, 0, null, 1000));
        }
        foreach (var d in new[] { "2026-10-29", "2026-11-05", "2026-11-12", "2026-11-19" })
        {
            posts.Add(KpiFixture.Post(ws, account, "sandbox", d, 15, "text", 10, 0, 0, 0, null, 1000));
        }
        foreach (var d in new[] { "2026-10-31", "2026-11-07", "2026-11-14", "2026-10-24" })
        {
            posts.Add(KpiFixture.Post(ws, account, "sandbox", d, 20, "text", 20, 0, 0, 0, null, 1000));
        }
        await KpiFixture.WriteAsync(_herald, posts, []);

        var best = await _herald.Client.GetFromJsonAsync<JsonObject>($"/api/v1/analytics/best-time/{account}");
        Assert.True((bool)best!["fromHistory"]!);
        Assert.Equal(32.0 / 12, (double)best["mean"]!, 6);
        var proposal = Assert.Single(best["proposals"]!.AsArray());
        Assert.Equal("tuesday", ((string)proposal!["day"]!).ToLowerInvariant());
        Assert.Equal(9, (int)proposal["hour"]!);
        Assert.Equal(4.0, (double)proposal["score"]!, 6);

        var add = await _herald.PostAsync($"/api/v1/analytics/best-time/{account}/slots", new { });
        await HeraldInstance.EnsureAsync(add, 200);
        var slots = await _herald.Client.GetFromJsonAsync<JsonObject>($"/api/v1/accounts/{account}/queue/slots");
        var slot = Assert.Single(slots!["slots"]!.AsArray());
        Assert.Equal("09:00", (string)slot!["time"]!);

        var viewer = await _herald.ClientForRoleAsync(Role.Viewer);
        var forbidden = await viewer.PostAsJsonAsync($"/api/v1/analytics/best-time/{account}/slots", new { });
        Assert.Equal(403, (int)forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Campaign_pacing_compares_expected_by_now_with_actual()
    {
        var created = await _herald.PostAsync("/api/v1/campaigns", new { name = "Winter sale", startsOn = "2026-11-11", endsOn = "2026-11-30", goalClicks = 1000, goalPosts = 2, goalEngagementRate = 3.0 });
        await HeraldInstance.EnsureAsync(created, 201);
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var ws = _herald.WorkspaceId;
        // Today 11-20 is day 10 of 20: half of each cumulative goal is expected by now.
        await KpiFixture.WriteAsync(_herald,
        [
            KpiFixture.Post(ws, "a", "sandbox", "2026-11-12", 9, "link", 20, 5, 5, 0, 3000, 1000, clicks: 300, campaign: id),
            KpiFixture.Post(ws, "a", "sandbox", "2026-11-15", 9, "image", 8, 1, 1, 0, 1000, 1000, clicks: 100, campaign: id),
            KpiFixture.Post(ws, "a", "sandbox", "2026-11-16", 9, "image", 99, 0, 0, 0, 1000, 1000, clicks: 999), // not in the campaign
        ], []);
        var report = await _herald.Client.GetFromJsonAsync<JsonObject>($"/api/v1/campaigns/{id}");
        Assert.Equal(10, (int)report!["daysElapsed"]!);
        var goals = report["goals"]!.AsArray().ToDictionary(g => (string)g!["goal"]!, g => g!);
        Assert.Equal(500, (double)goals["clicks"]["expectedByNow"]!);     // 1000 × 10/20
        Assert.Equal(400, (double)goals["clicks"]["actual"]!);            // 300 + 100
        Assert.Equal("behind", (string)goals["clicks"]["status"]!);       // 400 < 90 % of 500
        Assert.Equal("reached", (string)goals["posts"]["status"]!);       // 2 of 2
        Assert.Equal(2.0, (double)goals["engagement_rate"]["actual"]!);   // 40 / 2000
        Assert.Equal("behind", (string)goals["engagement_rate"]["status"]!);

        var account = await _herald.ConnectSandboxAsync("c");
        var draft = await _herald.CreatePostAsync(new { text = "campaign draft", accountIds = new[] { account } });
        var assign = await _herald.PostAsync($"/api/v1/campaigns/{id}/posts", new { postIds = new[] { (string)draft["id"]! } });
        await HeraldInstance.EnsureAsync(assign, 200);
        Assert.Equal(1, (int)(await assign.Content.ReadFromJsonAsync<JsonObject>())!["assigned"]!);

        // The calendar filters by campaign in the database, beside account and network.
        var inCampaign = await _herald.CreatePostAsync(new { text = "in the campaign", accountIds = new[] { account }, scheduledAt = "2026-11-25T10:00:00", timeZone = "UTC" });
        await _herald.CreatePostAsync(new { text = "outside it", accountIds = new[] { account }, scheduledAt = "2026-11-25T11:00:00", timeZone = "UTC" });
        await HeraldInstance.EnsureAsync(await _herald.PostAsync($"/api/v1/campaigns/{id}/posts", new { postIds = new[] { (string)inCampaign["id"]! } }), 200);
        var all = await _herald.Client.GetFromJsonAsync<JsonObject>("/api/v1/calendar?from=2026-11-24&to=2026-11-27&timeZone=UTC");
        Assert.Equal(2, all!["entries"]!.AsArray().Count);
        var filtered = await _herald.Client.GetFromJsonAsync<JsonObject>($"/api/v1/calendar?from=2026-11-24&to=2026-11-27&timeZone=UTC&campaignId={id}");
        Assert.Equal((string)inCampaign["id"]!, (string)Assert.Single(filtered!["entries"]!.AsArray())!["postId"]!);
    }

    [Fact]
    public async Task A_spike_against_the_same_weekday_is_found_with_what_changed_and_the_note_beside_it()
    {
        var ws = _herald.WorkspaceId;
        // Wednesdays: six weeks of 18, 20, 22, 19, 21, 20 engagements (median 20, MAD 1), then 80 on 11-18 with an image post.
        var posts = new List<PostMetrics>();
        var weeks = new[] { ("2026-10-07", 18), ("2026-10-14", 20), ("2026-10-21", 22), ("2026-10-28", 19), ("2026-11-04", 21), ("2026-11-11", 20) };
        foreach (var (day, e) in weeks)
        {
            posts.Add(KpiFixture.Post(ws, "w", "sandbox", day, 9, "text", e, 0, 0, 0, null, 1000));
        }
        posts.Add(KpiFixture.Post(ws, "w", "sandbox", "2026-11-18", 19, "image", 80, 0, 0, 0, null, 1000));
        await KpiFixture.WriteAsync(_herald, posts, []);
        var note = await _herald.PostAsync("/api/v1/analytics/annotations", new { day = "2026-11-18", text = "New logo" });
        await HeraldInstance.EnsureAsync(note, 201);

        var result = await _herald.Client.GetFromJsonAsync<JsonObject>("/api/v1/analytics/what-changed?from=2026-11-16&to=2026-11-20");
        var anomaly = Assert.Single(result!["anomalies"]!.AsArray());
        Assert.Equal("spike", (string)anomaly!["kind"]!);
        Assert.Equal("2026-11-18", (string)anomaly["day"]!);
        Assert.Equal(20, (double)anomaly["baseline"]!);
        Assert.Equal(40.5, (double)anomaly["score"]!, 1);                  // 0.6745 × (80 − 20) / 1
        Assert.Equal("New logo", (string)anomaly["annotations"]![0]!["text"]!);
        var changes = anomaly["changes"]!.AsArray().ToDictionary(c => (string)c!["measure"]!, c => c!);
        Assert.Equal("19:00", (string)changes["usual_hour"]["during"]!);
        Assert.Equal("09:00", (string)changes["usual_hour"]["before"]!);

        var viewer = await _herald.ClientForRoleAsync(Role.Viewer);
        var forbidden = await viewer.PostAsJsonAsync("/api/v1/analytics/annotations", new { day = "2026-11-18", text = "x" });
        Assert.Equal(403, (int)forbidden.StatusCode);
    }

    [Fact]
    public void The_robust_test_needs_three_weeks_and_ignores_small_moves()
    {
        Assert.Null(WhatChanged.Detect(100, [10, 10]));
        Assert.Null(WhatChanged.Detect(13, [10, 10, 10]));                  // a 3-engagement move is noise
        Assert.Equal("drop", WhatChanged.Detect(0, [40, 42, 38, 41])!.Value.Kind);
    }
}
