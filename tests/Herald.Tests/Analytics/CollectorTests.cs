using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Analytics;
using Herald.Data;
using Herald.Networks.Sandbox;
using Herald.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Analytics;

/// <summary>The collector on a fake clock: readings every 15 minutes while a post is young, rarer later, none after 30 days.</summary>
public sealed class CollectorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = TestClock.At("2026-11-23T08:00:00Z");
    private HeraldInstance _herald = null!;

    public async Task InitializeAsync() =>
        _herald = await HeraldInstance.StartAsync(_time, s => s.AddSingleton(new MetricsCollectorOptions { Enabled = false }));

    public async Task DisposeAsync() => await _herald.DisposeAsync();

    private Task<CollectionResult> CollectAsync() => _herald.Services.GetRequiredService<MetricsCollector>().CollectOnceAsync(default);

    private async Task<T> DbAsync<T>(Func<HeraldDb, Task<T>> f)
    {
        await using var scope = _herald.Services.CreateAsyncScope();
        return await f(scope.ServiceProvider.GetRequiredService<HeraldDb>());
    }

    private async Task<(string Account, string Post, string Delivery)> PublishAsync()
    {
        var account = await _herald.ConnectSandboxAsync("metrics");
        var post = await _herald.CreatePostAsync(new { text = "Our new product is out! https://example.com/launch", accountIds = new[] { account }, publishNow = true });
        var published = await _herald.WaitForStatusAsync((string)post["id"]!, "published");
        return (account, (string)post["id"]!, (string)published["deliveries"]![0]!["id"]!);
    }

    [Fact]
    public async Task A_published_post_is_read_on_its_schedule_and_its_counts_match_the_network()
    {
        var (account, postId, delivery) = await PublishAsync();
        var first = await CollectAsync();
        Assert.Equal(1, first.Enrolled);
        Assert.Equal(1, first.Followers);
        Assert.Equal(0, first.Read); // the first reading is due 15 minutes after publication

        _time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(1, (await CollectAsync()).Read);
        Assert.Equal(0, (await CollectAsync()).Read); // not due again yet

        // Skip ahead a day: the network's counts so far are what the rollup shows.
        _time.Advance(TimeSpan.FromHours(24));
        Assert.Equal(1, (await CollectAsync()).Read);
        var metrics = await DbAsync(db => db.Set<PostMetrics>().SingleAsync(m => m.DeliveryId == delivery));
        var remote = await DbAsync(db => db.Deliveries.Where(d => d.Id == delivery).Select(d => d.RemoteId!).SingleAsync());
        SandboxPostMetrics expected;
        await using (var scope = _herald.Services.CreateAsyncScope())
        {
            expected = await scope.ServiceProvider.GetRequiredService<SandboxFeed>().MetricsAsync(remote, default);
        }
        Assert.Equal((expected.Likes, expected.Reposts, expected.Replies, expected.Quotes), (metrics.Likes, metrics.Reposts, metrics.Replies, metrics.Quotes));
        Assert.True(metrics.Likes > 0);
        Assert.Equal(ContentTypes.Link, metrics.ContentType);
        Assert.True(metrics.FollowersAtPublish >= 800);
        var daily = await DbAsync(db => db.Set<AccountDaily>().SingleAsync(d => d.AccountId == account && d.Day == metrics.Day));
        Assert.Equal(1, daily.Posts);
        Assert.Equal(metrics.Engagements, daily.Engagements);
        Assert.NotNull(daily.Followers);

        // The post analytics endpoint shows the history.
        var history = await _herald.Client.GetFromJsonAsync<JsonArray>($"/api/v1/analytics/posts/{postId}");
        Assert.Equal(2, history![0]!["snapshots"]!.AsArray().Count);
    }

    [Fact]
    public async Task Readings_stop_after_thirty_days()
    {
        var (_, _, delivery) = await PublishAsync();
        await CollectAsync();
        var reads = 0;
        for (var i = 0; i < 200; i++)
        {
            var next = await DbAsync(db => db.Set<PostMetrics>().Where(m => m.DeliveryId == delivery).Select(m => m.NextDueAt).SingleAsync());
            if (next is null)
            {
                break;
            }
            _time.SetUtcNow(next.Value);
            reads += (await CollectAsync()).Read;
        }
        // 24 readings in the first 6 hours, 42 hourly ones to 2 days, 28 daily ones to 30 days.
        Assert.Equal(SnapshotSchedule.Ages().Count(), reads);
        Assert.Equal(94, reads);
        Assert.Equal(94, await DbAsync(db => db.Set<MetricSnapshot>().CountAsync(s => s.DeliveryId == delivery)));
    }

    [Fact]
    public async Task Followers_are_read_once_a_day()
    {
        await _herald.ConnectSandboxAsync("followers");
        Assert.Equal(1, (await CollectAsync()).Followers);
        Assert.Equal(0, (await CollectAsync()).Followers);
        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, (await CollectAsync()).Followers);
    }
}
