using Dapper;
using Herald.Data;
using Herald.Inbox;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Inbox;

/// <summary>
/// An item the look-up did not drop: sent twice in one page, or stored by a concurrent save of the same account after the
/// look-up. On PostgreSQL the page is first inserted without ON CONFLICT; the unique key refuses it, and it is saved again
/// with it. Either way each item is stored and counted once, and the page's cursor moves.
/// </summary>
public sealed class IngestionDuplicateTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-01-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_item_twice_in_one_page_is_stored_and_counted_once_with_the_rest_of_the_page()
    {
        await using var herald = await HeraldInstance.StartAsync(TestClock.At("2026-11-24T09:00:00Z"));
        var account = new InboxAccount(await herald.ConnectSandboxAsync("Twice"), herald.WorkspaceId, "sandbox");
        var ingestor = herald.Services.GetRequiredService<InboxIngestor>();
        var items = Enumerable.Range(0, 5).Select(k => Item("twice", k)).ToList();
        items.Add(Item("twice", 2));

        var (fresh, read) = await ingestor.SavePageAsync(account, "dup", new InboxPage(items, [], "dup-cursor-1", false), default);

        Assert.Equal(5, fresh);
        Assert.Equal(6, read);
        await AssertStoredAsync(herald, account, "dup", "twice-", 5, "dup-cursor-1");
        // Read again (a restart before the cursor moved): nothing new, nothing doubled.
        (fresh, _) = await ingestor.SavePageAsync(account, "dup", new InboxPage(items, [], "dup-cursor-1", false), default);
        Assert.Equal(0, fresh);
        await AssertStoredAsync(herald, account, "dup", "twice-", 5, "dup-cursor-1");
    }

    [Fact]
    public async Task The_same_pages_saved_at_once_for_one_account_store_and_count_each_item_once()
    {
        await using var herald = await HeraldInstance.StartAsync(TestClock.At("2026-11-24T09:00:00Z"));
        var account = new InboxAccount(await herald.ConnectSandboxAsync("Racing"), herald.WorkspaceId, "sandbox");
        var ingestor = herald.Services.GetRequiredService<InboxIngestor>();
        // Four savers each save the same ten pages of 20 at the same time: every look-up may miss what another is saving.
        // Each saver's last page is the ninth, so whichever commits last leaves its cursor.
        var pages = Enumerable.Range(0, 10)
            .Select(n => new InboxPage([.. Enumerable.Range(20 * n, 20).Select(k => Item("race", k))], [], $"race-cursor-{n}", n < 9))
            .ToList();
        using var start = new SemaphoreSlim(0);
        var savers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await start.WaitAsync();
            var fresh = 0;
            foreach (var page in pages)
            {
                fresh += (await ingestor.SavePageAsync(account, "race", page, default)).New;
            }
            return fresh;
        })).ToList();
        start.Release(4);
        var news = await Task.WhenAll(savers);

        Assert.Equal(200, news.Sum());
        await AssertStoredAsync(herald, account, "race", "race-", 200, "race-cursor-9");
    }

    private static IncomingItem Item(string prefix, int k) => new(InboxKind.Mention, $"{prefix}-{k}",
        new IncomingAuthor($"person{k % 3}.example", $"Person {k % 3}"), $"hello {k}", At.AddSeconds(k), $"{prefix}-{k}");

    private static async Task AssertStoredAsync(HeraldInstance herald, InboxAccount account, string source, string prefix, int expected, string cursor)
    {
        await using var connection = await herald.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(default);
        var args = new { account = account.Id, like = prefix + "%", ws = herald.WorkspaceId, from = At.ToUnixTimeMilliseconds(), to = At.AddHours(1).ToUnixTimeMilliseconds() };
        Assert.Equal(expected, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inbox_items WHERE account_id = @account AND remote_id LIKE @like", args));
        Assert.Equal(expected, await connection.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT remote_id) FROM inbox_items WHERE account_id = @account AND remote_id LIKE @like", args));
        // Every stored item has its author's contact.
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inbox_items WHERE account_id = @account AND contact_id IS NULL", args));
        // The crisis counts hold each stored item once.
        Assert.Equal(expected, await connection.ExecuteScalarAsync<long>(
            "SELECT COALESCE(SUM(total), 0) FROM crisis_signal_rollups WHERE workspace_id = @ws AND bucket_start >= @from AND bucket_start < @to", args));
        Assert.Equal(cursor, await herald.Services.GetRequiredService<InboxWriter>().ReadCursorAsync(account.Id, source, default));
    }
}
