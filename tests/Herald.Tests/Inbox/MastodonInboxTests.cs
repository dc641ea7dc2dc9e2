using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Data;
using Herald.Inbox;
using Herald.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Inbox;

/// <summary>Mastodon ingestion against the fake instance (documentation examples): notifications with min_id, conversations, favourites, 401.</summary>
public sealed class MastodonInboxTests : IAsyncLifetime
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = TestClock.At("2026-11-24T09:00:00Z");
    private FakeMastodon _mastodon = null!;
    private HeraldInstance _herald = null!;
    private string _account = "";

    public async Task InitializeAsync()
    {
        _mastodon = await FakeMastodon.StartAsync(_time);
        // No background polling: the tests sync explicitly, and one of them moves the clock, which would wake the poller.
        _herald = await HeraldInstance.StartAsync(_time, s => s.AddSingleton(new InboxOptions { Poll = false }));
        _account = (string)(await _herald.ConnectAsync(new { network = "mastodon", instance = _mastodon.BaseUrl, accessToken = _mastodon.AccessToken }))["id"]!;
    }

    public async Task DisposeAsync()
    {
        await _herald.DisposeAsync();
        await _mastodon.DisposeAsync();
    }

    [Fact]
    public async Task Mentions_replies_and_direct_messages_come_in_once_and_favourites_reblogs_follows_are_counted()
    {
        var reply = _mastodon.AddMention("zsc@mastodon.social", "Zsc", "<p><span class=\"h-card\"><a href=\"#\">@brand</a></span> Loving it!</p>", inReplyToId: "103186038209478945");
        _mastodon.AddMention("amic@nulled.red", "Amic", "<p>Has anyone tried @brand&apos;s café ?</p>", language: "fr");
        _mastodon.AddEngagement("favourite", "haskal@cybre.space", "103186038209478945");
        _mastodon.AddEngagement("reblog", "haskal@cybre.space", "103186038209478945");
        _mastodon.AddEngagement("follow", "newfan");
        _mastodon.AddDirectMessage("freon@letsalllovela.in", "Freon", "<p>Psst, my order never arrived</p>");

        var first = await _herald.SyncAsync();
        Assert.Empty(first["failures"]!.AsArray());
        var items = (await _herald.InboxAsync()).Items().ToList();
        Assert.Equal(3, items.Count);
        var asReply = items.Single(i => (string)i["remoteId"]! == reply);
        Assert.Equal("reply", (string)asReply["kind"]!);
        Assert.Equal("103186038209478945", (string)asReply["conversationKey"]!);
        Assert.Equal("@brand Loving it!", (string)asReply["text"]!);
        Assert.Equal("zsc@mastodon.social", (string)asReply["author"]!["handle"]!);
        Assert.Contains(items, i => (string)i["kind"]! == "mention" && ((string)i["text"]!).Contains("brand's café", StringComparison.Ordinal));
        Assert.Contains(items, i => (string)i["kind"]! == "message");
        Assert.Equal(3, await _herald.EngagementCountAsync());
        var follows = await _herald.DbAsync(db => db.Set<Herald.Contacts.Contact>().SingleAsync(c => c.Handle.StartsWith("newfan")));
        Assert.True(follows.FollowsBrand);

        // Incremental: the next poll asks for what is newer than the newest id seen, and finds only the new mention.
        _mastodon.AddMention("late@example.social", "Late", "<p>@brand one more</p>");
        var second = await _herald.SyncAsync();
        Assert.Equal(1, (int)second["new"]!);
        Assert.Contains(_mastodon.RequestsTo("GET", "/api/v1/notifications"), r => r.Query.Contains("min_id=", StringComparison.Ordinal));
        Assert.Equal(4, (await _herald.InboxAsync()).Items().Count());
        Assert.Equal(0, (int)(await _herald.SyncAsync())["new"]!);

        // Like = favourite on Mastodon.
        var liked = await _herald.Client.PostAsync($"/api/v1/inbox/items/{asReply["id"]}/like", null);
        await HeraldInstance.EnsureAsync(liked, 200);
        Assert.Contains(reply, _mastodon.Favourited);

        // A reply from the inbox goes out with in_reply_to_id.
        var answer = await _herald.Client.PostAsJsonAsync($"/api/v1/inbox/items/{asReply["id"]}/reply", new { text = "Thank you!" });
        await HeraldInstance.EnsureAsync(answer, 201);
        await _herald.WaitForStatusAsync((string)(await answer.Content.ReadFromJsonAsync<JsonObject>())!["postId"]!, "published");
        var statuses = _mastodon.RequestsTo("POST", "/api/v1/statuses");
        var sent = statuses[^1];
        Assert.Equal(reply, (string)JsonNode.Parse(sent.Body)!["in_reply_to_id"]!);
        // A direct message is answered privately: visibility direct, addressed to its author, in reply to it.
        var dm = items.Single(i => (string)i["kind"]! == "message");
        var privately = await _herald.Client.PostAsJsonAsync($"/api/v1/inbox/items/{dm["id"]}/reply", new { text = "So sorry, we are on it" });
        await HeraldInstance.EnsureAsync(privately, 201);
        await _herald.WaitForStatusAsync((string)(await privately.Content.ReadFromJsonAsync<JsonObject>())!["postId"]!, "published");
        var direct = JsonNode.Parse(_mastodon.RequestsTo("POST", "/api/v1/statuses")[^1].Body)!;
        Assert.Equal("direct", (string)direct["visibility"]!);
        Assert.Equal((string)dm["remoteId"]!, (string)direct["in_reply_to_id"]!);
        Assert.Equal("@freon@letsalllovela.in So sorry, we are on it", (string)direct["status"]!);
        // The public reply above was not made direct.
        Assert.Null(JsonNode.Parse(sent.Body)!["visibility"]);
    }

    [Theory]
    [InlineData("freon@letsalllovela.in", "Thanks!", "@freon@letsalllovela.in Thanks!")]
    [InlineData("freon@letsalllovela.in", "@Freon@LetsAllLoveLa.in thanks, sorted.", "@Freon@LetsAllLoveLa.in thanks, sorted.")]
    [InlineData("freon@letsalllovela.in", "Thanks @freon@letsalllovela.in!", "Thanks @freon@letsalllovela.in!")]
    [InlineData("local", "Hi @localhero", "@local Hi @localhero")]
    public void A_direct_reply_is_addressed_to_its_author_once(string handle, string text, string expected) =>
        Assert.Equal(expected, InboxReplies.DirectAddress(handle, text));

    [Fact]
    public async Task A_429_in_the_middle_of_a_backlog_and_a_503_lose_nothing_and_double_nothing()
    {
        _mastodon.AddMention("first@example.social", "First", "<p>@brand hello</p>");
        Assert.Equal(1, (int)(await _herald.SyncAsync())["new"]!);

        // 100 new mentions: two full pages of 40 and one of 20. The first page is read, the second answers 429.
        for (var i = 0; i < 100; i++)
        {
            _mastodon.AddMention($"fan{i}@example.social", $"Fan {i}", $"<p>@brand message {i}</p>");
        }
        var reset = _time.GetUtcNow().AddMinutes(5);
        _mastodon.FailNext("GET", "/api/v1/notifications", FakeMastodonFault.PassesThrough);
        // Herald's HTTP pipeline retries a GET three times on 429 and 5xx before giving up: the instance keeps refusing.
        _mastodon.FailNext("GET", "/api/v1/notifications", FakeMastodonFault.RateLimited(reset), times: 4);
        var limited = await SyncMovingTheClockAsync();
        Assert.Contains("RateLimited", limited["failures"]![0]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(41, (await _herald.InboxAsync()).Items().Count());
        // The account waits for the reset the instance gave, for publishing and polling alike.
        var until = await _herald.DbAsync(db => db.Accounts.Where(a => a.Id == _account).Select(a => a.RateLimitedUntil).SingleAsync());
        // The wait is read from the answer as "reset minus now" and added to the clock when it is recorded; this test's clock
        // moves 2 s at a time while the sync runs, so on a loaded machine a step or two can fall in between.
        Assert.InRange(until!.Value, reset.AddSeconds(-1), reset.AddSeconds(7));

        // After the reset, reading resumes from the saved cursor: the other 60, once.
        _time.Advance(TimeSpan.FromMinutes(6));
        var resumed = await _herald.SyncAsync();
        Assert.Empty(resumed["failures"]!.AsArray());
        Assert.Equal(60, (int)resumed["new"]!);

        // A 503: nothing read, nothing lost; the next poll reads it.
        _mastodon.AddMention("late@example.social", "Late", "<p>@brand still there?</p>");
        _mastodon.FailNext("GET", "/api/v1/notifications", FakeMastodonFault.Unavailable, times: 4);
        var down = await SyncMovingTheClockAsync();
        Assert.NotEmpty(down["failures"]!.AsArray());
        Assert.Equal(1, (int)(await _herald.SyncAsync())["new"]!);

        var items = (await _herald.InboxAsync()).Items().ToList();
        Assert.Equal(102, items.Count);
        Assert.Equal(102, items.Select(i => (string)i["remoteId"]!).Distinct().Count());
        Assert.Equal(102, await _herald.DbAsync(db => db.Set<InboxItem>().CountAsync()));
    }

    /// <summary>A sync whose retries wait on the test clock: moves it two seconds at a time until the sync answers.</summary>
    private async Task<JsonObject> SyncMovingTheClockAsync()
    {
        var sync = _herald.SyncAsync();
        while (!sync.IsCompleted)
        {
            _time.Advance(TimeSpan.FromSeconds(2));
            await Task.WhenAny(sync, Task.Delay(20));
        }
        return await sync;
    }

    [Fact]
    public async Task A_401_marks_the_account_for_reconnection_as_the_publisher_does()
    {
        _mastodon.FailNext("GET", "/api/v1/notifications", FakeMastodonFault.Answer(401, "The access token is invalid"));
        var result = await _herald.SyncAsync();
        Assert.Contains("AuthExpired", result["failures"]![0]!.ToString(), StringComparison.Ordinal);
        var status = await _herald.DbAsync(db => db.Accounts.Where(a => a.Id == _account).Select(a => a.Status).SingleAsync());
        Assert.Equal(AccountStatus.NeedsReconnect, status);
    }
}
