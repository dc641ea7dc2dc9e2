using System.Net.Http.Json;
using Herald.Competitors;
using Herald.Data;
using Herald.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Competitors;

/// <summary>A Bluesky competitor read from the real local network's AppView, without any session.</summary>
[Collection(BlueskyNetworkCollection.Name)]
public sealed class BlueskyCompetitorTests(BlueskyNetwork network)
{
    [Fact]
    public async Task Another_accounts_like_repost_reply_and_follow_appear_in_the_competitors_figures()
    {
        var rival = await network.CreateUserAsync("rival");
        var fan = await network.CreateUserAsync("cfan");
        var launch = await rival.PostAsync("Our autumn launch is live");
        var fans = await fan.PostAsync("A post of the fan's own");
        await network.WaitUntilIndexedAsync(launch);
        await network.WaitUntilIndexedAsync(fans);
        await rival.RepostAsync(fans); // a repost is not the rival's own post
        await fan.LikeAsync(launch);
        await fan.RepostAsync(launch);
        await fan.PostAsync("Congratulations!", replyRoot: launch, replyParent: launch);
        await fan.FollowAsync(rival);
        await BlueskyNetwork.EventuallyAsync(async () =>
        {
            var p = (await network.XrpcAsync(null, HttpMethod.Get, "app.bsky.feed.getPosts", query: "uris=" + Uri.EscapeDataString(launch.Uri), baseUrl: network.AppViewUrl))
                .GetProperty("posts")[0];
            var profile = await network.XrpcAsync(null, HttpMethod.Get, "app.bsky.actor.getProfile", query: "actor=" + Uri.EscapeDataString(rival.Did), baseUrl: network.AppViewUrl);
            var feed = await network.XrpcAsync(null, HttpMethod.Get, "app.bsky.feed.getAuthorFeed", query: "actor=" + Uri.EscapeDataString(rival.Did), baseUrl: network.AppViewUrl);
            return p.GetProperty("likeCount").GetInt32() == 1 && p.GetProperty("repostCount").GetInt32() == 1 && p.GetProperty("replyCount").GetInt32() == 1
                && profile.GetProperty("followersCount").GetInt32() == 1 && feed.GetProperty("feed").GetArrayLength() == 2 ? "indexed" : null;
        }, "the like, repost, reply, follow and repost in the AppView");

        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var herald = await HeraldInstance.StartAsync(time, s => s.AddSingleton(new CompetitorOptions { Enabled = false, BlueskyAppView = network.AppViewUrl }));
        var id = await CompetitorComparisonTests.AddAsync(herald.Client, "bluesky", "@" + rival.Handle.ToUpperInvariant());
        Assert.Equal(new CompetitorCollection(1, 0), await herald.Services.GetRequiredService<CompetitorCollector>().CollectOnceAsync(default));

        await using var scope = herald.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
        var competitor = await db.Set<Competitor>().AsNoTracking().SingleAsync(c => c.Id == id);
        Assert.Equal((rival.Handle, rival.Did), (competitor.Handle, competitor.RemoteId));
        Assert.Equal(1L, (await db.Set<CompetitorDaily>().AsNoTracking().SingleAsync(d => d.CompetitorId == id)).Followers);
        var post = Assert.Single(await db.Set<CompetitorPost>().AsNoTracking().Where(p => p.CompetitorId == id).ToListAsync());
        Assert.Equal(launch.Uri, post.RemoteId);
        Assert.Equal("Our autumn launch is live", post.Text);
        Assert.Equal((1, 1, 1, 0), (post.Likes, post.Reposts, post.Replies, post.Quotes));
        Assert.Equal($"https://bsky.app/profile/{rival.Handle}/post/{launch.Uri[(launch.Uri.LastIndexOf('/') + 1)..]}", post.Url);

        // An unknown handle is refused at once.
        var unknown = await herald.Client.PostAsJsonAsync("/api/v1/analytics/competitors", new { network = "bluesky", handle = "nobody-here.test" });
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
    }
}
