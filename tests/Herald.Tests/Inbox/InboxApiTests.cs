using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Data;
using Herald.Inbox;
using Herald.Networks.Sandbox;
using Herald.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Inbox;

/// <summary>Triage through the API: status, assignment, tags, search ignoring case and accents, unread counts, bulk actions, roles; replies through the dispatcher.</summary>
public sealed class InboxApiTests
{
    private static async Task<(HeraldInstance Herald, string Account)> StartWithItemsAsync(Microsoft.Extensions.Time.Testing.FakeTimeProvider time)
    {
        var herald = await HeraldInstance.StartAsync(time, s => s.AddSingleton<Herald.Sentiment.ISentimentAnalyzer, KeywordSentiment>());
        var account = await herald.ConnectSandboxAsync("Acme");
        var ingestor = herald.Services.GetRequiredService<InboxIngestor>();
        var at = time.GetUtcNow().AddHours(-1);
        var page = new InboxPage(
        [
            new IncomingItem(InboxKind.Reply, "r1", new IncomingAuthor("elodie.faure", "Élodie Faure"), "Très déçue par la livraison", at, "post-1", ParentRemoteId: "post-1", RootRemoteId: "post-1"),
            new IncomingItem(InboxKind.Reply, "r2", new IncomingAuthor("maya.chen", "Maya Chen"), "I love the new grinder!", at.AddMinutes(1), "post-1", ParentRemoteId: "post-1", RootRemoteId: "post-1"),
            new IncomingItem(InboxKind.Mention, "m1", new IncomingAuthor("tom", null), "@acme is the CAFÉ open on Sunday?", at.AddMinutes(2), "m1"),
        ], [new IncomingEngagement("like", "l1", new IncomingAuthor("maya.chen"), "post-1", at)], "cursor-1", false);
        await ingestor.SavePageAsync(new InboxAccount(account, herald.WorkspaceId, "sandbox"), "events", page, default);
        return (herald, account);
    }

    [Fact]
    public async Task Search_ignores_case_and_accents_and_filters_combine()
    {
        var time = TestClock.At("2026-11-24T09:00:00Z");
        var (herald, _) = await StartWithItemsAsync(time);
        await using var _h = herald;
        Assert.Single((await herald.InboxAsync("&q=tres%20decue")).Items());
        Assert.Single((await herald.InboxAsync("&q=ELODIE")).Items());
        Assert.Single((await herald.InboxAsync("&q=cafe")).Items());
        Assert.Single((await herald.InboxAsync("&q=Café")).Items());
        Assert.Equal(2, (await herald.InboxAsync("&kind=reply")).Items().Count());
        var negative = (await herald.InboxAsync("&sentiment=negative")).Items().Single();
        Assert.Equal("r1", (string)negative["remoteId"]!);
        Assert.Equal("fr", (string)negative["language"]!);
        Assert.Empty((await herald.InboxAsync("&q=100%25")).Items());
    }

