using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Crisis;
using Herald.Data;
using Herald.Inbox;
using Herald.Sentiment;
using Herald.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Inbox;

/// <summary>Sandbox ingestion end to end: a published post gathers replies, mentions, likes and follows over days.</summary>
public sealed class SandboxInboxTests
{
    [Fact]
    public async Task Replies_and_mentions_land_once_threaded_under_the_post_and_likes_are_only_counted()
    {
        var time = TestClock.At("2026-11-24T09:00:00Z");
        var signals = new RecordingSignals();
        await using var herald = await HeraldInstance.StartAsync(time, s =>
        {
            s.AddSingleton<IConversationSignals>(signals);
            s.AddSingleton<ISentimentAnalyzer, KeywordSentiment>();
        });
        var account = await herald.ConnectSandboxAsync("Acme");
        var post = await herald.CreatePostAsync(new { text = "We just launched our new espresso machine", accountIds = new[] { account }, publishNow = true });
        var published = await herald.WaitForStatusAsync((string)post["id"]!, "published");
        var remoteId = (string)published["deliveries"]![0]!["remoteId"]!;

        // The Sandbox's people mention an account on about a third of days (and under some posts): three weeks make a
        // mention all but certain whatever the random ids.
        time.Advance(TimeSpan.FromDays(21));
        // The background poller may get there first (it wakes on the fake clock); either way the sync leaves everything read.
        await herald.SyncAsync();
        var inbox = await herald.InboxAsync();
        var items = inbox.Items().ToList();
        var replies = items.Where(i => (string)i["kind"]! == "reply").ToList();
        Assert.NotEmpty(replies);
        Assert.Contains(items, i => (string)i["kind"]! == "mention");
        Assert.All(replies, r => Assert.Equal(remoteId, (string)r["conversationKey"]!));
        Assert.All(items, i => Assert.Contains((string)i["kind"]!, new[] { "reply", "mention", "quote" }));
        Assert.All(items, i => Assert.NotNull((string?)i["sentiment"]));
        Assert.True(await herald.EngagementCountAsync() > 0, "likes, reposts and follows are counted");
        Assert.Equal(items.Count, (int)inbox["unread"]!);

        // Every new item was signalled exactly once; a second run finds nothing new and signals nothing.
        Assert.Equal(items.Count, signals.Signals.Count);
        Assert.Equal(items.Count, signals.Signals.Select(s => s.ItemId).Distinct().Count());
        var engagements = await herald.EngagementCountAsync();
        var again = await herald.SyncAsync();
        Assert.Equal(0, (int)again["new"]!);
        Assert.Equal(items.Count, (await herald.InboxAsync()).Items().Count());
        Assert.Equal(engagements, await herald.EngagementCountAsync());
        Assert.Equal(items.Count, signals.Signals.Count);

        // The conversation shows the brand's post as its root.
        var conversation = await herald.Client.GetFromJsonAsync<JsonObject>($"/api/v1/inbox/items/{replies[0]["id"]}/conversation");
        Assert.Equal("We just launched our new espresso machine", (string)conversation!["root"]!["text"]!);
        Assert.Equal(replies.Count, conversation["items"]!.AsArray().Count(i => (string)i!["kind"]! == "reply"));
    }

    [Fact]
    public async Task The_poller_reads_accounts_on_the_injected_clock()
    {
        var time = TestClock.At("2026-11-24T09:00:00Z");
        await using var herald = await HeraldInstance.StartAsync(time);
        var account = await herald.ConnectSandboxAsync("Poll");
        var post = await herald.CreatePostAsync(new { text = "Polling test", accountIds = new[] { account }, publishNow = true });
        await herald.WaitForStatusAsync((string)post["id"]!, "published");
        time.Advance(TimeSpan.FromDays(2));
        // Real time only bounds the wait; the poll itself is due on the fake clock.
        var deadline = Environment.TickCount64 + 20_000;
        int count;
        do
        {
            time.Advance(TimeSpan.FromSeconds(31));
            await Task.Delay(50);
            count = await herald.DbAsync(db => db.Set<InboxItem>().CountAsync());
        }
        while (count == 0 && Environment.TickCount64 < deadline);
        Assert.True(count > 0);
        var cursor = await herald.DbAsync(db => db.Set<InboxCursor>().SingleAsync(c => c.AccountId == account));
        Assert.NotNull(cursor.Position);
    }
}
