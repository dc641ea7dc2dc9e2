using System.Text.Json;
using Herald.Analytics;
using Herald.Data;
using BlueskyMetrics = Herald.Networks.Bluesky.BlueskyMetrics;
using Herald.Scheduling;
using Herald.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Analytics;

/// <summary>Bluesky metrics against the real local network: another account's like, repost and follow reach the collector's figures.</summary>
[Collection(BlueskyNetworkCollection.Name)]
public sealed class BlueskyMetricsTests(BlueskyNetwork network)
{
    [Fact]
    public async Task Likes_reposts_and_followers_from_another_account_appear_in_the_metrics()
    {
        var brand = await network.CreateUserAsync("mbrand");
        var fan = await network.CreateUserAsync("mfan");
        _reader = fan;
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var getPosts = new CountingHandler("app.bsky.feed.getPosts");
        await using var herald = await HeraldInstance.StartAsync(time, s =>
        {
            s.AddSingleton(new MetricsCollectorOptions { Enabled = false });
            s.AddHttpClient(nameof(Herald.Networks.Bluesky.BlueskyConnector)).AddHttpMessageHandler(() => getPosts.Fresh());
        });
        var account = (string)(await herald.ConnectAsync(new { network = "bluesky", service = network.PdsUrl, identifier = brand.Handle, password = brand.Password }))["id"]!;

        var other = await herald.CreatePostAsync(new { text = "Another post, counted in the same call", accountIds = new[] { account }, publishNow = true });
        await herald.WaitForStatusAsync((string)other["id"]!, "published");
        var post = await herald.CreatePostAsync(new { text = "Metrics, please", accountIds = new[] { account }, publishNow = true });
        var published = await herald.WaitForStatusAsync((string)post["id"]!, "published");
        var delivery = (string)published["deliveries"]![0]!["id"]!;
        var uri = (string)published["deliveries"]![0]!["remoteId"]!;
        var cid = await BlueskyNetwork.EventuallyAsync(async () => Posts(await GetPostsAsync(uri)).Select(p => p.GetProperty("cid").GetString()).FirstOrDefault(), "the post in the AppView");

        await fan.LikeAsync(new BlueskyNetworkUser.Ref(uri, cid));
        await fan.RepostAsync(new BlueskyNetworkUser.Ref(uri, cid));
        await fan.FollowAsync(brand);
        // The AppView indexes asynchronously: wait until it counts all three before the collector reads.
        await BlueskyNetwork.EventuallyAsync(async () =>
        {
            var p = Posts(await GetPostsAsync(uri)).Single();
            var profile = await network.XrpcAsync(fan.AccessJwt, HttpMethod.Get, "app.bsky.actor.getProfile", query: "actor=" + Uri.EscapeDataString(brand.Did));
            return p.GetProperty("likeCount").GetInt32() == 1 && p.GetProperty("repostCount").GetInt32() == 1 && profile.GetProperty("followersCount").GetInt32() == 1
                ? "indexed" : null;
        }, "the like, the repost and the follow in the AppView");

        var collector = herald.Services.GetRequiredService<MetricsCollector>();
        var first = await collector.CollectOnceAsync(default);
        Assert.Equal(2, first.Enrolled);
        Assert.Equal(1, first.Followers);
        time.Advance(TimeSpan.FromMinutes(15));
        var calls = getPosts.Count;
        var second = await collector.CollectOnceAsync(default);
        Assert.Equal((2, 0), (second.Read, second.Failed));
        Assert.Equal(1, getPosts.Count - calls); // both posts of the account in one getPosts call

        await using var scope = herald.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
        var snapshot = await db.Set<MetricSnapshot>().AsNoTracking().Where(s => s.DeliveryId == delivery).OrderByDescending(s => s.TakenAt).FirstAsync();
        Assert.Equal((1, 1, 0, 0), (snapshot.Likes, snapshot.Reposts, snapshot.Replies, snapshot.Quotes));
        var daily = await db.Set<AccountDaily>().AsNoTracking().SingleAsync(d => d.AccountId == account);
        Assert.Equal(1L, daily.Followers);

        // Batched reads: a uri the AppView does not know is left out, not an error; one alone is a 404 (gone).
        var accounts = scope.ServiceProvider.GetRequiredService<AccountDirectory>();
        var context = accounts.ContextFor((await accounts.GetAsync(account, default))!);
        var source = herald.Services.GetServices<IMetricsSource>().OfType<BlueskyMetrics>().Single();
        var missing = uri[..uri.LastIndexOf('/')] + "/3zzzzzzzzzzzz";
        var batch = await source.GetPostsAsync(context, [uri, missing], default);
        Assert.True(batch.Ok, batch.Failure?.Message);
        Assert.Equal(1, batch.Value![uri].Likes);
        Assert.False(batch.Value.ContainsKey(missing));
        var gone = await source.GetPostAsync(context, missing, default);
        Assert.Equal(404, gone.Failure?.StatusCode);
    }

    /// <summary>Counts the requests to one XRPC method that go through the Bluesky connector's HTTP client.</summary>
    private sealed class CountingHandler(string method)
    {
        private readonly string _method = method;
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public DelegatingHandler Fresh() => new Counter(this);

        private sealed class Counter(CountingHandler owner) : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                if (request.RequestUri!.AbsolutePath.EndsWith("/" + owner._method, StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref owner._count);
                }
                return base.SendAsync(request, cancellationToken);
            }
        }
    }

    private BlueskyNetworkUser? _reader;

    private Task<JsonElement> GetPostsAsync(string uri) =>
        network.XrpcAsync(_reader!.AccessJwt, HttpMethod.Get, "app.bsky.feed.getPosts", query: "uris=" + Uri.EscapeDataString(uri));

    private static List<JsonElement> Posts(JsonElement body) => [.. body.GetProperty("posts").EnumerateArray()];
}
