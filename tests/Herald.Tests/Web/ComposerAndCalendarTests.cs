using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Globalization;
using System.Text.RegularExpressions;
using Herald.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Herald.Tests.Web;

/// <summary>The main path of a social media manager, in a real browser: sign in, connect, compose, schedule, reschedule, publish.</summary>
public sealed partial class ComposerAndCalendarTests(WebFixture fixture) : WebTest(fixture)
{
    [Fact]
    public Task Signing_in_connecting_a_sandbox_and_scheduling_a_post_with_an_image_puts_it_on_the_calendar_where_dragging_reschedules_it() => RunAsync(async page =>
    {
        await WebFixture.SignInAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Today");

        // Connect a Sandbox account.
        await page.GotoAsync("/accounts");
        var connect = page.Locator("#connect-sandbox");
        await connect.GetByLabel("Name in Herald").FillAsync("Herald Coffee");
        await connect.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Herald Coffee is connected");
        await Expect(page.Locator(".account h2", new() { HasText = "Herald Coffee" })).ToBeVisibleAsync();

        // Compose with an image: the alt-text warning shows until the alt text is written.
        await page.GotoAsync("/compose");
        var account = page.Locator(".acc-pick", new() { HasText = "Herald Coffee" });
        await account.Locator("input[type=checkbox]").CheckAsync();
        await page.Locator("#media-input").SetInputFilesAsync(Sample);
        var media = page.Locator(".media-item");
        await Expect(media).ToHaveCountAsync(1);
        await Expect(media.Locator(".alt-warn")).ToBeVisibleAsync();
        await media.Locator("textarea").FillAsync("A green hill under a blue sky and a yellow sun");
        await Expect(media.Locator(".alt-warn")).ToBeHiddenAsync();
        await Expect(page.Locator(".preview-sandbox .pv-media img")).ToHaveCountAsync(1);

        // Past the limit the counter turns red, and the server refuses it next to the account.
        var tooLong = string.Join(' ', Enumerable.Repeat("Fresh beans every morning.", 25));
        await page.Locator("#text").FillAsync(tooLong);
        await Expect(page.Locator(".counter.over")).ToBeVisibleAsync();
        await Expect(page.Locator(".counter.over")).ToContainTextAsync("/ 500");
        var day = NextMonth(10);
        await page.Locator("#when").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T10:00");
        await page.Locator("#btn-schedule").ClickAsync();
        await Expect(account.Locator(".acc-errors .error[data-code=too_long]")).ToContainTextAsync("Too long");
        await Expect(page.Locator("#compose-error")).ToBeVisibleAsync();

        // Shorten it and schedule it.
        await page.Locator("#text").FillAsync("New autumn roast, #coffee lovers: https://example.com/roast with @barista.sandbox");
        await Expect(page.Locator(".counter.over")).ToHaveCountAsync(0);
        await Expect(page.Locator(".preview-sandbox .hl-tag")).ToHaveTextAsync("#coffee");
        await Expect(page.Locator(".preview-sandbox .hl-link")).ToHaveTextAsync("https://example.com/roast");
        await page.Locator("#btn-schedule").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/posts/"));
        await Expect(page.Locator(".flash")).ToContainTextAsync("Scheduled.");
        var postId = page.Url.Split('/').Last();
        var created = await Fixture.GetPostAsync(postId);
        Assert.Single(created["mediaIds"]!.AsArray());

        // Find it on the calendar, and drag it two days later.
        await page.GotoAsync("/calendar?Date=" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var chip = page.Locator($".chip[data-post='{postId}']");
        await Expect(chip).ToContainTextAsync("New autumn roast");
        await Expect(page.Locator($".cal-day[data-date='{Iso(day)}'] .chip[data-post='{postId}']")).ToBeVisibleAsync();
        await chip.DragToAsync(page.Locator($".cal-day[data-date='{Iso(day.AddDays(2))}']"));
        await Expect(page.Locator("#toast")).ToContainTextAsync("Moved");
        await Expect(page.Locator($".cal-day[data-date='{Iso(day.AddDays(2))}'] .chip[data-post='{postId}']")).ToBeVisibleAsync();
        var moved = await Fixture.GetPostAsync(postId);
        Assert.Equal(Iso(day.AddDays(2)) + "T10:00:00", (string)moved["scheduledLocal"]!);
        Assert.Equal("scheduled", (string)moved["status"]!);
    });

    [Fact]
    public Task Dragging_a_post_on_the_week_hour_grid_moves_it_to_that_day_and_hour_keeping_its_minutes() => RunAsync(async page =>
    {
        // An editor who lives in New York; the post is at 09:30 there on a Tuesday of next month.
        var account = await Herald.ConnectSandboxAsync("Week brand");
        var email = await Fixture.AddUserAsync(Role.Editor);
        await using (var scope = Herald.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
            db.Users.First(u => u.Email == email).TimeZone = "America/New_York";
            await db.SaveChangesAsync();
        }
        var day = NextMonth(1);
        while (day.DayOfWeek != DayOfWeek.Tuesday)
        {
            day = day.AddDays(1);
        }
        var target = day.AddDays(2);
        var post = await Herald.CreatePostAsync(new { text = "Thursday tasting moves", accountIds = new[] { account }, scheduledAt = Iso(day) + "T09:30:00", timeZone = "America/New_York" });
        var postId = (string)post["id"]!;

        await WebFixture.SignInAsync(page, email);
        await page.GotoAsync("/calendar?View=week&Date=" + Iso(day));
        await Expect(page.Locator(".cal-week .cal-hour-row")).ToHaveCountAsync(24);
        var chip = page.Locator($".chip[data-post='{postId}']");
        await Expect(page.Locator($".cal-slot[data-date='{Iso(day)}'][data-hour='09'] .chip[data-post='{postId}']")).ToBeVisibleAsync();
        await Expect(chip).ToHaveAttributeAsync("draggable", "true");
        await Expect(chip).ToHaveClassAsync(new Regex("chip-sandbox"));

        // The grid opens on the working hours, not at midnight.
        Assert.True(await page.Locator(".cal-week .cal-scroll").EvaluateAsync<double>("e => e.scrollTop") > 0);

        var cell = page.Locator($".cal-slot[data-date='{Iso(target)}'][data-hour='14']");
        await chip.DragToAsync(cell);
        await Expect(page.Locator("#toast")).ToContainTextAsync("Moved");
        await Expect(cell.Locator($".chip[data-post='{postId}']")).ToBeVisibleAsync();
        await Expect(cell.Locator($".chip[data-post='{postId}']")).ToHaveAttributeAsync("data-time", "14:30:00");

        var moved = await Fixture.GetPostAsync(postId);
        Assert.Equal(Iso(target) + "T14:30:00", (string)moved["scheduledLocal"]!);
        Assert.Equal("America/New_York", (string)moved["timeZone"]!);
        Assert.Equal("scheduled", (string)moved["status"]!);

        // After a reload the post sits in its new hour cell.
        await page.ReloadAsync();
        await Expect(page.Locator($".cal-slot[data-date='{Iso(target)}'][data-hour='14'] .chip[data-post='{postId}']")).ToBeVisibleAsync();
    });

    [Fact]
    public Task Publishing_now_shows_the_post_published_with_its_link() => RunAsync(async page =>
    {
        await Herald.ConnectSandboxAsync("Now brand");
        await WebFixture.SignInAsync(page);
        await page.GotoAsync("/compose");
        await page.Locator(".acc-pick", new() { HasText = "Now brand" }).Locator("input[type=checkbox]").CheckAsync();
        await page.Locator("#text").FillAsync("Doors open right now!");
        await page.Locator("#btn-now").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/posts/"));
        var postId = page.Url.Split('/').Last();
        await Herald.WaitForStatusAsync(postId, "published");
        await page.ReloadAsync();
        await Expect(page.Locator(".delivery .badge-published")).ToBeVisibleAsync();
        var link = page.Locator(".delivery .live-link");
        var post = await Fixture.GetPostAsync(postId);
        var url = (string)post["deliveries"]![0]!["url"]!;
        Assert.False(string.IsNullOrEmpty(url));
        await Expect(link).ToHaveAttributeAsync("href", url);

        // Today lists it among the recently published, with the same link.
        await page.GotoAsync("/");
        await Expect(page.Locator("#published-title + .lines a[target=_blank]").First).ToHaveAttributeAsync("href", url);
    });

    [Fact]
    public Task A_post_written_from_a_campaign_belongs_to_it_and_the_calendar_filters_by_campaign() => RunAsync(async page =>
    {
        await Herald.ConnectSandboxAsync("Campaign brand");
        var day = NextMonth(17);
        var campaign = await (await Herald.PostAsync("/api/v1/campaigns", new { name = "Spring launch " + Guid.NewGuid().ToString("N")[..6], startsOn = Iso(day.AddDays(-3)), endsOn = Iso(day.AddDays(3)) }))
            .Content.ReadFromJsonAsync<JsonObject>();
        var other = await (await Herald.PostAsync("/api/v1/campaigns", new { name = "Other " + Guid.NewGuid().ToString("N")[..6], startsOn = Iso(day), endsOn = Iso(day) }))
            .Content.ReadFromJsonAsync<JsonObject>();
        var campaignId = (string)campaign!["id"]!;

        await WebFixture.SignInAsync(page);
        await page.GotoAsync("/campaigns/" + campaignId);
        await page.Locator("#campaign-compose").ClickAsync();
        await Expect(page.Locator("#campaign")).ToHaveValueAsync(campaignId);
        await page.Locator(".acc-pick", new() { HasText = "Campaign brand" }).Locator("input[type=checkbox]").CheckAsync();
        await page.Locator("#text").FillAsync("Spring is here: the launch post.");
        await page.Locator("#when").FillAsync(Iso(day) + "T11:00");
        await page.Locator("#btn-schedule").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/posts/"));
        var postId = page.Url.Split('/').Last();

        // The post is in the campaign; the calendar shows it under its campaign and not under another one.
        Assert.Equal(campaignId, await CampaignOfAsync(postId));
        await page.GotoAsync($"/calendar?Date={Iso(day)}&Campaign={campaignId}");
        await Expect(page.Locator($".chip[data-post='{postId}']")).ToBeVisibleAsync();
        await Expect(page.Locator("#f-campaign")).ToHaveValueAsync(campaignId);
        await page.GotoAsync($"/calendar?Date={Iso(day)}&Campaign={(string)other!["id"]!}");
        await Expect(page.Locator($".chip[data-post='{postId}']")).ToHaveCountAsync(0);

        // Editing keeps the campaign; choosing none takes the post out of it.
        await page.GotoAsync("/compose/" + postId);
        await Expect(page.Locator("#campaign")).ToHaveValueAsync(campaignId);
        await page.Locator("#campaign").SelectOptionAsync("");
        await page.Locator("#btn-schedule").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/posts/"));
        Assert.Null(await CampaignOfAsync(postId));
        await page.GotoAsync($"/calendar?Date={Iso(day)}&Campaign={campaignId}");
        await Expect(page.Locator($".chip[data-post='{postId}']")).ToHaveCountAsync(0);
    });

    private async Task<string?> CampaignOfAsync(string postId)
    {
        await using var scope = Herald.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
        return db.Set<Herald.Campaigns.CampaignPost>().Where(cp => cp.PostId == postId).Select(cp => cp.CampaignId).FirstOrDefault();
    }

    private static DateOnly NextMonth(int day)
    {
        var now = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var month = new DateOnly(now.Year, now.Month, 1).AddMonths(1);
        return month.AddDays(day - 1);
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
