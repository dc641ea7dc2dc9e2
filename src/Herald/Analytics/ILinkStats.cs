namespace Herald.Analytics;

/// <summary>
/// Clicks and conversions of Herald's tracked links, implemented by the links capability. Optional: without it, KPIs
/// use no clicks and no conversions (rates that need them are null).
/// </summary>
public interface ILinkStats
{
    /// <summary>Clicks (bots and prefetchers filtered) and conversions of links in the given posts, made during [from, to).</summary>
    Task<LinkCounts> CountAsync(string workspaceId, IReadOnlyCollection<string> postIds, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    /// <summary>Total clicks so far on the links of each post, for the snapshots' click column.</summary>
    Task<IReadOnlyDictionary<string, long>> ClicksByPostAsync(IReadOnlyCollection<string> postIds, CancellationToken ct);
}

/// <summary>Clicks (total and unique) and conversions.</summary>
public sealed record LinkCounts(long Clicks, long UniqueClicks, long Conversions);
