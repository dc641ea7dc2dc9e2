using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Curation;
using Herald.Curation.Subscriptions;
using Herald.Data;
using Herald.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Curation;

/// <summary>Subscriptions, polling, items and the reading list through the API, against feeds served on 127.0.0.1.</summary>
public sealed class CurationApiTests
{
    private sealed class Site
    {
        public volatile string Feed = Rss(("1", "First"), ("2", "Second"));
        public volatile bool Broken;
    }

    private static string Rss(params (string Id, string Title)[] items) =>
        "<rss version=\"2.0\"><channel><title>Site news</title><link>/</link>"
        + string.Concat(items.Select(i => $"<item><guid isPermaLink=\"false\">{i.Id}</guid><title>{i.Title}</title><link>/posts/{i.Id}</link><description>&lt;p&gt;About {i.Title}&lt;/p&gt;</description></item>"))
        + "</channel></rss>";

    private static Task<FeedServer> ServeAsync(Site site) => FeedServer.StartAsync(app =>
    {
        app.MapGet("/", () => Results.Content("<html><head><title>Site</title><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.xml\"></head><body>hi</body></html>", "text/html"));
        app.MapGet("/feed.xml", (HttpContext ctx) =>
        {
            if (site.Broken)
            {
                return Results.Content("<html><body>maintenance</body></html>", "text/html");
            }
            var etag = $"\"{site.Feed.GetHashCode():x}\"";
            if (ctx.Request.Headers.IfNoneMatch == etag)
            {
                return Results.StatusCode(304);
            }
            ctx.Response.Headers.ETag = etag;
            return FeedServer.Xml(site.Feed);
        });
        app.MapGet("/posts/{id}", (string id) => Results.Content(Article(id), "text/html; charset=utf-8"));
    });

    private static string Article(string id) => $$"""
        <!DOCTYPE html><html><head><title>Post {{id}} — Site</title><meta property="og:site_name" content="Site news"></head>
        <body><nav>Home · About</nav><article><h1>Post {{id}}</h1>
        <p>This is the first paragraph of post {{id}}, long enough to be the readable part of the page, with a few sentences about curation.</p>
        <p>A second paragraph continues the story: readers save articles, and editors share them with their audience later on.</p>
        <p>The third paragraph <script>alert('xss')</script> ends it, with <b>bold</b> text and a <a href="/x">link</a>, and more words to read.</p>
        </article><footer>© Site</footer></body></html>
        """;

    private static async Task<HeraldInstance> StartAsync(FakeTimeProvider time) =>
        await HeraldInstance.StartAsync(time, s => s.AddSingleton(new CurationOptions { PollerEnabled = false }));

    [Fact]
    public async Task Subscribing_to_a_page_finds_its_feed_and_polling_stores_each_item_once()
    {
        var site = new Site();
        await using var server = await ServeAsync(site);
        var time = TestClock.At("2026-11-23T10:00:00Z");
        await using var h = await StartAsync(time);

        var created = await h.PostAsync("/api/v1/feeds/subscriptions", new { url = server.BaseUrl + "/" });
        await HeraldInstance.EnsureAsync(created, 201);
        var sub = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(server.BaseUrl + "/feed.xml", (string)sub["url"]!);
        Assert.Equal("Site news", (string)sub["title"]!);
        Assert.Equal(2, (int)sub["unread"]!);

        var items = (await h.Client.GetFromJsonAsync<JsonArray>("/api/v1/feeds/items"))!;
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.StartsWith(server.BaseUrl + "/posts/", (string)i!["link"]!, StringComparison.Ordinal));
        Assert.Contains("/compose?text=", (string)items[0]!["composeUrl"]!, StringComparison.Ordinal);

        // Unchanged: a 304; then a new item and an old one again: only the new one is added.
        time.Advance(TimeSpan.FromMinutes(31));
        var poller = h.Services.GetRequiredService<FeedPoller>();
        Assert.Equal(1, await poller.PollDueAsync(default));
        site.Feed = Rss(("3", "Third"), ("2", "Second"), ("1", "First"));
        time.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(1, await poller.PollDueAsync(default));
        Assert.Equal(0, await poller.PollDueAsync(default));
        items = (await h.Client.GetFromJsonAsync<JsonArray>("/api/v1/feeds/items"))!;
        Assert.Equal(["First", "Second", "Third"], items.Select(i => (string)i!["title"]!).Order());

