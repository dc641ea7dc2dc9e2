using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Data;
using Herald.Tests.Analytics;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Herald.Tests.Web;

/// <summary>The analytics pages in a browser: KPI tiles and server-rendered SVG charts in English and French; best times added to the queue in one click.</summary>
public sealed class AnalyticsPagesTests(WebFixture fixture) : WebTest(fixture)
{
    private async Task<string> SeedAsync()
    {
        // One account of its own, so posts other tests publish in this workspace do not change the figures.
        var account = "web-" + Guid.NewGuid().ToString("N")[..8];
        var day = Fixture.Herald.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var ws = Fixture.Herald.WorkspaceId;
        // E = 10 + 2 + 3 = 15 with 1,000 followers: 1.5 % per follower; 15 / 500 impressions: 3 % per impression.
        await KpiFixture.WriteAsync(Fixture.Herald, [KpiFixture.Post(ws, account, "sandbox", day, 9, "image", 10, 2, 3, 0, 500, 1000)], []);
        return account;
    }

    [Fact]
    public Task The_dashboard_shows_kpis_and_svg_charts() => RunAsync(async page =>
    {
        var account = await SeedAsync();
        await WebFixture.SignInAsync(page);
        await page.GotoAsync("/analytics?accountId=" + account);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Analytics");
        await Expect(page.Locator(".stats")).ToContainTextAsync("1.5 %");
        await Expect(page.Locator(".stats")).ToContainTextAsync("3 %");
        Assert.True(await page.Locator("svg.chart").CountAsync() >= 4);
        await Expect(page.Locator("svg.chart-line").First).ToHaveAttributeAsync("role", "img");
        await page.GotoAsync("/analytics/changes");
        await Expect(page.Locator("h1")).ToHaveTextAsync("What changed");
        await page.GotoAsync("/campaigns");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Campaigns");
    });

    [Fact]
    public Task The_dashboard_speaks_french() => RunAsync(async page =>
    {
        var account = await SeedAsync();
        var email = await Fixture.AddUserAsync(Role.Viewer);
        await using (var scope = Fixture.Herald.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
            var user = db.Users.Single(u => u.Email == email);
            user.Culture = "fr"; // the sign-in page follows the browser (English here); the user's choice applies once signed in
            await db.SaveChangesAsync();
        }
        await WebFixture.SignInAsync(page, email);
        await page.GotoAsync("/analytics?accountId=" + account);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Statistiques");
        await Expect(page.Locator(".stats")).ToContainTextAsync("Taux d'engagement par abonné");
        await Expect(page.Locator(".stats")).ToContainTextAsync("1,5 %");
    });

    [Fact]
    public Task Best_times_are_labelled_as_defaults_and_added_to_the_queue_in_one_click() => RunAsync(async page =>
    {
        var connected = await Fixture.Herald.ConnectAsync(new { network = "sandbox", name = "best-" + Guid.NewGuid().ToString("N")[..6] });
        var account = (string)connected["id"]!;
        await WebFixture.SignInAsync(page);
        await page.GotoAsync("/analytics/best-time?accountId=" + account);
        await Expect(page.Locator("#fallback")).ToBeVisibleAsync();
        Assert.Equal(1, await page.Locator("svg.chart-heat").CountAsync());
        await page.Locator("#add-slots").ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("5");
        var slots = await Fixture.Herald.Client.GetFromJsonAsync<JsonObject>($"/api/v1/accounts/{account}/queue/slots");
        Assert.Equal(5, slots!["slots"]!.AsArray().Count);
    });
}
