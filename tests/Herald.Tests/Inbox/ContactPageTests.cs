using System.Text.RegularExpressions;
using Herald.Inbox;
using Herald.Tests.Infrastructure;
using Herald.Tests.Web;
using Microsoft.Playwright;

namespace Herald.Tests.Inbox;

/// <summary>The contact page and the Today inbox tile in a real browser.</summary>
public sealed class ContactPageTests(WebFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task Today_shows_the_unread_tile_then_the_contact_opens_from_the_conversation_with_history_and_a_new_note() => await RunAsync(async page =>
    {
        var account = await Herald.ConnectSandboxAsync("Contact page");
        var ingestor = Herald.Services.GetRequiredService<InboxIngestor>();
        var now = Herald.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var author = new IncomingAuthor("lea.contact", "<b onmouseover=\"window.__pwned=1\">Léa</b>");
        await ingestor.SavePageAsync(new InboxAccount(account, Herald.WorkspaceId, "sandbox"), "events",
            new InboxPage(
            [
                new IncomingItem(InboxKind.Reply, "contact-1", author, "First question about shipping", now.AddMinutes(-30), "post-c1", ParentRemoteId: "post-c1", RootRemoteId: "post-c1"),
                new IncomingItem(InboxKind.Mention, "contact-2", author, "@acme still waiting", now.AddMinutes(-5), "contact-2"),
            ], [], "c", false), default);
        var id = (string)(await Herald.InboxAsync("&q=" + Uri.EscapeDataString("shipping"))).Items().Single()["id"]!;

        await WebFixture.SignInAsync(page);
        await page.GotoAsync("/");
        var tile = page.Locator("#today-unread");
        await Assertions.Expect(tile.Locator(".stat-value")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("#today-alerts .stat-value")).ToHaveTextAsync("0");
        await tile.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/inbox$"));

        await page.GotoAsync($"/inbox/{id}");
        await page.Locator("a.contact-link").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/contacts/[^/?]+$"));
        await Assertions.Expect(page.Locator("#contact-name")).ToHaveTextAsync("<b onmouseover=\"window.__pwned=1\">Léa</b>");
        await Assertions.Expect(page.Locator("#contact-handle")).ToHaveTextAsync("@lea.contact");
        await Assertions.Expect(page.Locator("#contact-history > li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByText("First question about shipping")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("@acme still waiting")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("[onmouseover]").CountAsync());

        await page.Locator("textarea[name=note]").FillAsync("VIP: answer within the hour");
        await page.GetByRole(AriaRole.Button, new() { NameString = "Add note" }).ClickAsync();
        await Assertions.Expect(page.Locator("#contact-notes")).ToContainTextAsync("VIP: answer within the hour");

        // The history links back to the conversations.
        await page.Locator("#contact-history a[href^='/inbox/']").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/inbox/" + Regex.Escape(id) + "$"));

        // The contact list finds the person.
        await page.GotoAsync("/contacts?q=lea");
        await Assertions.Expect(page.Locator("a[href^='/contacts/']:has-text('@lea.contact')")).ToHaveCountAsync(1);

        // The opened conversation is read now: one unread left on Today.
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#today-unread .stat-value")).ToHaveTextAsync("1");
    });
}
