using Herald.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Herald.Tests.Web;

/// <summary>The competitors page in a browser: reached from analytics, follow and stop following, side-by-side table and SVG charts, roles, French.</summary>
public sealed class CompetitorsPageTests(WebFixture fixture) : WebTest(fixture)
{
    [Fact]
    public Task Editors_follow_a_competitor_and_see_it_beside_their_accounts() => RunAsync(async page =>
    {
        await Herald.ConnectSandboxAsync("our-brand");
        await WebFixture.SignInAsync(page);
        await page.GotoAsync("/analytics");
        await page.GetByRole(AriaRole.Link, new() { Name = "Competitors", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Competitors");

        await page.Locator("#add-competitor select[name=network]").SelectOptionAsync("mastodon");
        await page.Locator("#add-competitor input[name=handle]").FillAsync("not-a-handle");
        await page.Locator("#add-competitor button[type=submit]").ClickAsync();
        await Expect(page.Locator("#competitor-error")).ToContainTextAsync("user@instance");

        await page.Locator("#add-competitor select[name=network]").SelectOptionAsync("sandbox");
        await page.Locator("#add-competitor input[name=handle]").FillAsync("rival-web");
        await page.Locator("#add-competitor button[type=submit]").ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Now following rival-web.");
        await Expect(page.Locator("#comparison tr.row-competitor", new() { HasText = "Rival Web" })).ToContainTextAsync("Rival Web (competitor)");
        await Expect(page.Locator("#comparison tr.row-brand").First).ToBeVisibleAsync();
        await Expect(page.Locator("#followed")).ToContainTextAsync("@rival-web");
        Assert.True(await page.Locator("svg.chart-bars").CountAsync() >= 4);
        await Expect(page.Locator("#follower-series figure", new() { HasText = "Rival Web" }).Locator("svg.chart-line")).ToHaveCountAsync(1);

        await page.Locator("#followed li", new() { HasText = "rival-web" }).GetByRole(AriaRole.Button, new() { Name = "Stop following" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Competitor removed");
        await Expect(page.Locator("#comparison tr.row-competitor", new() { HasText = "Rival Web" })).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Viewers_read_the_comparison_in_french_without_the_form() => RunAsync(async page =>
    {
        var response = await Fixture.PostJsonAsync("/api/v1/analytics/competitors", new { network = "sandbox", handle = "rival-fr" });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var email = await Fixture.AddUserAsync(Role.Viewer, culture: "fr");
        await WebFixture.SignInAsync(page, email);
        await page.GotoAsync("/analytics/competitors");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Concurrents");
        await Expect(page.Locator("#comparison")).ToContainTextAsync("Rival Fr (concurrent)");
        await Expect(page.Locator("#comparison thead")).ToContainTextAsync("Publications par semaine");
        await Expect(page.Locator("#add-competitor")).ToHaveCountAsync(0);
        await Expect(page.Locator("#followed button")).ToHaveCountAsync(0);
    });
}
