using Herald.Data;
using Herald.Inbox;
using Herald.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Inbox;

/// <summary>Text from a network is stored whatever it holds, on SQLite (one JSON parameter per table) and PostgreSQL.</summary>
public sealed class IngestionTextTests
{
    [Fact]
    public async Task Lone_surrogates_in_incoming_text_are_stored_as_replacement_characters_and_the_rest_of_the_page_is_kept()
    {
        var time = TestClock.At("2026-11-24T09:00:00Z");
        await using var herald = await HeraldInstance.StartAsync(time);
        var account = await herald.ConnectSandboxAsync("Surrogates");
        var inbox = new InboxAccount(account, herald.WorkspaceId, "sandbox");
        var ingestor = herald.Services.GetRequiredService<InboxIngestor>();
        var now = time.GetUtcNow();
        IncomingItem Item(string id, string text, string name) =>
            new(InboxKind.Mention, id, new IncomingAuthor("author-" + id, name), text, now, id);
        var page = new InboxPage(
        [
            Item("high", "\uD800abc", "Ann"),
            Item("low", "abc\uDC00 def", "Bo\uDFFFb"),
            Item("reversed", "x\uDC00\uD800y", "Cy"),
            Item("pair", "coffee \uD83D\uDE00 ok", "Dee"),
            Item("plain", "nothing odd here", "Eve"),
        ], [new IncomingEngagement("like", "like-1", new IncomingAuthor("liker\uD800"), "post-1", now)], "cursor-1", false);

        var (added, read) = await ingestor.SavePageAsync(inbox, "events", page, default);

        Assert.Equal((5, 5), (added, read));
        await using var scope = herald.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
        var stored = await db.Set<InboxItem>().Where(i => i.AccountId == account).ToDictionaryAsync(i => i.RemoteId);
        Assert.Equal("\uFFFDabc", stored["high"].Text);
        Assert.Equal("abc\uFFFD def", stored["low"].Text);
        Assert.Equal("Bo\uFFFDb", stored["low"].AuthorName);
        Assert.Equal("x\uFFFD\uFFFDy", stored["reversed"].Text);
        Assert.Equal("coffee \uD83D\uDE00 ok", stored["pair"].Text);
        Assert.Equal("nothing odd here", stored["plain"].Text);
        Assert.All(stored.Values, i => Assert.NotNull(i.ContactId));
        Assert.Equal("liker\uFFFD", (await db.Set<EngagementEvent>().SingleAsync(e => e.AccountId == account)).Actor);
        Assert.Equal("cursor-1", await herald.Services.GetRequiredService<InboxWriter>().ReadCursorAsync(account, "events", default));

        // Read again (a restart before the cursor moved): nothing new, nothing doubled.
        Assert.Equal((0, 5), await ingestor.SavePageAsync(inbox, "events", page, default));
        Assert.Equal(5, await db.Set<InboxItem>().CountAsync(i => i.AccountId == account));
    }
}