        var again = await h.PostAsync("/api/v1/feeds/subscriptions", new { url = server.BaseUrl + "/feed.xml" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_broken_feed_shows_its_error_keeps_its_items_and_backs_off()
    {
        var site = new Site();
        await using var server = await ServeAsync(site);
        var time = TestClock.At("2026-11-23T10:00:00Z");
        await using var h = await StartAsync(time);
        var sub = (await (await h.PostAsync("/api/v1/feeds/subscriptions", new { url = server.BaseUrl + "/feed.xml" })).Content.ReadFromJsonAsync<JsonObject>())!;
        var id = (string)sub["id"]!;

        site.Broken = true;
        var poller = h.Services.GetRequiredService<FeedPoller>();
        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromHours(3));
            await poller.PollDueAsync(default);
        }
        var state = (await h.Client.GetFromJsonAsync<JsonObject>($"/api/v1/feeds/subscriptions/{id}"))!;
        Assert.Equal(3, (int)state["failures"]!);
        Assert.Equal("Not a feed: this is an HTML page.", (string)state["lastError"]!);
        Assert.Equal(2, (int)state["unread"]!);
        // Third failure: 30 min doubled twice.
        Assert.Equal(time.GetUtcNow().AddHours(2), DateTimeOffset.Parse((string)state["nextFetchAt"]!, System.Globalization.CultureInfo.InvariantCulture));

        site.Broken = false;
        var refreshed = (await (await h.PostAsync($"/api/v1/feeds/subscriptions/{id}/refresh", new { })).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(0, (int)refreshed["failures"]!);
        Assert.Null(refreshed["lastError"]);
    }

    [Fact]
    public async Task Items_are_marked_read_and_filtered_by_unread()
    {
        var site = new Site();
        await using var server = await ServeAsync(site);
        await using var h = await StartAsync(TestClock.At("2026-11-23T10:00:00Z"));
        await HeraldInstance.EnsureAsync(await h.PostAsync("/api/v1/feeds/subscriptions", new { url = server.BaseUrl + "/feed.xml" }), 201);
        var items = (await h.Client.GetFromJsonAsync<JsonArray>("/api/v1/feeds/items"))!;

        await HeraldInstance.EnsureAsync(await h.PostAsync($"/api/v1/feeds/items/{items[0]!["id"]}/read", new { read = true }), 200);

        var unread = (await h.Client.GetFromJsonAsync<JsonArray>("/api/v1/feeds/items?unread=true"))!;
        Assert.Equal((string)items[1]!["id"]!, (string)Assert.Single(unread)!["id"]!);
        var all = await h.PostAsync("/api/v1/feeds/items/read-all", new { });
        Assert.Equal(1, (int)(await all.Content.ReadFromJsonAsync<JsonObject>())!["marked"]!);
        Assert.Empty((await h.Client.GetFromJsonAsync<JsonArray>("/api/v1/feeds/items?unread=true"))!);
    }

    [Fact]
    public async Task Saving_an_item_to_the_reading_list_extracts_its_text_without_markup()
    {
        var site = new Site();
        await using var server = await ServeAsync(site);
        await using var h = await StartAsync(TestClock.At("2026-11-23T10:00:00Z"));
        await HeraldInstance.EnsureAsync(await h.PostAsync("/api/v1/feeds/subscriptions", new { url = server.BaseUrl + "/feed.xml" }), 201);
        var item = (await h.Client.GetFromJsonAsync<JsonArray>("/api/v1/feeds/items"))!.First(i => (string)i!["title"]! == "First")!;

        var saved = await h.PostAsync("/api/v1/reading-list", new { feedItemId = (string)item["id"]! });
        await HeraldInstance.EnsureAsync(saved, 201);
        var article = (await saved.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("ready", (string)article["status"]!);
        Assert.Equal(server.BaseUrl + "/posts/1", (string)article["url"]!);
        var text = (string)article["text"]!;
        Assert.Contains("first paragraph of post 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", text, StringComparison.Ordinal);
        Assert.DoesNotContain("alert(", text, StringComparison.Ordinal);
        Assert.Contains("/compose?text=", (string)article["composeUrl"]!, StringComparison.Ordinal);

        var list = (await h.Client.GetFromJsonAsync<JsonArray>("/api/v1/reading-list"))!;
        Assert.Single(list);
        var byUrl = await h.PostAsync("/api/v1/reading-list", new { url = server.BaseUrl + "/posts/1" });
        Assert.Equal((string)article["id"]!, (string)(await byUrl.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);

        var bad = await h.PostAsync("/api/v1/reading-list", new { url = "http://10.0.0.1/x" });
        await HeraldInstance.EnsureAsync(bad, 201);
        Assert.Equal("failed", (string)(await bad.Content.ReadFromJsonAsync<JsonObject>())!["status"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await h.Client.DeleteAsync($"/api/v1/reading-list/{article["id"]}")).StatusCode);
    }

    [Fact]
    public async Task Roles_are_checked_viewers_read_contributors_save_editors_subscribe()
    {
        var site = new Site();
        await using var server = await ServeAsync(site);
        await using var h = await StartAsync(TestClock.At("2026-11-23T10:00:00Z"));
        var viewer = await h.ClientForRoleAsync(Role.Viewer);
        var contributor = await h.ClientForRoleAsync(Role.Contributor);

        var refused = await viewer.PostAsJsonAsync("/api/v1/feeds/subscriptions", new { url = server.BaseUrl + "/feed.xml" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.PostAsJsonAsync("/api/v1/feeds/subscriptions", new { url = server.BaseUrl + "/feed.xml" })).StatusCode);
        var sub = (await (await h.PostAsync("/api/v1/feeds/subscriptions", new { url = server.BaseUrl + "/feed.xml" })).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(2, (await viewer.GetFromJsonAsync<JsonArray>("/api/v1/feeds/items"))!.Count);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/v1/reading-list", new { url = server.BaseUrl + "/posts/1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await contributor.PostAsJsonAsync("/api/v1/reading-list", new { url = server.BaseUrl + "/posts/1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.DeleteAsync($"/api/v1/feeds/subscriptions/{sub["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/api/v1/feeds/subscriptions/nope")).StatusCode);
    }
}
