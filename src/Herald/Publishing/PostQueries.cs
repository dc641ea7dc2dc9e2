using Herald.Data;
using Herald.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Herald.Publishing;

/// <summary>Reading posts: one with its attempts, a filtered list, and the calendar.</summary>
public sealed class PostQueries(HeraldDb db, WallClock clock)
{
    public Task<Post?> FindAsync(string id, CancellationToken ct) =>
        db.Posts.AsNoTracking().Include(p => p.Deliveries).AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, ct);

    public async Task<PostDto> DetailAsync(Post post, IReadOnlyList<Violation>? warnings, CancellationToken ct)
    {
        var ids = post.Deliveries.Select(d => d.Id).ToList();
        var attempts = await db.DeliveryAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).ToListAsync(ct);
        return PostMapping.ToDto(post, attempts.ToLookup(a => a.DeliveryId), warnings);
    }

    /// <summary>Posts of a workspace, newest schedule first, filtered by status, account, network and time range.</summary>
    public async Task<List<PostDto>> ListAsync(string workspaceId, PostFilter filter, CancellationToken ct)
    {
        var query = db.Posts.AsNoTracking().Include(p => p.Deliveries).AsSplitQuery().Where(p => p.WorkspaceId == workspaceId);
        if (filter.Status is { Length: > 0 } status && Enum.TryParse<DeliveryStatus>(status.Replace("_", "", StringComparison.Ordinal), true, out var s))
        {
            query = query.Where(p => p.Deliveries.Any(d => d.Status == s));
        }
        if (filter.AccountId is { Length: > 0 } accountId)
        {
            query = query.Where(p => p.Deliveries.Any(d => d.AccountId == accountId));
        }
        if (filter.Network is { Length: > 0 } network)
        {
            query = query.Where(p => p.Deliveries.Any(d => d.Network == network));
        }
        if (filter.From is { } from)
        {
            query = query.Where(p => p.ScheduledAt >= from);
        }
        if (filter.To is { } to)
        {
            query = query.Where(p => p.ScheduledAt < to);
        }
        var limit = Math.Clamp(filter.Limit ?? 100, 1, 1000);
        var posts = await query.OrderByDescending(p => p.ScheduledAt ?? p.CreatedAt).ThenByDescending(p => p.Id).Skip(Math.Max(0, filter.Offset ?? 0)).Take(limit).ToListAsync(ct);
        return posts.Select(p => PostMapping.ToDto(p, null)).ToList();
    }

    /// <summary>Every delivery due in [from, to) of the given zone, with its local time there, for the calendar.</summary>
    public async Task<List<CalendarEntry>> CalendarAsync(string workspaceId, DateOnly from, DateOnly to, string timeZone, string? accountId, string? network, CancellationToken ct, string? campaignId = null)
    {
        var start = clock.Resolve(from.ToDateTime(TimeOnly.MinValue), timeZone).Instant;
        var end = clock.Resolve(to.ToDateTime(TimeOnly.MinValue), timeZone).Instant;
        var query = db.Deliveries.AsNoTracking()
            .Where(d => d.WorkspaceId == workspaceId && d.Status != DeliveryStatus.Cancelled
                && (d.PublishedAt ?? d.DueAt) >= start && (d.PublishedAt ?? d.DueAt) < end);
        if (accountId is { Length: > 0 })
        {
            query = query.Where(d => d.AccountId == accountId);
        }
        if (network is { Length: > 0 })
        {
            query = query.Where(d => d.Network == network);
        }
        if (campaignId is { Length: > 0 })
        {
            query = query.Where(d => db.Set<Campaigns.CampaignPost>().Any(cp => cp.CampaignId == campaignId && cp.PostId == d.PostId));
        }
        // Only what the calendar shows: a busy month has thousands of deliveries, and their parts and errors are not needed here.
        var rows = await query.OrderBy(d => d.DueAt)
            .Select(d => new { d.PostId, d.Id, d.AccountId, d.Network, d.Status, d.PublishedAt, d.DueAt, Text = d.VariantText ?? d.Post!.Text, d.Url })
            .ToListAsync(ct);
        var zone = clock.Zone(timeZone);
        return rows.Select(d =>
        {
            var at = d.PublishedAt ?? d.DueAt!.Value;
            var local = DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(at, zone).DateTime, DateTimeKind.Unspecified);
            return new CalendarEntry(d.PostId, d.Id, d.AccountId, d.Network, PostMapping.Status(d.Status), at, WallClock.Format(local), Preview(d.Text), d.Url);
        }).ToList();
    }

    private static string Preview(string text) => text.Length <= 140 ? text : text[..140] + "…";
}

/// <summary>Filters for the post list.</summary>
public sealed record PostFilter(string? Status, string? AccountId, string? Network, DateTimeOffset? From, DateTimeOffset? To, int? Limit, int? Offset);

/// <summary>One delivery on the calendar, at its local time in the calendar's zone.</summary>
public sealed record CalendarEntry(string PostId, string DeliveryId, string AccountId, string Network, string Status, DateTimeOffset At, string Local, string Text, string? Url);
