using Herald.Data;
using Herald.Networks.Sandbox;

namespace Herald.Tests.Networks.Sandbox;

public sealed class SandboxFeedTests
{
    [Fact]
    public async Task Paging_with_the_cursor_returns_every_visible_event_once_in_order()
    {
        await using var sandbox = await SandboxHarness.CreateAsync();
        for (var i = 0; i < 4; i++)
        {
            await sandbox.PublishAsync($"Post number {i} #paging");
        }
        sandbox.Time.Advance(TimeSpan.FromDays(2));
        var everything = await sandbox.AllVisibleEventsAsync();

        var paged = await sandbox.WithFeedAsync(async feed =>
        {
            var all = new List<SandboxEvent>();
            SandboxCursor? cursor = null;
            for (var page = await feed.ListEventsAsync(sandbox.AccountId, cursor, 7, CancellationToken.None); page.Count > 0;
                 page = await feed.ListEventsAsync(sandbox.AccountId, cursor, 7, CancellationToken.None))
            {
                Assert.True(page.Count <= 7);
                all.AddRange(page);
                Assert.True(SandboxCursor.TryParse(SandboxCursor.After(page[^1]).ToString(), out var next));
                cursor = next;
            }
            return all;
        });

        Assert.True(everything.Count > 20);
        Assert.Equal(everything.Select(e => e.Id), paged.Select(e => e.Id));
        Assert.Equal(paged.Count, paged.Select(e => e.Id).Distinct().Count());
        Assert.Equal(paged.OrderBy(e => e.OccursAt).Select(e => e.OccursAt), paged.Select(e => e.OccursAt));
        Assert.All(paged, e => Assert.True(e.OccursAt <= sandbox.Time.GetUtcNow()));
    }

    [Fact]
    public async Task Events_after_an_instant_exclude_that_instant_and_other_accounts()
    {
        await using var sandbox = await SandboxHarness.CreateAsync();
        await sandbox.PublishAsync("Mine");
        await sandbox.Connector.PublishAsync(sandbox.Context("other-account"), SandboxHarness.Part("Theirs", "theirs"), null, CancellationToken.None);
        sandbox.Time.Advance(TimeSpan.FromDays(1));
        var all = await sandbox.AllVisibleEventsAsync();
        var middle = all[all.Count / 2].OccursAt;

        var later = await sandbox.WithFeedAsync(feed => feed.ListEventsAsync(sandbox.AccountId, middle, 200, CancellationToken.None));

        Assert.All(all, e => Assert.Equal(sandbox.AccountId, e.AccountId));
        Assert.NotEmpty(later);
        Assert.All(later, e => Assert.True(e.OccursAt > middle));
        Assert.Equal(all.Count(e => e.OccursAt > middle), later.Count);
    }

    [Fact]
    public async Task Metrics_grow_as_time_passes()
    {
        await using var sandbox = await SandboxHarness.CreateAsync();
        var post = await sandbox.PublishAsync("Measure me #analytics", media: 1);

        var atStart = await sandbox.WithFeedAsync(feed => feed.MetricsAsync(post.RemoteId, CancellationToken.None));
        sandbox.Time.Advance(TimeSpan.FromHours(2));
        var later = await sandbox.WithFeedAsync(feed => feed.MetricsAsync(post.RemoteId, CancellationToken.None));
        sandbox.Time.Advance(TimeSpan.FromDays(3));
        var final = await sandbox.WithFeedAsync(feed => feed.MetricsAsync(post.RemoteId, CancellationToken.None));
        var unknown = await sandbox.WithFeedAsync(feed => feed.MetricsAsync("no-such-post", CancellationToken.None));

        Assert.Equal((0, 0, 0, 0L), (atStart.Likes, atStart.Reposts, atStart.Replies, atStart.Impressions));
        Assert.True(later.Likes >= 1);
        Assert.True(final.Likes >= later.Likes && final.Replies >= later.Replies && final.Reposts >= later.Reposts);
        Assert.True(final.Impressions > later.Impressions && later.Impressions > final.Likes);
        var all = await sandbox.AllVisibleEventsAsync();
        Assert.Equal(all.Count(e => e.PostId == post.RemoteId && e.Kind == SandboxEventKinds.Like), final.Likes);
        Assert.Equal(0, unknown.Likes);
        Assert.Equal(0, unknown.Impressions);
    }

    [Fact]
    public async Task A_sandbox_account_gets_a_few_spontaneous_follows_and_mentions_each_day_the_same_on_every_read()
    {
        await using var sandbox = await SandboxHarness.CreateAsync();
        await sandbox.WithDbAsync(db =>
        {
            db.Accounts.Add(new Account
            {
                Id = sandbox.AccountId, WorkspaceId = "ws", Network = "sandbox", Name = "Demo", Handle = "demo.sandbox",
                CreatedAt = SandboxHarness.Start.AddDays(-10),
            });
            return db.SaveChangesAsync();
        });

        var first = await sandbox.AllVisibleEventsAsync();
        var second = await sandbox.AllVisibleEventsAsync();

        Assert.InRange(first.Count, 3, 45);
        Assert.All(first, e => Assert.Null(e.PostId));
        Assert.All(first, e => Assert.Contains(e.Kind, new[] { SandboxEventKinds.Follow, SandboxEventKinds.Mention }));
        Assert.All(first.Where(e => e.Kind == SandboxEventKinds.Mention), e => Assert.Contains("@demo.sandbox", e.Text, StringComparison.Ordinal));
        Assert.All(first, e => Assert.InRange(e.OccursAt, SandboxHarness.Start.AddDays(-10), SandboxHarness.Start));
        Assert.Equal(first.Select(e => e.Id), second.Select(e => e.Id));
    }

    [Fact]
    public async Task Other_networks_accounts_get_no_spontaneous_activity()
    {
        await using var sandbox = await SandboxHarness.CreateAsync();
        await sandbox.WithDbAsync(db =>
        {
            db.Accounts.Add(new Account { Id = sandbox.AccountId, WorkspaceId = "ws", Network = "bluesky", Name = "Real", CreatedAt = SandboxHarness.Start.AddDays(-10) });
            return db.SaveChangesAsync();
        });

        Assert.Empty(await sandbox.AllVisibleEventsAsync());
    }

    [Theory]
    [InlineData("1772442000000.0195f0a0-0000-7000-8000-000000000000", 1772442000000L, "0195f0a0-0000-7000-8000-000000000000")]
    [InlineData("1772442000000", 1772442000000L, null)]
    [InlineData("2026-03-02T09:00:00Z", 1772442000000L, null)]
    public void Cursors_parse_from_the_next_value_or_an_instant(string text, long ms, string? id)
    {
        Assert.True(SandboxCursor.TryParse(text, out var cursor));
        Assert.Equal(ms, cursor.At.ToUnixTimeMilliseconds());
        Assert.Equal(id, cursor.Id);
        Assert.False(SandboxCursor.TryParse("yesterday-ish", out _));
    }
}
