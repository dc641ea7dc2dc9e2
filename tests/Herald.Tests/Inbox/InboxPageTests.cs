using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Inbox;
using Herald.Tests.Infrastructure;
using Herald.Tests.Web;
using Microsoft.Playwright;

namespace Herald.Tests.Inbox;

/// <summary>The inbox pages in a real browser: hostile content stays text, and the main flow works end to end.</summary>
public sealed class InboxPageTests(WebFixture fixture) : WebTest(fixture)
{
    private const string Hostile = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\"><a href=\"javascript:window.__pwned=3\">click me</a><b>bold?</b>";

    private async Task<string> SeedAsync(string remoteId, string text, string handle)
    {
        var account = await Herald.ConnectSandboxAsync("Pages " + remoteId);
        var ingestor = Herald.Services.GetRequiredService<InboxIngestor>();
        var now = Herald.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await ingestor.SavePageAsync(new InboxAccount(account, Herald.WorkspaceId, "sandbox"), "events",
            new InboxPage([new IncomingItem(InboxKind.Reply, remoteId, new IncomingAuthor(handle, "<i onmouseover=\"window.__pwned=4\">Eve</i>"), text, now, "post-" + remoteId, ParentRemoteId: "post-" + remoteId, RootRemoteId: "post-" + remoteId)], [], "c", false), default);
        var list = await Herald.InboxAsync("&q=" + Uri.EscapeDataString(handle));
        return (string)list.Items().Single()["id"]!;
    }

