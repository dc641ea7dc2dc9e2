using System.Data.Common;
using Dapper;
using Herald.Crisis;
using Herald.Data;
using Herald.Inbox;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Inbox;

/// <summary>
/// Pages of several accounts saved at the same time (on SQLite they wait for the one writer, which commits those waiting
/// together): each keeps its own new items, cursor and crisis counts, and a page that fails fails alone.
/// </summary>
public sealed class IngestionConcurrencyTests
{
    [Fact]
    public async Task Pages_saved_at_once_each_keep_their_items_cursor_and_counts_and_a_failing_page_fails_only_its_own_account()
    {
        var time = TestClock.At("2026-11-24T09:00:00Z");
        var failing = new FailingSignals();
        await using var herald = await HeraldInstance.StartAsync(time, s => s.AddSingleton<IConversationSignals>(failing));
        var accounts = new List<InboxAccount>();
        for (var a = 0; a < 6; a++)
        {
            accounts.Add(new InboxAccount(await herald.ConnectSandboxAsync($"Busy {a}"), herald.WorkspaceId, "sandbox"));
        }
        failing.AccountId = accounts[^1].Id;
        var ingestor = herald.Services.GetRequiredService<InboxIngestor>();
        var at = DateTimeOffset.Parse("2026-01-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        // Page n holds items 20n … 20n + 29 (its first ten were in page n - 1); authors are shared by every account.
        InboxPage Page(int a, int n) => new(
            [.. Enumerable.Range(20 * n, 30).Select(k => new IncomingItem(InboxKind.Mention, $"burst-{a}-{k}",
                new IncomingAuthor($"person{k % 7}.example", $"Person {k % 7}"), $"hello {k}", at.AddSeconds(k), $"burst-{a}-{k}"))],
            [new IncomingEngagement("like", $"like-{a}-{n}", new IncomingAuthor($"fan{n}.example"), "post", at)], $"burst-cursor-{n}", n < 3);

        var saved = await Task.WhenAll(accounts.Select((account, a) => Task.Run(async () =>
        {
            var news = new List<int>();
            for (var n = 0; n < 4; n++)
            {
                try
                {
                    news.Add((await ingestor.SavePageAsync(account, "burst", Page(a, n), default)).New);
                }
                catch (InvalidOperationException)
                {
                    news.Add(-1);
                }
            }
            return news;
        })));

        var connections = herald.Services.GetRequiredService<IDbConnectionFactory>();
        var writer = herald.Services.GetRequiredService<InboxWriter>();
        await using var connection = await connections.OpenAsync(default);
        for (var a = 0; a < accounts.Count - 1; a++)
        {
            Assert.Equal([30, 20, 20, 20], saved[a]);
            var id = new { account = accounts[a].Id };
            Assert.Equal(90, await connection.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT remote_id) FROM inbox_items WHERE account_id = @account AND remote_id LIKE 'burst-%'", id));
            Assert.Equal(90, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inbox_items WHERE account_id = @account AND remote_id LIKE 'burst-%'", id));
            Assert.Equal(4, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM engagement_events WHERE account_id = @account AND remote_id LIKE 'like-%'", id));
            Assert.Equal("burst-cursor-3", await writer.ReadCursorAsync(accounts[a].Id, "burst", default));
        }
        var failed = new { account = accounts[^1].Id };
        Assert.Equal([-1, -1, -1, -1], saved[^1]);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inbox_items WHERE account_id = @account", failed));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM engagement_events WHERE account_id = @account", failed));
        Assert.Null(await writer.ReadCursorAsync(accounts[^1].Id, "burst", default));
        // The crisis counts hold exactly the items stored: none of the failed pages', none twice.
        Assert.Equal(5 * 90, await connection.ExecuteScalarAsync<long>(
            "SELECT COALESCE(SUM(total), 0) FROM crisis_signal_rollups WHERE workspace_id = @ws AND bucket_start >= @from AND bucket_start < @to",
            new { ws = herald.WorkspaceId, from = at.ToUnixTimeMilliseconds(), to = at.AddHours(1).ToUnixTimeMilliseconds() }));
        Assert.Equal(5 * 90, await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM inbox_items WHERE workspace_id = @ws AND remote_id LIKE 'burst-%'", new { ws = herald.WorkspaceId }));
    }

    /// <summary>Fails inside the page's transaction whenever the page is <see cref="AccountId"/>'s.</summary>
    private sealed class FailingSignals : IConversationSignals
    {
        public string? AccountId { get; set; }

        public Task RecordAsync(IReadOnlyList<ConversationSignal> signals, CancellationToken cancellationToken) => Check(signals);

        public Task RecordAsync(IReadOnlyList<ConversationSignal> signals, DbTransaction transaction, CancellationToken cancellationToken) => Check(signals);

        public void Committed()
        {
        }

        private Task Check(IReadOnlyList<ConversationSignal> signals) =>
            signals.Any(s => s.AccountId == AccountId) ? throw new InvalidOperationException("This account's pages fail.") : Task.CompletedTask;
    }
}
