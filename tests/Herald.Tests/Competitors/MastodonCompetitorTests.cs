using System.Net;
using System.Net.Http.Json;
using Herald.Competitors;
using Herald.Data;
using Herald.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Competitors;

/// <summary>A Mastodon competitor read from a fixture instance on 127.0.0.1: lookup, followers, own posts, and 429/5xx handling.</summary>
public sealed class MastodonCompetitorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = TestClock.At("2026-11-20T12:00:00Z");
    private FakeMastodon _mastodon = null!;
    private HeraldInstance _herald = null!;

    public async Task InitializeAsync()
    {
        _mastodon = await FakeMastodon.StartAsync();
        _herald = await HeraldInstance.StartAsync(_time, s => s.AddSingleton(new CompetitorOptions { Enabled = false }));
    }

    public async Task DisposeAsync()
    {
        await _herald.DisposeAsync();
        await _mastodon.DisposeAsync();
    }

    [Fact]
    public async Task Followers_and_own_posts_are_read_and_a_429_or_503_loses_nothing()
    {
        var now = _time.GetUtcNow();
        _mastodon.AddPublicStatus("300", now.AddHours(-2), favourites: 12, reblogs: 3, replies: 1);
        _mastodon.AddPublicStatus("200", now.AddDays(-3), favourites: 40, reblogs: 0, replies: 2);
        _mastodon.AddPublicStatus("150", now.AddDays(-4), favourites: 999, reblogs: 0, replies: 0, reblog: true); // a boost: not theirs
        _mastodon.AddPublicStatus("100", now.AddDays(-40), favourites: 7, reblogs: 0, replies: 0);               // older than the lookback

        var unknown = await _herald.Client.PostAsJsonAsync("/api/v1/analytics/competitors", new { network = "mastodon", handle = "nobody@awoo.space", instance = _mastodon.BaseUrl });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        var id = await CompetitorComparisonTests.AddAsync(_herald.Client, "mastodon", "@noiob@awoo.space", _mastodon.BaseUrl);
        var competitor = await GetAsync(id);
        Assert.Equal((_mastodon.PublicAccountId, "noiob@awoo.space"), (competitor.RemoteId, competitor.Handle));
        Assert.Equal(553L, (await DailyAsync(id)).Single().Followers);

        var collector = _herald.Services.GetRequiredService<CompetitorCollector>();
        var statuses = $"/api/v1/accounts/{_mastodon.PublicAccountId}/statuses";

        // Rate-limited: waits as Retry-After says, keeps the day's followers.
        _mastodon.FailNext("GET", statuses, FakeMastodonFault.Answer(429, "Too many requests", new Dictionary<string, string> { ["Retry-After"] = "120" }));
        Assert.Equal(new CompetitorCollection(0, 1), await collector.CollectOnceAsync(default));
        competitor = await GetAsync(id);
        Assert.Equal(now.AddSeconds(120), competitor.NextDueAt);
        Assert.Contains("RateLimited", competitor.LastError);
        Assert.Single(await DailyAsync(id));

        // Still due later: nothing is read before the wait is over.
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(new CompetitorCollection(0, 0), await collector.CollectOnceAsync(default));

        // A 503: second failure in a row, so the backoff doubles (5 then 10 minutes).
        _time.Advance(TimeSpan.FromSeconds(60));
        _mastodon.FailNext("GET", statuses, FakeMastodonFault.Unavailable);
        Assert.Equal(new CompetitorCollection(0, 1), await collector.CollectOnceAsync(default));
        Assert.Equal(_time.GetUtcNow().AddMinutes(10), (await GetAsync(id)).NextDueAt);

        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(new CompetitorCollection(1, 0), await collector.CollectOnceAsync(default));
        var posts = await PostsAsync(id);
        Assert.Equal(new[] { "200", "300" }, posts.Select(p => p.RemoteId).Order());
        var recent = posts.Single(p => p.RemoteId == "300");
        Assert.Equal((12, 3, 1, 0, 553L), (recent.Likes, recent.Reposts, recent.Replies, recent.Quotes, recent.FollowersAtPublish));
        Assert.Equal("Status 300", recent.Text);
        Assert.Equal("https://awoo.space/@noiob/300", recent.Url);
        Assert.Equal((0, (string?)null), ((await GetAsync(id)).Failures, (await GetAsync(id)).LastError));

        // Counts grow; a failed reading in between changes nothing stored.
        _mastodon.PublicStatuses.Single(s => (string)s["id"]! == "300")["favourites_count"] = 30;
        _time.Advance(TimeSpan.FromHours(6));
        _mastodon.FailNext("GET", statuses, FakeMastodonFault.Answer(502, "Bad Gateway"));
        Assert.Equal(new CompetitorCollection(0, 1), await collector.CollectOnceAsync(default));
        Assert.Equal(12, (await PostsAsync(id)).Single(p => p.RemoteId == "300").Likes);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(new CompetitorCollection(1, 0), await collector.CollectOnceAsync(default));
        Assert.Equal(30, (await PostsAsync(id)).Single(p => p.RemoteId == "300").Likes);
        Assert.Equal(2, (await PostsAsync(id)).Count);
        // No credentials are ever sent: these are public reads.
        Assert.Contains(_mastodon.Requests, r => r.Path == "/api/v1/accounts/lookup" && r.Query.StartsWith("?acct=noiob%40awoo.space", StringComparison.Ordinal));
        Assert.All(_mastodon.Requests, r => Assert.Null(r.Header("Authorization")));
    }

    private async Task<Competitor> GetAsync(string id)
    {
        await using var scope = _herald.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HeraldDb>().Set<Competitor>().AsNoTracking().SingleAsync(c => c.Id == id);
    }

    private async Task<List<CompetitorDaily>> DailyAsync(string id)
    {
        await using var scope = _herald.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HeraldDb>().Set<CompetitorDaily>().AsNoTracking().Where(d => d.CompetitorId == id).ToListAsync();
    }

    private async Task<List<CompetitorPost>> PostsAsync(string id)
    {
        await using var scope = _herald.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HeraldDb>().Set<CompetitorPost>().AsNoTracking().Where(p => p.CompetitorId == id).ToListAsync();
    }
}
