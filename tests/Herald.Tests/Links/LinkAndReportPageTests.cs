using Herald.Data;
using Herald.Tests.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Herald.Tests.Links;

/// <summary>The Links and Reports pages in a browser, in English and French.</summary>
public sealed class LinkAndReportPageTests(WebFixture fixture) : WebTest(fixture)
{
    [Fact]
    public Task An_editor_creates_a_tracked_link_and_sees_its_clicks_and_daily_chart() => RunAsync(async page =>
    {
        var email = await Fixture.AddUserAsync(Role.Editor);
        await WebFixture.SignInAsync(page, email);
        await page.GotoAsync("/links");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Tracked links");
        await page.GetByLabel("URL").FillAsync("https://shop.example/page-test");
        await page.GetByLabel("Campaign").FillAsync("Page Test");
        await page.Locator("form button.btn-primary").ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Tracked link created");
        await Expect(page.Locator("#link-detail svg.chart")).ToBeVisibleAsync();
        await Expect(page.Locator("#links")).ToContainTextAsync("page-test");
    });

    [Fact]
    public Task An_editor_saves_a_report_and_opens_it_in_french() => RunAsync(async page =>
    {
        var email = await Fixture.AddUserAsync(Role.Editor, culture: "fr");
        await WebFixture.SignInAsync(page, email);
        await page.GotoAsync("/reports");
        await page.GetByLabel("Nom").FillAsync("Rapport hebdo");
        await page.Locator("#builder button[type=submit]").ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Rapport enregistré.");
        await Expect(page.Locator("#reports")).ToContainTextAsync("Rapport hebdo");
        await page.Locator("#reports a", new() { HasTextString = "Voir" }).First.ClickAsync();
        await Expect(page.Locator("h2").First).ToHaveTextAsync("Faits marquants");
    });
}
