using System.Globalization;
using Herald.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Herald.Tests.Web;

/// <summary>French for those who choose it, and the role check on pages and actions.</summary>
public sealed class LanguageAndRoleTests(WebFixture fixture) : WebTest(fixture)
{
    [Fact]
    public Task Choosing_French_in_settings_shows_the_pages_in_French() => RunAsync(async page =>
    {
        var email = await Fixture.AddUserAsync(Role.Editor);
        await WebFixture.SignInAsync(page, email);
        await page.GotoAsync("/settings");
        await page.GetByLabel("Language").SelectOptionAsync("fr");
        await page.Locator("#save-profile").ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Réglages enregistrés.");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.Locator("nav.nav")).ToContainTextAsync("Calendrier");
        await page.GotoAsync("/");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Aujourd’hui");
        await page.GotoAsync("/calendar");
        await Expect(page.Locator(".seg")).ToContainTextAsync("Semaine");
        await page.GotoAsync("/compose");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Nouvelle publication");
    });

    [Fact]
    public Task The_browser_language_is_the_default_until_the_user_chooses() => RunAsync(async page =>
    {
        var email = await Fixture.AddUserAsync(Role.Viewer);
        await using (var scope = Herald.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
            var user = db.Users.First(u => u.Email == email);
            user.Culture = "auto";
            await db.SaveChangesAsync();
        }
        await page.GotoAsync("/signin");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Connexion");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(WebFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Aujourd’hui");
    }, locale: "fr-FR");

    [Fact]
    public Task A_viewer_sees_the_calendar_but_is_refused_scheduling() => RunAsync(async page =>
    {
        var account = await Herald.ConnectSandboxAsync("Viewer brand");
        var day = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(2);
        var post = await Herald.CreatePostAsync(new { text = "Planned by an editor", accountIds = new[] { account }, scheduledAt = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T12:00:00", timeZone = "UTC" });
        var postId = (string)post["id"]!;

        var email = await Fixture.AddUserAsync(Role.Viewer);
        await WebFixture.SignInAsync(page, email);
        await page.GotoAsync("/calendar?Date=" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var chip = page.Locator($".chip[data-post='{postId}']");
        await Expect(chip).ToBeVisibleAsync();
        await Expect(chip).ToHaveAttributeAsync("draggable", "false");
        await Expect(page.Locator("nav.nav a[href='/compose']")).ToHaveCountAsync(0);

        var compose = await page.GotoAsync("/compose");
        Assert.Equal(403, compose!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Not allowed");

        // Even a hand-made move request (with a valid antiforgery token) is refused.
        await page.GotoAsync("/calendar?Date=" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var status = await page.EvaluateAsync<int>(@"async ([id, local]) => {
            const token = document.querySelector('#move-form input[name=__RequestVerificationToken]').value;
            const r = await fetch('/calendar?handler=Move', { method: 'POST', headers: { 'RequestVerificationToken': token, 'Content-Type': 'application/x-www-form-urlencoded' },
                body: new URLSearchParams({ postId: id, local: local }) });
            return r.status; }", new[] { postId, day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T12:00:00" });
        Assert.Equal(403, status);
        var unchanged = await Herald.GetPostAsync(postId);
        Assert.Equal(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T12:00:00", (string)unchanged["scheduledLocal"]!);
    });

    [Fact]
    public async Task Pages_send_a_strict_content_security_policy_and_the_api_still_answers_401()
    {
        using var anonymous = new HttpClient { BaseAddress = Herald.BaseAddress };
        var api = await anonymous.GetAsync("/api/v1/posts");
        Assert.Equal(401, (int)api.StatusCode);
        var signIn = await anonymous.GetAsync("/signin");
        Assert.Contains("script-src 'self'", signIn.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var page = await anonymous.GetAsync("/calendar");
        Assert.Equal("/signin", page.RequestMessage!.RequestUri!.AbsolutePath);
    }
}
