using System.Globalization;
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
