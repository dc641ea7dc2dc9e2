using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Herald.Tests.Web;

/// <summary>
/// Every main page renders with realistic content; a screenshot of each is kept in artifacts/screenshots/pages
/// (and, with HERALD_DOCS_SCREENSHOTS=1, refreshed in docs/screenshots for the README).
/// </summary>
public sealed class PageScreenshotTests(WebFixture fixture) : WebTest(fixture)
{
    [Fact]
    public Task Main_pages_render_with_content_in_English_and_French() => RunAsync(async page =>
    {
        var coffee = await Herald.ConnectSandboxAsync("Herald Coffee");
        var bakery = await Herald.ConnectSandboxAsync("Corner Bakery");
        await Herald.Client.PutAsync($"/api/v1/accounts/{coffee}/queue/slots", System.Net.Http.Json.JsonContent.Create(new
        {
            slots = new[] { new { day = "monday", time = "09:00" }, new { day = "wednesday", time = "12:30" }, new { day = "friday", time = "17:00" } },
        }));
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        string[] texts =
        [
            "New autumn roast is here: caramel, hazelnut and a hint of orange. #coffee",
            "Saturday tasting at 10:00, free for everyone who brings a friend ☕",
            "Behind the scenes: how we pick our beans in Huila, Colombia https://example.com/huila",
            "Croissant o'clock. Fresh from the oven every 45 minutes 🥐",
            "We are hiring a barista for the weekend shift — @jobs.sandbox",
            "Rainy day special: any hot drink + a cookie for 5 €",
        ];
        for (var i = 0; i < 14; i++)
        {
            var day = today.AddDays(1 + (i * 2 % 20));
            await Herald.CreatePostAsync(new
            {
                text = texts[i % texts.Length],
                accountIds = i % 3 == 0 ? new[] { coffee, bakery } : new[] { i % 2 == 0 ? coffee : bakery },
                scheduledAt = $"{day:yyyy-MM-dd}T{8 + (i % 9):00}:{(i % 2) * 30:00}:00",
                timeZone = "UTC",
            });
        }
        var published = await Herald.CreatePostAsync(new { text = "Doors are open! Come in for the first pour of the day.", accountIds = new[] { coffee }, publishNow = true });
        var failing = await Herald.CreatePostAsync(new { text = "Flash sale this afternoon #sandbox-fail", accountIds = new[] { bakery }, publishNow = true });
        await Herald.WaitForStatusAsync((string)published["id"]!, "published");
        await Herald.WaitForStatusAsync((string)failing["id"]!, "failed");

        await WebFixture.SignInAsync(page);
        await Shot(page, "/", "today.png");
        await Expect(page.Locator("#failures-title + .lines")).ToContainTextAsync("Flash sale");
        await Shot(page, "/calendar", "calendar.png");
        await page.GotoAsync("/compose");
        await page.Locator(".acc-pick", new() { HasText = "Corner Bakery" }).Locator("input[type=checkbox]").CheckAsync();
        await page.Locator("#text").FillAsync("Our winter menu starts Monday: spiced latte, chestnut cake and the return of hot chocolate with whipped cream. #winter https://example.com/menu");
        await page.Locator("#media-input").SetInputFilesAsync(Sample);
        await Expect(page.Locator(".media-item")).ToHaveCountAsync(1);
        await Shot(page, null, "composer.png");
        await Shot(page, "/posts/" + (string)published["id"]!, "post.png");
        await Shot(page, "/accounts", "accounts.png");
        await Shot(page, "/settings", "settings.png");
        await Shot(page, "/calendar?View=list", "calendar-list.png");

        await page.GotoAsync("/settings");
        await page.GetByLabel("Language").SelectOptionAsync("fr");
        await page.Locator("#save-profile").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Shot(page, "/calendar?View=week", "calendar-week-fr.png");
        await Shot(page, "/", "today-fr.png");
        await page.SetViewportSizeAsync(390, 844);
        await Shot(page, "/", "today-phone-fr.png");
    });

