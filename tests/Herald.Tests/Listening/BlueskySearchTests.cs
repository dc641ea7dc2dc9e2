using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Listening;
using Herald.Listening.Sources.Bluesky;
using BlueskyXrpc = Herald.Networks.Bluesky.BlueskyXrpc;
using Herald.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Listening;

/// <summary>
/// Bluesky search as a listening source, against the real local network's AppView: the workspaces' queries become search
/// terms with no configuration, matching posts become mentions with their author's followers and their engagement, and
/// the next round hands over only what is new.
/// </summary>
[Collection(BlueskyNetworkCollection.Name)]
public sealed class BlueskySearchTests(BlueskyNetwork network)
{
    [Fact]
    public async Task A_query_is_searched_for_on_its_own_and_its_matches_arrive_once_with_followers_and_engagement()
    {
        // The local AppView searches with a case-sensitive LIKE (bsky.app's search ignores case): lower-case words here.
        var word = "widget" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5));
        var writer = await network.CreateUserAsync("lwriter");
        var fan = await network.CreateUserAsync("lfan");
        var launch = await writer.PostAsync($"our {word} launch is today");
        var unrelated = await writer.PostAsync($"{word} without the other word");
        await fan.FollowAsync(writer);
        await network.WaitUntilIndexedAsync(launch);
        await network.WaitUntilIndexedAsync(unrelated);
        await fan.LikeAsync(launch);
        await fan.RepostAsync(launch);
        await BlueskyNetwork.EventuallyAsync(async () =>
        {
            var found = await network.XrpcAsync(null, HttpMethod.Get, "app.bsky.feed.searchPosts", query: "q=" + word, baseUrl: network.AppViewUrl);
            var profile = await network.XrpcAsync(null, HttpMethod.Get, "app.bsky.actor.getProfile", query: "actor=" + writer.Did, baseUrl: network.AppViewUrl);
            var posts = found.GetProperty("posts");
            return posts.GetArrayLength() == 2 && profile.GetProperty("followersCount").GetInt32() == 1
                && posts.EnumerateArray().Any(p => p.GetProperty("uri").GetString() == launch.Uri && p.GetProperty("likeCount").GetInt32() == 1 && p.GetProperty("repostCount").GetInt32() == 1)
                ? "indexed" : null;
        }, "the posts, like, repost and follow in the AppView");

        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var herald = await HeraldInstance.StartAsync(time, settings: new Dictionary<string, string?>
        {
            ["Listening:Bluesky:AppView"] = network.AppViewUrl,
            ["Listening:Bluesky:SearchEvery"] = "00:05:00",
        });
        var created = await herald.PostAsync("/api/v1/listening/queries", new { name = "launch", query = $"{word} AND launch", role = "brand" });
        await HeraldInstance.EnsureAsync(created, 201);
        var queryId = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        // The next round (5 minutes later on Herald's clock) searches for the query's rarest word.
        time.Advance(TimeSpan.FromMinutes(5));
        var first = await EventuallyMentionsAsync(herald, queryId, 1);
        var mention = Assert.Single(first);
        Assert.Equal(launch.Uri, (string)mention!["sourceUri"]!);
        Assert.Equal("bluesky", (string)mention["source"]!);
        Assert.Equal(writer.Handle, (string?)mention["authorHandle"]);
        Assert.Equal(writer.Did, (string)mention["authorId"]!);
        Assert.Equal(1L, (long?)mention["authorFollowers"]); // from getProfiles: search results carry no follower counts
        Assert.Equal(2, (int)mention["engagement"]!);
        Assert.Equal($"https://bsky.app/profile/{writer.Handle}/post/{launch.Uri[(launch.Uri.LastIndexOf('/') + 1)..]}", (string?)mention["url"]);

        // A new post is found by the next round; the first one is not handed over again.
        var again = await writer.PostAsync($"second {word} launch, for real");
        await network.WaitUntilIndexedAsync(again);
        var againIndexed = await BlueskyNetwork.EventuallyAsync(async () =>
        {
            var posts = (await network.XrpcAsync(null, HttpMethod.Get, "app.bsky.feed.searchPosts", query: "q=" + word, baseUrl: network.AppViewUrl)).GetProperty("posts");
            return posts.GetArrayLength() == 3
                ? posts.EnumerateArray().Where(p => p.GetProperty("uri").GetString() == again.Uri).Select(p => p.GetProperty("indexedAt").GetString()).SingleOrDefault()
                : null;
        }, "the second post in search");
        time.Advance(TimeSpan.FromMinutes(5));
        var second = await EventuallyMentionsAsync(herald, queryId, 2);
        Assert.Equal(new[] { again.Uri, launch.Uri }.Order(StringComparer.Ordinal), second.Select(m => (string)m!["sourceUri"]!).Order(StringComparer.Ordinal));

        // A round hands its posts over before it saves its cursor (a crash between the two repeats the round, it does not
        // skip posts), so the mention can be visible a moment before the cursor: wait for the round to save it.
        var cursors = herald.Services.GetRequiredService<DbStreamCursor>();
        var stream = $"bluesky:{new Uri(network.AppViewUrl).Authority}:search:{word}";
        var expected = DateTimeOffset.Parse(againIndexed, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        await BlueskyNetwork.EventuallyAsync(async () => await cursors.LoadAsync(stream, default) >= expected ? "saved" : null, "the round's saved cursor");

        // The saved cursor: polling the term again by hand hands nothing over.
        var handed = new List<IncomingPost>();
        var search = new BlueskySearch(new BlueskyXrpc(new HttpClient(), TimeProvider.System), network.AppViewUrl, cursors,
            (posts, _) =>
            {
                handed.AddRange(posts);
                return Task.CompletedTask;
            });
        Assert.Equal(0, await search.PollAsync(word, default));
        Assert.Empty(handed);
    }

    [Fact]
    public async Task A_post_from_the_event_stream_gets_its_authors_followers_and_handle_from_the_AppView()
    {
        var word = "gizmo" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5));
        var writer = await network.CreateUserAsync("fwriter");
        var fans = new[] { await network.CreateUserAsync("ffan"), await network.CreateUserAsync("ffan") };
        foreach (var fan in fans)
        {
            await fan.FollowAsync(writer);
        }
        await BlueskyNetwork.EventuallyAsync(async () =>
            (await network.XrpcAsync(null, HttpMethod.Get, "app.bsky.actor.getProfile", query: "actor=" + writer.Did, baseUrl: network.AppViewUrl)).GetProperty("followersCount").GetInt32() == 2 ? "indexed" : null,
            "two followers in the AppView");

        await using var herald = await HeraldInstance.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Listening:Bluesky:Service"] = network.PdsUrl,
            ["Listening:Bluesky:AppView"] = network.AppViewUrl,
            ["Listening:Bluesky:SearchEvery"] = "1.00:00:00",
        });
        var created = await herald.PostAsync("/api/v1/listening/queries", new { name = "gizmo", query = word, role = "brand" });
        await HeraldInstance.EnsureAsync(created, 201);
        var queryId = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        // The stream starts where it is when Herald connects: post until the stream is connected and carries one.
        JsonArray mentions = [];
        for (var i = 0; i < 60 && mentions.Count == 0; i++)
        {
            await writer.PostAsync($"the {word} is out, take {i}");
            await Task.Delay(500);
            mentions = (await herald.Client.GetFromJsonAsync<JsonArray>($"/api/v1/listening/mentions?queryId={queryId}&limit=50"))!;
        }
        var mention = Assert.IsType<JsonObject>(mentions.First());
        Assert.Equal(writer.Did, (string)mention["authorId"]!);
        Assert.Equal(writer.Handle, (string?)mention["authorHandle"]); // the stream carried only the DID
        Assert.Equal(2L, (long?)mention["authorFollowers"]);
    }

    private static async Task<JsonArray> EventuallyMentionsAsync(HeraldInstance herald, string queryId, int count)
    {
        JsonArray mentions = [];
        for (var i = 0; i < 300; i++)
        {
            mentions = (await herald.Client.GetFromJsonAsync<JsonArray>($"/api/v1/listening/mentions?queryId={queryId}&limit=50"))!;
            if (mentions.Count >= count)
            {
                break;
            }
            await Task.Delay(100);
        }
        Assert.Equal(count, mentions.Count);
        return mentions;
    }
}
