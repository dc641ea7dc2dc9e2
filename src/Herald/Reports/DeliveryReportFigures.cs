using Herald.Data;
using Herald.Links;
using Herald.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Herald.Reports;

/// <summary>Report figures from published deliveries and tracked-link clicks and conversions.</summary>
internal sealed class DeliveryReportFigures(HeraldDb db, ILinkStats links) : IReportFigures
{
    public async Task<PeriodFigures> ForPeriodAsync(string workspaceId, IReadOnlyList<string> accountIds, DateTimeOffset from, DateTimeOffset to, string timeZone, CancellationToken ct)
    {
        var deliveries = db.Deliveries.AsNoTracking().Where(d => d.WorkspaceId == workspaceId);
        if (accountIds.Count > 0)
        {
            deliveries = deliveries.Where(d => accountIds.Contains(d.AccountId));
        }
        var published = await deliveries
            .Where(d => d.Status == DeliveryStatus.Published && d.PublishedAt >= from && d.PublishedAt < to)
            .Select(d => new { d.Id, d.PostId, d.AccountId, d.Network, d.PublishedAt, d.Url, d.PartsJson, d.VariantText, PostText = d.Post!.Text })
            .ToListAsync(ct);
        var failed = await deliveries.CountAsync(d => d.Status == DeliveryStatus.Failed && d.UpdatedAt >= from && d.UpdatedAt < to, ct);
        var names = await db.Accounts.AsNoTracking().Where(a => a.WorkspaceId == workspaceId).ToDictionaryAsync(a => a.Id, a => a.Handle ?? a.Name, ct);

        var byDelivery = (await links.QueryAsync(new LinkStatsQuery(workspaceId, from, to, LinkGrouping.Delivery, accountIds), ct)).ToDictionary(r => r.Key);
        var total = await links.QueryAsync(new LinkStatsQuery(workspaceId, from, to, LinkGrouping.Network, accountIds), ct);
        var byDay = (await links.QueryAsync(new LinkStatsQuery(workspaceId, from, to, LinkGrouping.Day, accountIds, TimeZone: timeZone), ct)).ToDictionary(r => r.Key);
        var campaigns = (await links.QueryAsync(new LinkStatsQuery(workspaceId, from, to, LinkGrouping.Campaign, accountIds), ct))
            .Where(r => r.Key.Length > 0)
            .Select(r => new CampaignRow(r.Key, r.Clicks, r.Unique, r.Conversions, r.ConversionValue, r.ConversionRate))
            .OrderByDescending(r => r.Clicks).ToList();

        var posts = published.Select(d =>
        {
            var f = byDelivery.GetValueOrDefault(d.Id);
            var text = DeliveryPart.Read(d.PartsJson) is [var first, ..] ? first.Text : d.VariantText ?? d.PostText;
            return new PostRow(d.PostId, d.Id, names.GetValueOrDefault(d.AccountId, d.AccountId), d.Network, d.PublishedAt!.Value, d.Url, text,
                f?.Clicks ?? 0, f?.Unique ?? 0, f?.Filtered ?? 0, f?.Conversions ?? 0);
        }).OrderByDescending(p => p.Clicks).ThenByDescending(p => p.Conversions).ThenBy(p => p.PublishedAt).ToList();

        // Daily series by local day of the zone, for clicks and posts alike: the days of the period and of the KPIs.
        var zone = Analytics.LocalDays.Zone(timeZone);
        var days = new List<DayRow>();
        for (var day = Analytics.LocalDays.Of(from, zone); Analytics.LocalDays.Start(day, zone) < to; day = day.AddDays(1))
        {
            var key = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var f = byDay.GetValueOrDefault(key);
            days.Add(new DayRow(day, posts.Count(p => Analytics.LocalDays.Of(p.PublishedAt, zone) == day), f?.Clicks ?? 0, f?.Unique ?? 0, f?.Conversions ?? 0));
        }
        return new PeriodFigures(posts, days, campaigns,
            published.Select(p => p.PostId).Distinct().LongCount(), published.Count, failed,
            total.Sum(r => r.Clicks), total.Sum(r => r.Unique), total.Sum(r => r.Filtered), total.Sum(r => r.Conversions), total.Sum(r => r.ConversionValue));
    }
}
