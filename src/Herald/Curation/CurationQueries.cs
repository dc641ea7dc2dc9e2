using Herald.Data;
using Microsoft.EntityFrameworkCore;

namespace Herald.Curation;

/// <summary>The reads shared by the API and the pages.</summary>
public static class CurationQueries
{
    public static async Task<List<SubscriptionDto>> SubscriptionsAsync(HeraldDb db, string workspaceId, CancellationToken ct)
    {
        var subs = await db.Set<FeedSubscription>().AsNoTracking().Where(s => s.WorkspaceId == workspaceId).ToListAsync(ct);
        var unread = await db.Set<FeedEntry>().Where(e => e.WorkspaceId == workspaceId && e.ReadAt == null)
            .GroupBy(e => e.SubscriptionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return subs.OrderBy(s => s.Folder ?? "", StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Title ?? s.Url, StringComparer.OrdinalIgnoreCase)
            .Select(s => SubscriptionDto.From(s, unread.GetValueOrDefault(s.Id))).ToList();
    }

    public static Task<List<FeedEntry>> ItemsAsync(HeraldDb db, string workspaceId, string? subscriptionId, bool unreadOnly, int limit, CancellationToken ct) =>
        db.Set<FeedEntry>().AsNoTracking()
            .Where(e => e.WorkspaceId == workspaceId && (subscriptionId == null || e.SubscriptionId == subscriptionId) && (!unreadOnly || e.ReadAt == null))
            .OrderByDescending(e => e.PublishedAt ?? e.FetchedAt).ThenByDescending(e => e.Id).Take(limit).ToListAsync(ct);

    public static Task<List<SavedArticle>> ReadingListAsync(HeraldDb db, string workspaceId, bool unreadOnly, CancellationToken ct) =>
        db.Set<SavedArticle>().AsNoTracking().Where(a => a.WorkspaceId == workspaceId && (!unreadOnly || a.ReadAt == null))
            .OrderByDescending(a => a.SavedAt).Take(500).ToListAsync(ct);
}
