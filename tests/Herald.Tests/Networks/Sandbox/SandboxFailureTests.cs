using Herald.Networks;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Networks.Sandbox;

public sealed class SandboxFailureTests
{
    [Fact]
    public async Task Sandbox_fail_hashtag_is_refused_as_invalid_content_every_time()
    {
        await using var sandbox = await SandboxHarness.CreateAsync();
        var part = SandboxHarness.Part("Try this #sandbox-fail please", "fail");

        var first = await sandbox.Connector.PublishAsync(sandbox.Context(), part, null, CancellationToken.None);
        var second = await sandbox.Connector.PublishAsync(sandbox.Context(), part, null, CancellationToken.None);

        Assert.Equal(FailureKind.InvalidContent, first.Failure?.Kind);
        Assert.Equal("Sandbox rejected this post (#sandbox-fail)", first.Failure?.Message);
        Assert.Equal(FailureKind.InvalidContent, second.Failure?.Kind);
        Assert.Equal(0, await sandbox.WithDbAsync(db => db.SandboxPosts.CountAsync()));
    }

    [Fact]
    public async Task Sandbox_429_hashtag_rate_limits_the_first_attempt_for_30_seconds_then_succeeds()
    {
        await using var sandbox = await SandboxHarness.CreateAsync();
        var part = SandboxHarness.Part("Busy #sandbox-429", "busy");

        var first = await sandbox.Connector.PublishAsync(sandbox.Context(), part, null, CancellationToken.None);
        var second = await sandbox.Connector.PublishAsync(sandbox.Context(), part, null, CancellationToken.None);
        var otherKey = await sandbox.Connector.PublishAsync(sandbox.Context(), part with { IdempotencyKey = "busy-2" }, null, CancellationToken.None);

        Assert.Equal(FailureKind.RateLimited, first.Failure?.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), first.Failure?.RetryAfter);
        Assert.True(second.Ok);
        Assert.Equal(FailureKind.RateLimited, otherKey.Failure?.Kind);
    }

    [Fact]
    public async Task Sandbox_500_hashtag_is_transient_on_the_first_attempt_then_succeeds()
    {
        await using var sandbox = await SandboxHarness.CreateAsync();
        var part = SandboxHarness.Part("Flaky #SANDBOX-500", "flaky");

        var first = await sandbox.Connector.PublishAsync(sandbox.Context(), part, null, CancellationToken.None);
        var second = await sandbox.Connector.PublishAsync(sandbox.Context(), part, null, CancellationToken.None);

        Assert.Equal(FailureKind.Transient, first.Failure?.Kind);
        Assert.True(second.Ok);
        Assert.Equal(1, await sandbox.WithDbAsync(db => db.SandboxPosts.CountAsync()));
    }

    [Fact]
    public async Task Sandbox_timeout_hashtag_creates_the_post_but_reports_an_unknown_outcome_that_reconciles()
    {
        await using var sandbox = await SandboxHarness.CreateAsync();
        var part = SandboxHarness.Part("Lost answer #sandbox-timeout", "lost");

        var first = await sandbox.Connector.PublishAsync(sandbox.Context(), part, null, CancellationToken.None);
        var lookup = await sandbox.Connector.FindAsync(sandbox.Context(), part, CancellationToken.None);

        Assert.Equal(FailureKind.UnknownOutcome, first.Failure?.Kind);
        Assert.Equal(LookupOutcome.Found, lookup.Value!.Outcome);
    }

    [Fact]
    public async Task Similar_hashtags_do_not_trigger_failures()
    {
        await using var sandbox = await SandboxHarness.CreateAsync();

        var post = await sandbox.PublishAsync("#sandbox-5000 #sandbox-failure #sandbox");

        Assert.NotNull(post.RemoteId);
    }
}
