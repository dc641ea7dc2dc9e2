using System.Net.Http.Json;
using Herald.Data;
using Herald.Tests.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Herald.Tests.Crisis;

/// <summary>The crisis pages in a real browser: a rule, an alert acknowledged, crisis mode with its banner; French; the role check.</summary>
public sealed class CrisisPageTests(WebFixture fixture) : WebTest(fixture)
{
    [Fact]
    public Task An_admin_adds_a_rule_acknowledges_its_alert_and_turns_crisis_mode_on_and_off_with_a_banner_on_every_page() => RunAsync(async page =>
    {
        await WebFixture.SignInAsync(page);
        await page.GotoAsync("/crisis");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Crisis");
        await page.Locator("#r-kind").SelectOptionAsync("negative_share");
        await page.Locator("#r-name").FillAsync("Backlash");
        await page.Locator("#r-threshold").FillAsync("40");
        await page.Locator("#r-min").FillAsync("5");
        await page.Locator("#add-rule-submit").ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Rule added.");
        await Expect(page.Locator(".rule-line", new() { HasTextString = "Backlash" })).ToHaveCountAsync(1);

        // Real time here: a few minutes back, so every item falls inside the window whatever the second.
        await Herald.RecordAsync(TimeProvider.System.GetUtcNow().AddMinutes(-3), 10, 8);
        await Herald.EvaluateAsync();
        await Herald.WaitForAlertsAsync(1);
        await page.GotoAsync("/crisis");
        var alert = page.Locator(".alert-line").First;
        await Expect(alert).ToContainTextAsync("80% of the 10 items");
        await alert.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(page.Locator(".alert-line").First.Locator(".badge")).ToHaveTextAsync("Acknowledged");

        await page.Locator("#mode-note").FillAsync("Recall");
        await page.Locator("#mode-on").ClickAsync();
        await Expect(page.Locator("#crisis-banner")).ToBeVisibleAsync();
        await Expect(page.Locator("#mode-log")).ToContainTextAsync("turned crisis mode on");
        await page.GotoAsync("/calendar");
        await Expect(page.Locator("#crisis-banner")).ToContainTextAsync("Crisis mode is on.");
        await page.GotoAsync("/crisis");
        await page.Locator("#mode-off").ClickAsync();
        await Expect(page.Locator("#crisis-banner")).ToHaveCountAsync(0);
        await Expect(page.Locator("#mode-log li").First).ToContainTextAsync("turned crisis mode off");
    });

    [Fact]
    public Task A_rule_left_at_its_empty_fields_takes_its_kinds_defaults_and_a_French_admin_types_a_decimal_comma() => RunAsync(async page =>
    {
        var email = await Fixture.AddUserAsync(Role.Admin, culture: "fr");
        await WebFixture.SignInAsync(page, email);
        await page.GotoAsync("/crisis");
        await page.Locator("#r-kind").SelectOptionAsync("volume");
        await page.Locator("#r-name").FillAsync("Spike, defaults");
        await page.Locator("#add-rule-submit").ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveCountAsync(1);

        await page.Locator("#r-kind").SelectOptionAsync("volume");
        await page.Locator("#r-name").FillAsync("Pic, 2,5");
        await page.Locator("#r-threshold").FillAsync("2,5");
        await page.Locator("#add-rule-submit").ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveCountAsync(1);
        await page.Locator("#r-threshold").FillAsync("beaucoup");
        await page.Locator("#add-rule-submit").ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Le seuil est un nombre");

        var rules = (await Herald.Client.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>("/api/v1/crisis/rules"))!;
        var defaults = rules.Single(r => (string)r!["name"]! == "Spike, defaults")!;
        Assert.Equal(3.0, (double)defaults["threshold"]!);
        Assert.Equal(30, (int)defaults["minimumCount"]!);
        Assert.Equal(60, (int)defaults["windowMinutes"]!);
        Assert.Equal(2.5, (double)rules.Single(r => (string)r!["name"]! == "Pic, 2,5")!["threshold"]!);
        var mine = rules.Where(r => ((string)r!["name"]!).StartsWith("Spike", StringComparison.Ordinal) || ((string)r!["name"]!).StartsWith("Pic", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, mine.Count);
        foreach (var rule in mine)
        {
            Assert.Equal(204, (int)(await Herald.Client.DeleteAsync($"/api/v1/crisis/rules/{rule!["id"]}")).StatusCode);
        }
    });

    [Fact]
    public Task A_viewer_sees_the_crisis_page_in_French_without_its_actions_and_is_refused_the_channels() => RunAsync(async page =>
    {
        var email = await Fixture.AddUserAsync(Role.Viewer, culture: "fr");
        await WebFixture.SignInAsync(page, email);
        await page.GotoAsync("/crisis");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Crise");
        await Expect(page.Locator("nav.nav")).ToContainTextAsync("Crise");
        await Expect(page.Locator("#mode-title")).ToHaveTextAsync("Mode crise");
        await Expect(page.Locator("#mode-on")).ToHaveCountAsync(0);
        await Expect(page.Locator("#add-rule")).ToHaveCountAsync(0);
        var refused = await page.GotoAsync("/notifications");
        Assert.Equal(403, refused!.Status);
    });

    [Fact]
    public Task An_admin_adds_a_webhook_channel_and_sees_its_secret_once() => RunAsync(async page =>
    {
        await WebFixture.SignInAsync(page);
        await page.GotoAsync("/notifications");
        await page.Locator("#w-name").FillAsync("Ops Slack");
        await page.Locator("#w-url").FillAsync("https://hooks.example.com/services/T000/B000/XXXX");
        await page.Locator("#add-webhook button[type=submit]").ClickAsync();
        await Expect(page.Locator("#new-secret")).ToContainTextAsync("whsec_");
        await Expect(page.Locator(".channel-line")).ToContainTextAsync("Ops Slack");
        await Expect(page.Locator(".channel-line")).Not.ToContainTextAsync("XXXX");
        await page.ReloadAsync();
        await Expect(page.Locator("#new-secret")).ToHaveCountAsync(0);
    });
}
