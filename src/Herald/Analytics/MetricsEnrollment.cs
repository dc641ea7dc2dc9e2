using System.Text.Json;
using System.Text.RegularExpressions;
using Herald.Campaigns;
using Herald.Data;
using Herald.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Herald.Analytics;

/// <summary>Starts following newly published deliveries: one <see cref="PostMetrics"/> row each, first reading due 15 minutes after publication.</summary>
public sealed partial class MetricsEnrollment(HeraldDb db, WallClock clock)
{
    public async Task<int> EnrollAsync(DateTimeOffset now, int batch, CancellationToken ct)
    {
        var since = now - SnapshotSchedule.StopAfter;
        var rows = await (
            from d in db.Deliveries.AsNoTracking()
            where d.Status == DeliveryStatus.Published && d.PublishedAt != null && d.PublishedAt >= since && d.RemoteId != null
                  && !db.Set<PostMetrics>().Any(m => m.DeliveryId == d.Id)
            join p in db.Posts.AsNoTracking() on d.PostId equals p.Id
            join a in db.Accounts.AsNoTracking() on d.AccountId equals a.Id
            select new { d.Id, d.PostId, d.WorkspaceId, d.AccountId, d.Network, d.PublishedAt, Text = d.VariantText ?? p.Text, Media = d.VariantMediaIdsJson ?? p.MediaIdsJson, a.TimeZone })
            .Take(batch).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return 0;
        }
        var mediaIds = rows.SelectMany(r => MediaIds(r.Media)).Distinct().ToList();
        var mediaTypes = await db.Media.AsNoTracking().Where(m => mediaIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.ContentType, ct);
        var postIds = rows.Select(r => r.PostId).Distinct().ToList();
        var campaigns = await db.Set<CampaignPost>().AsNoTracking().Where(c => postIds.Contains(c.PostId)).ToDictionaryAsync(c => c.PostId, c => c.CampaignId, ct);
        var accountIds = rows.Select(r => r.AccountId).Distinct().ToList();
        var followers = await LatestFollowersAsync(accountIds, ct);
        foreach (var r in rows)
        {
            var published = r.PublishedAt!.Value;
            var local = clock.ToLocal(published, r.TimeZone);
            var first = published + SnapshotSchedule.IntervalAt(TimeSpan.Zero);
            db.Set<PostMetrics>().Add(new PostMetrics
            {
                DeliveryId = r.Id,
                PostId = r.PostId,
                WorkspaceId = r.WorkspaceId,
                AccountId = r.AccountId,
                Network = r.Network,
                CampaignId = campaigns.GetValueOrDefault(r.PostId),
                ContentType = ContentTypeOf(r.Text, MediaIds(r.Media).Select(id => mediaTypes.GetValueOrDefault(id))),
                PublishedAt = published,
                Day = Days.Of(published),
                LocalHour = local.Hour,
                LocalWeekday = (int)local.DayOfWeek,
                FollowersAtPublish = followers.GetValueOrDefault(r.AccountId),
                NextDueAt = first < now ? now : first,
            });
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return rows.Count;
    }

    private async Task<Dictionary<string, long>> LatestFollowersAsync(List<string> accountIds, CancellationToken ct)
    {
        var latest = await db.Set<AccountDaily>().AsNoTracking()
            .Where(x => accountIds.Contains(x.AccountId) && x.Followers != null)
            .GroupBy(x => x.AccountId)
            .Select(g => new { g.Key, Day = g.Max(x => x.Day) })
            .ToListAsync(ct);
        var result = new Dictionary<string, long>();
        foreach (var l in latest)
        {
            var f = await db.Set<AccountDaily>().AsNoTracking().Where(x => x.AccountId == l.Key && x.Day == l.Day).Select(x => x.Followers).FirstAsync(ct);
            result[l.Key] = f ?? 0;
        }
        return result;
    }

    /// <summary>Video beats image beats link beats text: a post with a video and a link is a video post.</summary>
    public static string ContentTypeOf(string text, IEnumerable<string?> mediaContentTypes)
    {
        var types = mediaContentTypes.ToList();
        if (types.Any(t => t?.StartsWith("video/", StringComparison.OrdinalIgnoreCase) == true))
        {
            return ContentTypes.Video;
        }
        if (types.Count > 0)
        {
            return ContentTypes.Image;
        }
        return UrlPattern().IsMatch(text) ? ContentTypes.Link : ContentTypes.Text;
    }

    private static List<string> MediaIds(string json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];

    [GeneratedRegex(@"https?://\S+", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();
}
