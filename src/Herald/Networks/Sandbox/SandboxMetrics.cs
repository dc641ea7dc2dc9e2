using Herald.Analytics;
using Herald.Data;
using Microsoft.EntityFrameworkCore;

namespace Herald.Networks.Sandbox;

/// <summary>The Sandbox's simulated counts: a post's reactions so far, and an audience that grows with each simulated follow.</summary>
internal sealed class SandboxMetrics(IServiceScopeFactory scopes, TimeProvider time) : IMetricsSource
{
    public string Network => "sandbox";

    public async Task<NetworkResult<PostCounts>> GetPostAsync(PublishContext account, string remoteId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var feed = scope.ServiceProvider.GetRequiredService<SandboxFeed>();
        if (await feed.FindPostAsync(remoteId, ct) is null)
        {
            return new NetworkFailure(FailureKind.Permanent, $"No Sandbox post {remoteId}.", StatusCode: 404);
        }
        var m = await feed.MetricsAsync(remoteId, ct);
        // The Sandbox estimates impressions; reach is about the unique share of them.
        return NetworkResult<PostCounts>.Success(new PostCounts(m.Likes, m.Reposts, m.Replies, m.Quotes, m.Impressions, (long)Math.Round(m.Impressions * 0.8)));
    }

    public async Task<NetworkResult<long>> GetFollowersAsync(PublishContext account, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
        var now = time.GetUtcNow();
        var follows = await db.SandboxEvents.AsNoTracking()
            .CountAsync(e => e.AccountId == account.AccountId && e.Kind == SandboxEventKinds.Follow && e.OccursAt <= now, ct);
        return NetworkResult<long>.Success(BaseAudience(account.AccountId) + follows);
    }

    /// <summary>The followers an account had when connected: a fixed number per account, so figures are reproducible.</summary>
    internal static long BaseAudience(string accountId) => SandboxRandom.For("audience:" + accountId).Next(800, 5000);
}
