using Herald.Data;
using Microsoft.EntityFrameworkCore;

namespace Herald.Analytics;

/// <summary>One delivery's latest figures and its readings over time (for the post analytics page).</summary>
public sealed record DeliveryHistory(PostMetrics Latest, IReadOnlyList<MetricSnapshot> Snapshots);

/// <summary>Reads a post's metrics history: one delivery at a time, by its key, so it stays fast with millions of readings.</summary>
public static class PostHistory
{
    public static async Task<IReadOnlyList<DeliveryHistory>> LoadAsync(HeraldDb db, string postId, CancellationToken ct)
    {
        var latest = await db.Set<PostMetrics>().AsNoTracking().Where(m => m.PostId == postId).ToListAsync(ct);
        var result = new List<DeliveryHistory>(latest.Count);
        foreach (var m in latest.OrderBy(m => m.PublishedAt))
        {
            var snapshots = await db.Set<MetricSnapshot>().AsNoTracking().Where(s => s.DeliveryId == m.DeliveryId).OrderBy(s => s.TakenAt).ToListAsync(ct);
            result.Add(new DeliveryHistory(m, snapshots));
        }
        return result;
    }
}
