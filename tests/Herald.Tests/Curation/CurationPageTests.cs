using Herald.Data;
using Herald.Tests.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Herald.Tests.Curation;

/// <summary>The feed reader and the reading list in a browser, in English and French, against a feed served on 127.0.0.1.</summary>
public sealed class CurationPageTests(WebFixture fixture) : WebTest(fixture)
{
    private const string Feed = """
        <rss version="2.0"><channel><title>Garden notes</title><link>/</link>
          <item><guid>g1</guid><title>Tomatoes in November</title><link>/posts/tomatoes</link>
            <description>&lt;p&gt;Late &lt;b&gt;harvest&lt;/b&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;&lt;img src=x onerror="document.title='pwned'"&gt;&lt;/p&gt;</description></item>
          <item><guid>g2</guid><title>Compost basics</title><link>/posts/compost</link><description>Heat and air.</description></item>
        </channel></rss>
        """;

    private static Task<FeedServer> ServeAsync() => FeedServer.StartAsync(app =>
    {
        app.MapGet("/feed.xml", () => FeedServer.Xml(Feed));
        app.MapGet("/posts/{slug}", (string slug) => Results.Content($"""
            <!DOCTYPE html><html><head><title>{slug} — Garden</title></head><body><article><h1>All about {slug}</h1>
            <p>Gardeners grow {slug} with patience, water and sun; this paragraph is long enough to be read as the article itself.</p>
            <p>A second paragraph about {slug} adds detail on soil, seasons and the right moment to harvest what was planted.</p>
            </article></body></html>
            """, "text/html; charset=utf-8"));
    });

    [Fact]
    public Task Follow_a_feed_read_save_for_later_and_share_to_the_composer() => RunAsync(async page =>
    {
        await using var server = await ServeAsync();
        await Herald.ConnectSandboxAsync("garden");
        await WebFixture.SignInAsync(page);
        await page.GotoAsync("/feeds");
        await page.GetByLabel("Feed or site URL").FillAsync(server.BaseUrl + "/feed.xml");
        await page.GetByRole(AriaRole.Button, new() { Name = "Follow" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Now following Garden notes");
        var item = page.Locator(".feed-item", new() { HasText = "Tomatoes in November" });
        await Expect(item).ToContainTextAsync("Late harvest");
        Assert.NotEqual("pwned", await page.TitleAsync());

        await item.GetByRole(AriaRole.Button, new() { Name = "Mark read" }).ClickAsync();
        await Expect(page.Locator(".feed-item.read", new() { HasText = "Tomatoes in November" })).ToBeVisibleAsync();
        await page.Locator(".feed-item", new() { HasText = "Compost basics" }).GetByRole(AriaRole.Button, new() { Name = "Read later" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Saved to your reading list.");

        await page.GotoAsync("/reading");
        var saved = page.Locator(".saved-article", new() { HasText = "compost" });
        await Expect(saved).ToContainTextAsync("Gardeners grow compost");
        await saved.GetByRole(AriaRole.Link, new() { Name = "Read" }).ClickAsync();
        await Expect(page.Locator(".article-text")).ToContainTextAsync("A second paragraph about compost");
        await page.GetByRole(AriaRole.Link, new() { Name = "Share" }).ClickAsync();
        await Expect(page.Locator("#text")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("compost.*" + System.Text.RegularExpressions.Regex.Escape(server.BaseUrl + "/posts/compost")));
    });

    [Fact]
    public Task The_reader_speaks_French_and_a_viewer_cannot_subscribe() => RunAsync(async page =>
    {
        var email = await Fixture.AddUserAsync(Role.Viewer, culture: "fr");
        await WebFixture.SignInAsync(page, email);
        await page.GotoAsync("/feeds");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Flux");
        await Expect(page.Locator("nav.nav")).ToContainTextAsync("Flux");
        await Expect(page.Locator("#subscribe")).ToHaveCountAsync(0);
        await page.GotoAsync("/reading");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Liste de lecture");
        await Expect(page.Locator("#save-article")).ToHaveCountAsync(0);
    });
}
