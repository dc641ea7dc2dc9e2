using Herald.Data;
using Microsoft.EntityFrameworkCore;

namespace Herald.Networks.Sandbox;

/// <summary>What has happened on the Sandbox so far: the events whose time has come, and each post's metrics. The inbox and analytics read this.</summary>
internal sealed class SandboxFeed(HeraldDb db, TimeProvider time)
{
    public const int MaxLimit = 200;

    /// <summary>Visible events strictly after <paramref name="after"/>, oldest first.</summary>
    public Task<IReadOnlyList<SandboxEvent>> ListEventsAsync(string accountId, DateTimeOffset? after, int limit, CancellationToken ct) =>
        ListEventsAsync(accountId, after is { } at ? new SandboxCursor(at) : null, limit, ct);

    /// <summary>Visible events after the cursor, in (OccursAt, Id) order; pass <see cref="SandboxCursor.After"/> of the last one to go on.</summary>
    public async Task<IReadOnlyList<SandboxEvent>> ListEventsAsync(string accountId, SandboxCursor? after, int limit, CancellationToken ct)
    {
        limit = Math.Clamp(limit, 1, MaxLimit);
        var now = time.GetUtcNow();
        var query = db.SandboxEvents.AsNoTracking().Where(e => e.AccountId == accountId && e.OccursAt <= now);
        if (after is { Id: null } instant)
        {
            var at = instant.At;
            query = query.Where(e => e.OccursAt > at);
        }
        else if (after is { Id: { } id } position)
        {
            var at = position.At;
            query = query.Where(e => e.OccursAt > at || (e.OccursAt == at && string.Compare(e.Id, id) > 0));
        }
        var stored = await query.OrderBy(e => e.OccursAt).ThenBy(e => e.Id).Take(limit).ToListAsync(ct);
        var spontaneous = await SpontaneousAsync(accountId, after, now, ct);
        return stored.Concat(spontaneous)
            .OrderBy(e => e.OccursAt).ThenBy(e => e.Id, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }

    /// <summary>Engagement so far; zeros for an unknown post.</summary>
    public async Task<SandboxPostMetrics> MetricsAsync(string postId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var counts = await db.SandboxEvents.AsNoTracking()
            .Where(e => e.PostId == postId && e.OccursAt <= now)
            .GroupBy(e => e.Kind)
            .Select(g => new { Kind = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Kind, x => x.Count, ct);
        int Count(string kind) => counts.GetValueOrDefault(kind);
        var (likes, reposts, replies, quotes) = (Count(SandboxEventKinds.Like), Count(SandboxEventKinds.Repost), Count(SandboxEventKinds.Reply), Count(SandboxEventKinds.Quote));
        var publishedAt = await db.SandboxPosts.AsNoTracking().Where(p => p.Id == postId).Select(p => (DateTimeOffset?)p.CreatedAt).FirstOrDefaultAsync(ct);
        var impressions = publishedAt is { } at ? EstimateImpressions(postId, now - at, likes, reposts, replies, quotes) : 0;
        return new SandboxPostMetrics(postId, likes, reposts, replies, quotes, Count(SandboxEventKinds.Mention), Count(SandboxEventKinds.Follow), impressions, now);
    }

    public Task<SandboxPost?> FindPostAsync(string postId, CancellationToken ct) =>
        db.SandboxPosts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == postId, ct);

    /// <summary>The first replies a post has had so far, oldest first (for its page).</summary>
    public async Task<IReadOnlyList<SandboxEvent>> ListRepliesAsync(string postId, int limit, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.SandboxEvents.AsNoTracking()
            .Where(e => e.PostId == postId && e.Kind == SandboxEventKinds.Reply && e.OccursAt <= now)
            .OrderBy(e => e.OccursAt).ThenBy(e => e.Id)
            .Take(limit)
            .ToListAsync(ct);
    }

    /// <summary>Reach grows with engagement, and a little with time as the post keeps being seen; scaled by a per-post factor.</summary>
    internal static long EstimateImpressions(string postId, TimeSpan age, int likes, int reposts, int replies, int quotes)
    {
        var rng = SandboxRandom.For("reach:" + postId);
        var perEngagement = rng.Between(12, 40);
        var organic = rng.Between(20, 150) * (1 - Math.Exp(-Math.Max(0, age.TotalHours) / 6));
        return (long)Math.Round((perEngagement * (likes + (4 * reposts) + (3 * quotes) + (1.5 * replies))) + organic);
    }

    /// <summary>The account's spontaneous follows and mentions since it joined (or first posted), after the cursor.</summary>
    private async Task<IEnumerable<SandboxEvent>> SpontaneousAsync(string accountId, SandboxCursor? after, DateTimeOffset now, CancellationToken ct)
    {
        var account = await db.Accounts.AsNoTracking()
            .Where(a => a.Id == accountId)
            .Select(a => new { a.Network, a.Handle, a.CreatedAt })
            .FirstOrDefaultAsync(ct);
        if (account is not null && account.Network != SandboxConnector.Key)
        {
            return [];
        }
        var start = account?.CreatedAt
            ?? await db.SandboxPosts.AsNoTracking().Where(p => p.AccountId == accountId).OrderBy(p => p.CreatedAt).Select(p => (DateTimeOffset?)p.CreatedAt).FirstOrDefaultAsync(ct);
        if (start is null)
        {
            return [];
        }
        var since = after is { } c && c.At.AddMilliseconds(-1) > start.Value ? c.At.AddMilliseconds(-1) : start.Value;
        return SandboxDailyActivity.Between(accountId, account?.Handle, since, now)
            .Where(e => after is not { } cursor || cursor.Precedes(e))
            .ToList();
    }
}
