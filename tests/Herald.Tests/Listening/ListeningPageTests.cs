using Herald.Data;
using Herald.Listening;
using Herald.Tests.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Herald.Tests.Listening;

/// <summary>The listening page in a real browser: a query's mistake and its matches shown while typing; adding it; French.</summary>
public sealed class ListeningPageTests(WebFixture fixture) : WebTest(fixture)
{
    [Fact]
    public Task Typing_a_query_previews_its_matches_and_points_at_a_mistake_then_adding_it_lists_it() => RunAsync(async page =>
    {
        var now = Fixture.Herald.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await Fixture.Herald.Services.GetRequiredService<ListeningIngest>().IngestAsync(
        [
            new IncomingPost("sandbox", "s://page/1", "Le café <b>Herald</b> est génial", ["fr"], "sandbox:camille", "camille.sandbox", now),
            new IncomingPost("sandbox", "s://page/2", "Something else entirely", ["en"], "sandbox:lucas", "lucas.sandbox", now),
        ], default);
        await WebFixture.SignInAsync(page);
        await page.GotoAsync("/listening");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Listening");

        await page.Locator("#query-text").FillAsync("(herald OR cafe");
        await Expect(page.Locator("#preview-status")).ToHaveTextAsync("expected ')' at 15");
        await page.Locator("#query-text").FillAsync("herald AND café");
        await Expect(page.Locator("#preview-list li")).ToHaveTextAsync("Le café <b>Herald</b> est génial — camille.sandbox"); // as text, never as HTML

        await page.GetByLabel("Name").FillAsync("Herald Coffee");
        await page.Locator("#query-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-testid=queries]")).ToContainTextAsync("herald AND café");
    });

    [Fact]
    public Task The_page_speaks_French() => RunAsync(async page =>
    {
        var email = await Fixture.AddUserAsync(Role.Viewer, culture: "fr");
        await page.GotoAsync("/signin");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(WebFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin")); // signed in before leaving
        await page.GotoAsync("/listening");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Écoute");
        await Expect(page.Locator("#query-form")).ToHaveCountAsync(0); // a viewer reads, does not write
        await Expect(page.Locator("#sov-title")).ToHaveTextAsync("Part de voix (30 jours)");
    }, locale: "fr-FR");
}
