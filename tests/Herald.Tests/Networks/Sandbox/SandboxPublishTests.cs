using Herald.Networks;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Networks.Sandbox;

public sealed class SandboxPublishTests
{
    [Fact]
    public async Task Publishing_returns_the_post_and_its_relative_url()
    {
        await using var sandbox = await SandboxHarness.CreateAsync();

        var post = await sandbox.PublishAsync("Hello Sandbox 👋 #launch", media: 2);

        Assert.Equal($"/sandbox/posts/{post.RemoteId}", post.Url);
        var stored = await sandbox.WithDbAsync(db => db.SandboxPosts.SingleAsync());
        Assert.Equal(post.RemoteId, stored.Id);
        Assert.Equal("Hello Sandbox 👋 #launch", stored.Text);
        Assert.Equal(2, stored.MediaCount);
        Assert.Equal(SandboxHarness.Start, stored.CreatedAt);
    }

    [Fact]
    public async Task Publishing_the_same_part_twice_creates_one_post()
    {
        await using var sandbox = await SandboxHarness.CreateAsync();

        var first = await sandbox.PublishAsync("Once only", "same-key");
        sandbox.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await sandbox.PublishAsync("Once only", "same-key");

        Assert.Equal(first, second);
        Assert.Equal(1, await sandbox.WithDbAsync(db => db.SandboxPosts.CountAsync()));
        var events = await sandbox.WithDbAsync(db => db.SandboxEvents.CountAsync());
        Assert.Equal(events, await sandbox.WithDbAsync(db => db.SandboxEvents.CountAsync(e => e.PostId == first.RemoteId)));
    }

    [Fact]
    public async Task Publishing_in_parallel_with_the_same_key_creates_one_post()
    {
        await using var sandbox = await SandboxHarness.CreateAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            sandbox.Connector.PublishAsync(sandbox.Context(), SandboxHarness.Part("Race", "race-key"), null, CancellationToken.None)));

        Assert.All(results, r => Assert.True(r.Ok, r.Failure?.ToString()));
        Assert.Single(results.Select(r => r.Value!.RemoteId).Distinct());
        Assert.Equal(1, await sandbox.WithDbAsync(db => db.SandboxPosts.CountAsync()));
    }

    [Fact]
    public async Task A_thread_part_is_stored_as_a_reply_to_its_parent()
    {
        await using var sandbox = await SandboxHarness.CreateAsync();
        var root = await sandbox.PublishAsync("1/2 A thread");

        var child = await sandbox.PublishAsync("2/2 The end", thread: new ThreadRefs(root, root));

        var stored = await sandbox.WithDbAsync(db => db.SandboxPosts.SingleAsync(p => p.Id == child.RemoteId));
        Assert.Equal(root.RemoteId, stored.ReplyToId);
    }

    [Fact]
    public async Task Text_over_500_characters_is_refused_as_invalid_content()
    {
        await using var sandbox = await SandboxHarness.CreateAsync();

        var result = await sandbox.Connector.PublishAsync(sandbox.Context(), SandboxHarness.Part(new string('a', 501), "long"), null, CancellationToken.None);

        Assert.Equal(FailureKind.InvalidContent, result.Failure?.Kind);
        Assert.Equal(0, await sandbox.WithDbAsync(db => db.SandboxPosts.CountAsync()));
    }

    [Fact]
    public async Task Find_locates_a_published_part_by_its_idempotency_key()
    {
        await using var sandbox = await SandboxHarness.CreateAsync();
        var post = await sandbox.PublishAsync("Findable", "find-me");

        var found = await sandbox.Connector.FindAsync(sandbox.Context(), SandboxHarness.Part("Findable", "find-me"), CancellationToken.None);
        var missing = await sandbox.Connector.FindAsync(sandbox.Context(), SandboxHarness.Part("Findable", "never-sent"), CancellationToken.None);
        var otherAccount = await sandbox.Connector.FindAsync(sandbox.Context("someone-else"), SandboxHarness.Part("Findable", "find-me"), CancellationToken.None);

        Assert.Equal(LookupOutcome.Found, found.Value!.Outcome);
        Assert.Equal(post, found.Value.Post);
        Assert.Equal(LookupOutcome.NotFound, missing.Value!.Outcome);
        Assert.Equal(LookupOutcome.NotFound, otherAccount.Value!.Outcome);
    }

    [Fact]
    public async Task Deleting_hides_the_post_and_cancels_its_future_reactions_but_keeps_past_ones()
    {
        await using var sandbox = await SandboxHarness.CreateAsync();
        var post = await sandbox.PublishAsync("Soon gone", "gone");
        sandbox.Time.Advance(TimeSpan.FromHours(1));
        var seenBefore = await sandbox.WithDbAsync(db => db.SandboxEvents.CountAsync(e => e.PostId == post.RemoteId && e.OccursAt <= SandboxHarness.Start.AddHours(1)));

        var deleted = await sandbox.Connector.DeleteAsync(sandbox.Context(), post.RemoteId, CancellationToken.None);

        Assert.True(deleted.Value);
        Assert.True(await sandbox.WithDbAsync(db => db.SandboxPosts.Where(p => p.Id == post.RemoteId).Select(p => p.Deleted).SingleAsync()));
        Assert.Equal(seenBefore, await sandbox.WithDbAsync(db => db.SandboxEvents.CountAsync(e => e.PostId == post.RemoteId)));
        sandbox.Time.Advance(TimeSpan.FromDays(7));
        var visible = await sandbox.AllVisibleEventsAsync();
        Assert.Equal(seenBefore, visible.Count(e => e.PostId == post.RemoteId));
        var lookup = await sandbox.Connector.FindAsync(sandbox.Context(), SandboxHarness.Part("Soon gone", "gone"), CancellationToken.None);
        Assert.Equal(LookupOutcome.NotFound, lookup.Value!.Outcome);
    }

    [Fact]
    public async Task Deleting_another_accounts_post_or_an_unknown_one_deletes_nothing()
    {
        await using var sandbox = await SandboxHarness.CreateAsync();
        var post = await sandbox.PublishAsync("Mine");

        var other = await sandbox.Connector.DeleteAsync(sandbox.Context("intruder"), post.RemoteId, CancellationToken.None);
        var unknown = await sandbox.Connector.DeleteAsync(sandbox.Context(), "no-such-post", CancellationToken.None);

        Assert.False(other.Value);
        Assert.False(unknown.Value);
        Assert.False(await sandbox.WithDbAsync(db => db.SandboxPosts.Select(p => p.Deleted).SingleAsync()));
    }
}