    [Fact]
    public async Task Status_assignment_tags_unread_and_bulk_actions_follow_roles()
    {
        var time = TestClock.At("2026-11-24T09:00:00Z");
        var (herald, _) = await StartWithItemsAsync(time);
        await using var _h = herald;
        var items = (await herald.InboxAsync()).Items().ToList();
        Assert.Equal(3, (int)(await herald.InboxAsync())["unread"]!);
        var first = (string)items[0]["id"]!;
        var me = await herald.DbAsync(db => db.Memberships.Select(m => m.UserId).FirstAsync());

        var patched = await herald.Client.PatchAsJsonAsync($"/api/v1/inbox/items/{first}", new { status = "pending", assigneeId = me, priority = "high", addTags = new[] { "Delivery", "vip" } });
        await HeraldInstance.EnsureAsync(patched, 200);
        var dto = (await patched.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("pending", (string)dto["status"]!);
        Assert.Equal(["delivery", "vip"], dto["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Single((await herald.InboxAsync("&tag=vip")).Items());
        Assert.Single((await herald.InboxAsync("&assignee=me")).Items());
        Assert.Equal(2, (await herald.InboxAsync("&assignee=none")).Items().Count());

        await HeraldInstance.EnsureAsync(await herald.Client.PostAsync($"/api/v1/inbox/items/{first}/read", null), 204);
        Assert.Equal(2, (int)(await herald.InboxAsync())["unread"]!);
        Assert.Equal(2, (await herald.InboxAsync("&unread=true")).Items().Count());

        var viewer = await herald.ClientForRoleAsync(Role.Viewer);
        Assert.Equal(3, (int)(await herald.InboxAsync(client: viewer))["unread"]!);
        var forbidden = await viewer.PatchAsJsonAsync($"/api/v1/inbox/items/{first}", new { status = "closed" });
        Assert.Equal(403, (int)forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType!.MediaType);
        // Read state is per user: the viewer marks its own.
        await HeraldInstance.EnsureAsync(await viewer.PostAsJsonAsync("/api/v1/inbox/bulk", new { itemIds = items.Select(i => (string)i["id"]!), action = "read" }), 200);
        Assert.Equal(0, (int)(await herald.InboxAsync(client: viewer))["unread"]!);
        Assert.Equal(2, (int)(await herald.InboxAsync())["unread"]!);

        var bulk = await herald.Client.PostAsJsonAsync("/api/v1/inbox/bulk", new { itemIds = items.Select(i => (string)i["id"]!), action = "close" });
        await HeraldInstance.EnsureAsync(bulk, 200);
        Assert.Equal(3, (await herald.InboxAsync("&status=closed")).Items().Count());
        // "Unread only" lists what the unread count counts: closed conversations wait for nothing, unless asked for.
        Assert.Equal(0, (int)(await herald.InboxAsync())["unread"]!);
        Assert.Empty((await herald.InboxAsync("&unread=true")).Items());
        Assert.Equal(2, (await herald.InboxAsync("&unread=true&status=closed")).Items().Count());
        await HeraldInstance.EnsureAsync(await herald.Client.PostAsJsonAsync("/api/v1/inbox/bulk", new { itemIds = new[] { first }, action = "tag", tag = "urgent" }), 200);
        Assert.Single((await herald.InboxAsync("&tag=urgent")).Items());
        Assert.Equal(422, (int)(await herald.Client.PostAsJsonAsync("/api/v1/inbox/bulk", new { itemIds = new[] { first }, action = "explode" })).StatusCode);
    }

    [Fact]
    public async Task Admins_saving_a_workspaces_first_settings_at_the_same_moment_all_succeed()
    {
        // No settings row yet: each save inserts it, and all but one find it taken. Inbox and link settings alike.
        await using var herald = await HeraldInstance.StartAsync();
        var inbox = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => herald.Client.PutAsJsonAsync("/api/v1/inbox/settings", new { responseTargetMinutes = 30 + i })));
        var links = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => herald.Client.PutAsJsonAsync("/api/v1/links/settings", new { shortenLinks = true })));
        foreach (var response in inbox.Concat(links))
        {
            await HeraldInstance.EnsureAsync(response, 200);
        }
        var saved = await herald.DbAsync(db => db.Set<InboxSettings>().SingleAsync(s => s.WorkspaceId == herald.WorkspaceId));
        Assert.InRange(saved.ResponseTargetMinutes, 30, 33);
        Assert.True(await herald.DbAsync(db => db.Set<Herald.Links.LinkSettings>().Where(s => s.WorkspaceId == herald.WorkspaceId).Select(s => s.ShortenLinks).SingleAsync()));
    }

    [Fact]
    public async Task Two_people_tagging_the_same_items_at_once_both_keep_their_tags()
    {
        var time = TestClock.At("2026-11-24T09:00:00Z");
        var (herald, _) = await StartWithItemsAsync(time);
        await using var _h = herald;
        var ids = (await herald.InboxAsync()).Items().Select(i => (string)i["id"]!).ToList();
        var colleague = await herald.ClientForRoleAsync(Role.Contributor);
        const int rounds = 15;
        for (var round = 0; round < rounds; round++)
        {
            // Both tag every item in bulk while the colleague also tags the first item alone and takes off one of its tags.
            var calls = await Task.WhenAll(
                herald.Client.PostAsJsonAsync("/api/v1/inbox/bulk", new { itemIds = ids, action = "tag", tag = $"a{round}" }),
                colleague.PostAsJsonAsync("/api/v1/inbox/bulk", new { itemIds = ids, action = "tag", tag = $"b{round}" }),
                colleague.PatchAsJsonAsync($"/api/v1/inbox/items/{ids[0]}", new { addTags = new[] { $"c{round}" }, removeTags = new[] { $"a{round - 1}" } }));
            foreach (var call in calls)
            {
                await HeraldInstance.EnsureAsync(call, 200);
            }
        }
        var tags = await herald.DbAsync(db => db.Set<InboxItem>().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => InboxTags.Split(i.Tags)));
        var everyone = Enumerable.Range(0, rounds).SelectMany(r => new[] { $"a{r}", $"b{r}" }).ToList();
        foreach (var id in ids.Skip(1))
        {
            Assert.Equal(everyone.Order(StringComparer.Ordinal), tags[id]);
        }
        var first = Enumerable.Range(0, rounds).SelectMany(r => new[] { $"b{r}", $"c{r}" }).Append($"a{rounds - 1}");
        Assert.Equal(first.Order(StringComparer.Ordinal), tags[ids[0]]);
    }

    [Fact]
    public async Task A_reply_with_a_saved_reply_goes_out_through_the_dispatcher_under_the_item()
    {
        var time = TestClock.At("2026-11-24T09:00:00Z");
        var (herald, account) = await StartWithItemsAsync(time);
        await using var _h = herald;
        var saved = await herald.Client.PostAsJsonAsync("/api/v1/inbox/saved-replies", new { name = "Désolé", language = "fr", text = "Bonjour {name}, désolés ! {handle}, écrivez-nous en privé." });
        await HeraldInstance.EnsureAsync(saved, 201);
        var savedId = (string)(await saved.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var item = (await herald.InboxAsync("&q=decue")).Items().Single();

        var reply = await herald.Client.PostAsJsonAsync($"/api/v1/inbox/items/{item["id"]}/reply", new { savedReplyId = savedId });
        await HeraldInstance.EnsureAsync(reply, 201);
        var postId = (string)(await reply.Content.ReadFromJsonAsync<JsonObject>())!["postId"]!;
        var published = await herald.WaitForStatusAsync(postId, "published");
        var remoteId = (string)published["deliveries"]![0]!["remoteId"]!;

        var onSandbox = await herald.DbAsync(db => db.SandboxPosts.SingleAsync(p => p.Id == remoteId));
        Assert.Equal("r1", onSandbox.ReplyToId);
        Assert.Equal("Bonjour Élodie Faure, désolés ! @elodie.faure, écrivez-nous en privé.", onSandbox.Text);
        Assert.Equal(account, onSandbox.AccountId);

        var conversation = (await herald.Client.GetFromJsonAsync<JsonObject>($"/api/v1/inbox/items/{item["id"]}/conversation"))!;
        Assert.Single(conversation["replies"]!.AsArray());
        Assert.Equal("published", (string)conversation["replies"]![0]!["status"]!);
        Assert.NotNull((string?)conversation["firstResponseTime"]);
        Assert.NotNull((string?)(await herald.Client.GetFromJsonAsync<JsonObject>($"/api/v1/inbox/items/{item["id"]}"))!["respondedAt"]);

        // A contributor may not publish a reply.
        var contributor = await herald.ClientForRoleAsync(Role.Contributor);
        Assert.Equal(403, (int)(await contributor.PostAsJsonAsync($"/api/v1/inbox/items/{item["id"]}/reply", new { text = "hi" })).StatusCode);
        // But may write an internal note.
        await HeraldInstance.EnsureAsync(await contributor.PostAsJsonAsync($"/api/v1/inbox/items/{item["id"]}/notes", new { text = "Called her back" }), 201);
    }

    [Fact]
    public async Task A_reply_sent_again_by_a_double_press_or_a_retry_is_published_once()
    {
        var time = TestClock.At("2026-11-24T09:00:00Z");
        var (herald, _) = await StartWithItemsAsync(time);
        await using var _h = herald;
        var item = (string)(await herald.InboxAsync("&q=decue")).Items().Single()["id"]!;
        Task<HttpResponseMessage> Send(string text) => herald.Client.PostAsJsonAsync($"/api/v1/inbox/items/{item}/reply", new { text });

        // Three presses at once: one reply, one post, published once; every press answers with that reply.
        var presses = await Task.WhenAll(Send("Sorry about that, we are on it"), Send("Sorry about that, we are on it"), Send("Sorry about that, we are on it"));
        var answers = new List<JsonObject>();
        foreach (var press in presses)
        {
            await HeraldInstance.EnsureAsync(press, 201);
            answers.Add((await press.Content.ReadFromJsonAsync<JsonObject>())!);
        }
        Assert.Single(answers.Select(a => (string)a["postId"]!).Distinct());
        await herald.WaitForStatusAsync((string)answers[0]["postId"]!, "published");
        Assert.Equal(1, await herald.DbAsync(db => db.Set<InboxReply>().CountAsync(r => r.ItemId == item)));
        Assert.Equal(1, await herald.DbAsync(db => db.SandboxPosts.CountAsync(p => p.ReplyToId == "r1")));

        // Other words are another reply; the same words later on are a new reply too.
        await HeraldInstance.EnsureAsync(await Send("One more thing: a refund is on its way"), 201);
        time.Advance(InboxReplies.DuplicateWindow + TimeSpan.FromSeconds(1));
        await HeraldInstance.EnsureAsync(await Send("Sorry about that, we are on it"), 201);
        Assert.Equal(3, await herald.DbAsync(db => db.Set<InboxReply>().CountAsync(r => r.ItemId == item)));
    }

    [Fact]
    public async Task Items_waiting_past_the_response_target_are_overdue()
    {
        var time = TestClock.At("2026-11-24T09:00:00Z");
        var (herald, _) = await StartWithItemsAsync(time);
        await using var _h = herald;
        await HeraldInstance.EnsureAsync(await herald.Client.PutAsJsonAsync("/api/v1/inbox/settings", new { responseTargetMinutes = 30 }), 200);
        Assert.All((await herald.InboxAsync()).Items(), i => Assert.True((bool)i["overdue"]!));
        await HeraldInstance.EnsureAsync(await herald.Client.PutAsJsonAsync("/api/v1/inbox/settings", new { responseTargetMinutes = 240 }), 200);
        Assert.All((await herald.InboxAsync()).Items(), i => Assert.False((bool)i["overdue"]!));
    }
}
