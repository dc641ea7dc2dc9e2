using Herald.Data;
using Microsoft.EntityFrameworkCore;

namespace Herald.Links;

/// <summary>A tracked link with its figures over a period.</summary>
public sealed record LinkDto(string Id, string Code, string ShortUrl, string OriginalUrl, string TargetUrl, string? PostId, string? DeliveryId,
    string? AccountId, string? Network, string? Campaign, DateTimeOffset CreatedAt, bool Disabled,
    long Clicks, long Unique, long Filtered, long Conversions, double ConversionRate);

/// <summary>Lists links with their figures, and one link's daily series.</summary>
public sealed class LinkQueries(HeraldDb db, ILinkStats stats, LinkBaseUrl baseUrl)
{
    public async Task<IReadOnlyList<LinkDto>> ListAsync(string workspaceId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct)
    {
        var links = await db.Set<TrackedLink>().AsNoTracking().Where(l => l.WorkspaceId == workspaceId)
            .OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).Take(Math.Clamp(limit, 1, 1000)).ToListAsync(ct);
        var figures = (await stats.QueryAsync(new LinkStatsQuery(workspaceId, from, to, LinkGrouping.Link), ct)).ToDictionary(r => r.Key);
        return links.Select(l => ToDto(l, figures.GetValueOrDefault(l.Id))).ToList();
    }

    public async Task<TrackedLink?> FindAsync(string id, CancellationToken ct) =>
        await db.Set<TrackedLink>().FirstOrDefaultAsync(l => l.Id == id || l.Code == id, ct);

    public LinkDto ToDto(TrackedLink l, LinkStatsRow? f) => new(l.Id, l.Code, baseUrl.ShortUrl(l.Code), l.OriginalUrl, l.TargetUrl, l.PostId, l.DeliveryId,
        l.AccountId, l.Network, l.Campaign, l.CreatedAt, l.Disabled, f?.Clicks ?? 0, f?.Unique ?? 0, f?.Filtered ?? 0, f?.Conversions ?? 0, f?.ConversionRate ?? 0);

    /// <summary>One row per day of the period, zeros included, so a chart has no gaps.</summary>
    public async Task<IReadOnlyList<LinkStatsRow>> DailyAsync(TrackedLink link, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var rows = (await stats.QueryAsync(new LinkStatsQuery(link.WorkspaceId, from, to, LinkGrouping.Day, LinkId: link.Id), ct)).ToDictionary(r => r.Key);
        var days = new List<LinkStatsRow>();
        for (var d = DateOnly.FromDateTime(from.UtcDateTime); d.ToDateTime(TimeOnly.MinValue) < to.UtcDateTime; d = d.AddDays(1))
        {
            var key = d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            days.Add(rows.GetValueOrDefault(key) ?? new LinkStatsRow(key, 0, 0, 0, 0, 0));
        }
        return days;
    }
}