    /// <summary>The pages of engagement, measurement and listening, with a month of realistic activity behind them.</summary>
    [Fact]
    public Task Inbox_analytics_listening_and_links_pages_render_with_content() => RunAsync(async page =>
    {
        var account = await Herald.ConnectSandboxAsync("Herald Roasters");
        var now = Herald.Services.GetRequiredService<TimeProvider>().GetUtcNow();

        // The inbox: replies and mentions in English and French, one of them angry, threaded under two posts.
        (string Handle, string Name, string Text, string Post)[] people =
        [
            ("camille.sandbox", "Camille Martin", "J'adore le nouveau café d'automne, bravo à toute l'équipe !", "autumn"),
            ("sam.sandbox", "Sam Carter", "My order #4411 arrived cold and nobody answers the phone. Really disappointed.", "autumn"),
            ("lucas.sandbox", "Lucas Bernard", "Est-ce que la dégustation de samedi est gratuite ?", "tasting"),
            ("priya.sandbox", "Priya Shah", "Best flat white in town, hands down ☕", "tasting"),
            ("noah.sandbox", "Noah Kim", "@heraldroasters do you ship to Belgium?", ""),
            ("emma.sandbox", "Emma Dubois", "Service un peu lent ce matin mais le croissant valait l'attente.", "autumn"),
        ];
        var ingestor = Herald.Services.GetRequiredService<global::Herald.Inbox.InboxIngestor>();
        var items = people.Select((p, i) => new global::Herald.Inbox.IncomingItem(
            p.Post.Length == 0 ? global::Herald.Inbox.InboxKind.Mention : global::Herald.Inbox.InboxKind.Reply, "shot-" + i + "-" + Guid.NewGuid().ToString("N")[..6],
            new global::Herald.Inbox.IncomingAuthor(p.Handle, p.Name), p.Text, now.AddMinutes(-15 * (i + 1)),
            p.Post.Length == 0 ? "mention-" + i : "post-" + p.Post, ParentRemoteId: p.Post.Length == 0 ? null : "post-" + p.Post, RootRemoteId: p.Post.Length == 0 ? null : "post-" + p.Post)).ToList();
        await ingestor.SavePageAsync(new global::Herald.Inbox.InboxAccount(account, Herald.WorkspaceId, "sandbox"), "events",
            new global::Herald.Inbox.InboxPage(items, [], "shots", false), default);

        // Analytics: a month of posts with their counts and a growing audience.
        var rng = new Random(7);
        var posts = new List<global::Herald.Analytics.PostMetrics>();
        var followers = new List<(string, string, string, long)>();
        string[] types = ["text", "image", "link", "video"];
        for (var d = 30; d >= 1; d--)
        {
            var day = now.AddDays(-d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var audience = 4_000 + (30 - d) * 37L;
            followers.Add((account, "sandbox", day, audience));
            for (var k = 0; k < 1 + d % 2; k++)
            {
                var hour = 8 + rng.Next(11);
                var likes = 20 + rng.Next(80) + (hour is >= 12 and <= 13 ? 60 : 0);
                posts.Add(global::Herald.Tests.Analytics.KpiFixture.Post(Herald.WorkspaceId, account, "sandbox", day, hour, types[rng.Next(types.Length)],
                    likes, likes / 5 + rng.Next(5), likes / 8, rng.Next(4), likes * 40L, audience, clicks: likes / 3));
            }
        }
        await global::Herald.Tests.Analytics.KpiFixture.WriteAsync(Herald, posts, followers);

        // Listening: a brand query and a stream of public posts.
        await Herald.PostAsync("/api/v1/listening/queries", new { name = "Herald Roasters", query = "herald OR \"herald roasters\" OR #heraldcoffee", role = "brand" });
        await Herald.PostAsync("/api/v1/listening/queries", new { name = "Rival Beans", query = "\"rival beans\" OR #rivalbeans", role = "competitor" });
        string[] stream =
        [
            "Tried Herald Roasters' autumn blend today, wow #heraldcoffee",
            "Herald coffee at the station is always fresh",
            "Rival Beans opened a new shop downtown #rivalbeans",
            "Le café Herald est le meilleur du quartier",
            "Queue at Rival Beans was 20 minutes, not worth it",
            "Herald's baristas know my order by heart #heraldcoffee",
        ];
        var listened = Enumerable.Range(0, 36).Select(i => new global::Herald.Listening.IncomingPost("sandbox", "s://shot/" + Guid.NewGuid().ToString("N"), stream[i % stream.Length],
            [i % stream.Length == 3 ? "fr" : "en"], "sandbox:author" + (i % 9), $"author{i % 9}.sandbox", now.AddHours(-i * 3))).ToList();
        await Herald.Services.GetRequiredService<global::Herald.Listening.ListeningIngest>().IngestAsync(listened, default);

        // Tracked links with a few clicks.
        foreach (var url in new[] { "https://example.com/autumn-blend", "https://example.com/tasting", "https://example.com/shop" })
        {
            var created = await (await Herald.PostAsync("/api/v1/links", new { url, campaign = "autumn", network = "sandbox" })).Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
            var code = (string)created!["code"]!;
            using var browserLike = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Herald.Client.BaseAddress };
            browserLike.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36");
            for (var c = 0; c < url.Length % 7 + 3; c++)
            {
                await browserLike.GetAsync("/l/" + code);
            }
        }

        await WebFixture.SignInAsync(page);
        await Shot(page, "/inbox", "inbox.png");
        var first = await page.Locator("a[href^='/inbox/']").First.GetAttributeAsync("href");
        await Shot(page, first!, "conversation.png");
        await Shot(page, "/analytics?accountId=" + account, "analytics.png");
        await Shot(page, "/analytics/best-time", "best-time.png");
        await Shot(page, "/listening", "listening.png");
        await Shot(page, "/links", "links.png");
        await Shot(page, "/crisis", "crisis.png");
        await Shot(page, "/reports", "reports.png");
        await Shot(page, "/feeds", "feeds.png");
    });

    private static async Task Shot(IPage page, string? path, string name)
    {
        if (path is not null)
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
        }
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var root = WebFixture.RepositoryRoot();
        var folder = Directory.CreateDirectory(Path.Combine(root, "artifacts", "screenshots", "pages"));
        var file = Path.Combine(folder.FullName, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file });
        if (Environment.GetEnvironmentVariable("HERALD_DOCS_SCREENSHOTS") == "1")
        {
            File.Copy(file, Path.Combine(Directory.CreateDirectory(Path.Combine(root, "docs", "screenshots")).FullName, name), overwrite: true);
        }
    }
}
