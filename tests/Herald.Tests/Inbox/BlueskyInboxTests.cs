using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Inbox;

/// <summary>Bluesky ingestion against the real local network (PDS + AppView): a reply, a mention and a like by another account.</summary>
[Collection(BlueskyNetworkCollection.Name)]
public sealed class BlueskyInboxTests(BlueskyNetwork network)
{
    [Fact]
    public async Task A_reply_and_a_mention_show_up_once_threaded_and_the_like_is_only_counted()
    {
        var brand = await network.CreateUserAsync("ibrand");
        var fan = await network.CreateUserAsync("ifan");
        await using var herald = await HeraldInstance.StartAsync();
        await herald.ConnectAsync(new { network = "bluesky", service = network.PdsUrl, identifier = brand.Handle, password = brand.Password });
        var post = await brand.PostAsync("Our new product is out");
        await network.WaitUntilIndexedAsync(post);
        var reply = await fan.PostAsync("Love it! <script>window.__pwned=1</script>", replyRoot: post, replyParent: post);
        var mention = await fan.MentionAsync(brand);
        await fan.LikeAsync(post);

        // The AppView indexes within a few hundred milliseconds: sync until all three have arrived.
        JsonObject? last = null;
        var seen = "";
        List<JsonObject> items;
        try
        {
            items = await BlueskyNetwork.EventuallyAsync(async () =>
            {
                last = await herald.SyncAsync();
                Assert.Empty(last["failures"]!.AsArray());
                var list = (await herald.InboxAsync()).Items().ToList();
                var engagements = await herald.EngagementCountAsync();
                seen = $"{list.Count} items ({string.Join(", ", list.Select(i => (string?)i["kind"]))}), {engagements} engagements, last sync {last.ToJsonString()}";
                return list.Count >= 2 && engagements >= 1 ? list : null;
            }, "the reply, the mention and the like in Herald");
        }
        catch (TimeoutException ex)
        {
            var notifications = await network.XrpcAsync(brand.AccessJwt, HttpMethod.Get, "app.bsky.notification.listNotifications", query: "limit=50");
            throw new TimeoutException($"{ex.Message} Herald has {seen}. The AppView lists: {notifications.GetRawText()}", ex);
        }
        Assert.Equal(2, items.Count);
        var asReply = items.Single(i => (string)i["remoteId"]! == reply.Uri);
        Assert.Equal("reply", (string)asReply["kind"]!);
        Assert.Equal(post.Uri, (string)asReply["conversationKey"]!);
        Assert.Equal("Love it! <script>window.__pwned=1</script>", (string)asReply["text"]!);
        Assert.Equal(fan.Handle, (string)asReply["author"]!["handle"]!);
        Assert.Equal("mention", (string)items.Single(i => (string)i["remoteId"]! == mention.Uri)["kind"]!);
        Assert.Equal(1, await herald.EngagementCountAsync());

        // Polling again changes nothing.
        Assert.Equal(0, (int)(await herald.SyncAsync())["new"]!);
        Assert.Equal(2, (await herald.InboxAsync()).Items().Count());
        var conversation = (await herald.Client.GetFromJsonAsync<JsonObject>($"/api/v1/inbox/items/{asReply["id"]}/conversation"))!;
        Assert.Equal(post.Uri, (string)conversation["root"]!["remoteId"]!);

        // A reply from the inbox lands under the fan's reply, in the brand's thread.
        var answer = await herald.Client.PostAsJsonAsync($"/api/v1/inbox/items/{asReply["id"]}/reply", new { text = "Thank you!" });
        await HeraldInstance.EnsureAsync(answer, 201);
        var published = await herald.WaitForStatusAsync((string)(await answer.Content.ReadFromJsonAsync<JsonObject>())!["postId"]!, "published");
        var uri = (string)published["deliveries"]![0]!["remoteId"]!;
        var thread = await BlueskyNetwork.EventuallyAsync(async () =>
        {
            var t = await network.XrpcAsync(brand.AccessJwt, HttpMethod.Get, "app.bsky.feed.getPostThread", query: "uri=" + Uri.EscapeDataString(uri));
            return t.GetProperty("thread").TryGetProperty("parent", out var parent) ? parent.GetProperty("post").GetProperty("uri").GetString() : null;
        }, "the reply indexed in its thread");
        Assert.Equal(reply.Uri, thread);

        // Like = an app.bsky.feed.like record.
        await HeraldInstance.EnsureAsync(await herald.Client.PostAsync($"/api/v1/inbox/items/{asReply["id"]}/like", null), 200);
    }
}
