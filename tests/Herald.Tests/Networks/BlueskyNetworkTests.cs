using Herald.Tests.Infrastructure;

namespace Herald.Tests.Networks;

/// <summary>The local Bluesky network (PDS + AppView) does what the inbox and analytics rely on.</summary>
[Collection(BlueskyNetworkCollection.Name)]
public sealed class BlueskyNetworkTests(BlueskyNetwork network)
{
    [Fact]
    public async Task Replies_mentions_and_likes_reach_the_brand_as_notifications_and_counts()
    {
        var brand = await network.CreateUserAsync("brand");
        var fan = await network.CreateUserAsync("fan");
        var post = await brand.PostAsync("Our new product is out");
        await network.WaitUntilIndexedAsync(post);
        await fan.PostAsync("Love it!", replyRoot: post, replyParent: post);
        await fan.MentionAsync(brand);
        await fan.LikeAsync(post);

        var reasons = await BlueskyNetwork.EventuallyAsync(async () =>
        {
            var list = await network.XrpcAsync(brand.AccessJwt, HttpMethod.Get, "app.bsky.notification.listNotifications", query: "limit=50");
            var found = list.GetProperty("notifications").EnumerateArray().Select(n => n.GetProperty("reason").GetString()!).ToList();
            return found.Count >= 3 ? found : null;
        }, "three notifications for the brand");
        Assert.Contains("reply", reasons);
        Assert.Contains("mention", reasons);
        Assert.Contains("like", reasons);

        var counts = await BlueskyNetwork.EventuallyAsync(async () =>
        {
            var posts = await network.XrpcAsync(brand.AccessJwt, HttpMethod.Get, "app.bsky.feed.getPosts", query: "uris=" + Uri.EscapeDataString(post.Uri));
            var p = posts.GetProperty("posts")[0];
            return p.GetProperty("likeCount").GetInt32() == 1 && p.GetProperty("replyCount").GetInt32() == 1 ? p.GetRawText() : null;
        }, "like and reply counts on the brand's post");
        Assert.NotNull(counts);
    }
}