    [Fact]
    public async Task Scripts_links_and_markup_in_a_reply_are_shown_as_text_and_never_run() => await RunAsync(async page =>
    {
        var id = await SeedAsync("xss-1", Hostile, "eve.hostile");
        await WebFixture.SignInAsync(page);
        foreach (var path in new[] { "/inbox", $"/inbox/{id}" })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.GetByText(Hostile).First).ToBeVisibleAsync();
            await page.GetByText(Hostile).First.HoverAsync();
            Assert.Equal(0, await page.Locator("script:not([src])").CountAsync());
            Assert.Equal(0, await page.Locator("a[href^='javascript']").CountAsync());
            Assert.Equal(0, await page.Locator("img[src='x'], [onerror], [onmouseover]").CountAsync());
            Assert.True(await page.EvaluateAsync<bool>("() => typeof window.__pwned === 'undefined'"));
        }
    });

    [Fact]
    public async Task Open_the_inbox_open_a_conversation_reply_with_a_saved_reply_and_close_it() => await RunAsync(async page =>
    {
        var id = await SeedAsync("flow-1", "Where is my order?", "sam.flow");
        var saved = await Herald.Client.PostAsJsonAsync("/api/v1/inbox/saved-replies", new { name = "Order status", language = "en", text = "Hi {name}, we are on it! {handle}" });
        await HeraldInstance.EnsureAsync(saved, 201);
        await WebFixture.SignInAsync(page);
        await page.GotoAsync("/inbox");
        await page.GetByRole(AriaRole.Link, new() { NameString = "sam.flow" }).First.ClickAsync();
        await Assertions.Expect(page.GetByText("Where is my order?")).ToBeVisibleAsync();
        await page.Locator("select[name=savedReplyId]").SelectOptionAsync(new SelectOptionValue { Label = "Order status (en)" });
        await page.GetByRole(AriaRole.Button, new() { NameString = "Send reply" }).ClickAsync();
        await Assertions.Expect(page.GetByText("@sam.flow", new() { Exact = false }).Last).ToBeVisibleAsync();
        await page.Locator("form select[name=status]").SelectOptionAsync("closed");
        await page.GetByRole(AriaRole.Button, new() { NameString = "Save" }).ClickAsync();
        var item = await Herald.Client.GetFromJsonAsync<JsonObject>($"/api/v1/inbox/items/{id}");
        Assert.Equal("closed", (string)item!["status"]!);
        Assert.NotNull((string?)item["respondedAt"]);
        var conversation = await Herald.Client.GetFromJsonAsync<JsonObject>($"/api/v1/inbox/items/{id}/conversation");
        Assert.StartsWith("Hi <i onmouseover", (string)conversation!["replies"]![0]!["text"]!, StringComparison.Ordinal);
    });

    [Fact]
    public async Task Editing_a_conversations_tags_keeps_the_ones_left_in_the_list() => await RunAsync(async page =>
    {
        var id = await SeedAsync("tags-1", "My parcel arrived broken", "nora.tags");
        await HeraldInstance.EnsureAsync(await Herald.Client.PatchAsJsonAsync($"/api/v1/inbox/items/{id}", new { addTags = new[] { "refund", "vip" } }), 200);
        await WebFixture.SignInAsync(page);
        await page.GotoAsync($"/inbox/{id}");
        var tags = page.Locator("form input[name=tags]");
        await Assertions.Expect(tags).ToHaveValueAsync("refund, vip");

        // One kept, one taken off, one added.
        await tags.FillAsync("refund, urgent");
        await page.GetByRole(AriaRole.Button, new() { NameString = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("form input[name=tags]")).ToHaveValueAsync("refund, urgent");
        async Task<IEnumerable<string>> TagsAsync() =>
            (await Herald.Client.GetFromJsonAsync<JsonObject>($"/api/v1/inbox/items/{id}"))!["tags"]!.AsArray().Select(t => (string)t!);
        Assert.Equal(["refund", "urgent"], await TagsAsync());

        // Saving another field leaves the tags as they are.
        await page.Locator("form select[name=priority]").SelectOptionAsync("high");
        await page.GetByRole(AriaRole.Button, new() { NameString = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("form select[name=priority]")).ToHaveValueAsync("high");
        Assert.Equal(["refund", "urgent"], await TagsAsync());
    });

    [Fact]
    public async Task A_refused_reply_comes_back_with_its_text_to_shorten() => await RunAsync(async page =>
    {
        await SeedAsync("long-1", "Tell me everything", "lea.long");
        await WebFixture.SignInAsync(page);
        await page.GotoAsync("/inbox");
        await page.GetByRole(AriaRole.Link, new() { NameString = "lea.long" }).First.ClickAsync();
        var text = "So much to say. " + string.Concat(Enumerable.Repeat("Every detail matters here. ", 25));
        await page.Locator("textarea[name=text]").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { NameString = "Send reply" }).ClickAsync();
        await Assertions.Expect(page.GetByText("allows 500", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("textarea[name=text]")).ToHaveValueAsync(text);
    });

    [Fact]
    public async Task Older_items_are_a_page_away_and_a_bulk_action_comes_back_to_the_same_filtered_page() => await RunAsync(async page =>
    {
        foreach (var n in new[] { "one", "two", "three" })
        {
            await SeedAsync("pager-" + n, "Paging " + n, "pager." + n);
        }
        await WebFixture.SignInAsync(page);
        await page.GotoAsync("/inbox?q=pager&limit=2");
        await Assertions.Expect(page.Locator(".inbox-item")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#inbox-newest")).ToHaveCountAsync(0);
        await page.Locator("#inbox-older").ClickAsync();
        await Assertions.Expect(page.Locator(".inbox-item")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#inbox-older")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#inbox-newest")).ToBeVisibleAsync();
        var older = page.Url;
        Assert.Contains("q=pager", older, StringComparison.Ordinal);
        Assert.Contains("limit=2", older, StringComparison.Ordinal);
        Assert.Contains("before=", older, StringComparison.Ordinal);

        await page.Locator(".inbox-item input[name=ids]").CheckAsync();
        await page.Locator("#bulk select[name=action]").SelectOptionAsync("close");
        await page.Locator("#bulk").GetByRole(AriaRole.Button, new() { NameString = "Apply" }).ClickAsync();
        // The page after the action shows the item closed (it was open before), at the same filtered address.
        await Assertions.Expect(page.Locator(".inbox-item .badge", new() { HasTextString = "Closed" })).ToHaveCountAsync(1);
        await Assertions.Expect(page).ToHaveURLAsync(older);
    });

    [Fact]
    public async Task A_link_to_a_conversation_of_another_of_the_users_workspaces_opens_it_in_that_workspace() => await RunAsync(async page =>
    {
        var id = await SeedAsync("ws-1", "Which workspace is this in?", "wanda.ws");
        var name = "Client B " + Guid.NewGuid().ToString("N")[..6];
        var created = await Herald.Client.PostAsJsonAsync("/api/v1/workspaces", new { name });
        await HeraldInstance.EnsureAsync(created, 201);
        await WebFixture.SignInAsync(page);
        await page.GotoAsync("/inbox");
        await page.Locator("#ws-switch").SelectOptionAsync(new SelectOptionValue { Label = name });
        await Assertions.Expect(page.Locator("#ws-switch option:checked")).ToHaveTextAsync(name);

        // A colleague's link, or an alert e-mail's: the item is in the first workspace.
        await page.GotoAsync($"/inbox/{id}");
        await Assertions.Expect(page.GetByText("Which workspace is this in?")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#ws-switch option:checked")).Not.ToHaveTextAsync(name);
    });

    [Fact]
    public async Task Opening_a_conversation_marks_every_item_it_shows_read() => await RunAsync(async page =>
    {
        var account = await Herald.ConnectSandboxAsync("Pages thread");
        var now = Herald.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await Herald.Services.GetRequiredService<InboxIngestor>().SavePageAsync(new InboxAccount(account, Herald.WorkspaceId, "sandbox"), "events",
            new InboxPage(
            [
                new IncomingItem(InboxKind.Reply, "thread-1", new IncomingAuthor("tess.thread"), "First answer in the thread", now, "post-thread", ParentRemoteId: "post-thread", RootRemoteId: "post-thread"),
                new IncomingItem(InboxKind.Reply, "thread-2", new IncomingAuthor("theo.thread"), "Second answer in the thread", now.AddSeconds(1), "post-thread", ParentRemoteId: "post-thread", RootRemoteId: "post-thread"),
            ], [], "c", false), default);
        var items = (await Herald.InboxAsync("&q=thread")).Items().ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.False((bool)i["read"]!));

        await WebFixture.SignInAsync(page);
        await page.GotoAsync($"/inbox/{items[0]["id"]}");
        await Assertions.Expect(page.GetByText("Second answer in the thread")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("First answer in the thread")).ToBeVisibleAsync();
        Assert.All((await Herald.InboxAsync("&q=thread")).Items(), i => Assert.True((bool)i["read"]!));
    });

    [Fact]
    public async Task Saved_replies_and_the_response_target_are_managed_on_the_inbox_settings_page() => await RunAsync(async page =>
    {
        await WebFixture.SignInAsync(page);
        await page.GotoAsync("/inbox");
        await page.Locator("#inbox-settings").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Inbox settings");

        // Refused without text: the message shows and the name stays.
        await page.Locator("#sr-name").FillAsync("Excuses livraison");
        await page.Locator("#sr-lang").SelectOptionAsync("fr");
        await page.Locator("#add-saved-reply-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#add-saved-reply .error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#sr-name")).ToHaveValueAsync("Excuses livraison");
        await Assertions.Expect(page.Locator("#sr-lang")).ToHaveValueAsync("fr");

        await page.Locator("#sr-text").FillAsync("Bonjour {name}, toutes nos excuses pour ce retard.");
        await page.Locator("#add-saved-reply-submit").ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToHaveTextAsync("Saved reply added.");
        var line = page.Locator(".saved-reply", new() { HasTextString = "Excuses livraison" });
        await Assertions.Expect(line).ToContainTextAsync("Bonjour {name}, toutes nos excuses");
        var listed = (await Herald.Client.GetFromJsonAsync<JsonArray>("/api/v1/inbox/saved-replies"))!;
        var created = listed.Single(r => (string)r!["name"]! == "Excuses livraison")!;
        Assert.Equal("fr", (string)created["language"]!);

        await page.Locator("#target-minutes").FillAsync("45");
        await page.Locator("#target-submit").ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToHaveTextAsync("Response-time target saved.");
        Assert.Equal(45, (int)(await Herald.Client.GetFromJsonAsync<JsonObject>("/api/v1/inbox/settings"))!["responseTargetMinutes"]!);

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await line.GetByRole(AriaRole.Button, new() { NameString = "Delete" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToHaveTextAsync("Saved reply deleted.");
        await Assertions.Expect(page.Locator(".saved-reply", new() { HasTextString = "Excuses livraison" })).ToHaveCountAsync(0);
        await HeraldInstance.EnsureAsync(await Herald.Client.PutAsJsonAsync("/api/v1/inbox/settings", new { responseTargetMinutes = 120 }), 200);
    });
}
