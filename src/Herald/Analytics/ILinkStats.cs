namespace Herald.Analytics;

/// <summary>
/// Clicks and conversions of Herald's tracked links, implemented by the links capability. Optional: without it, KPIs
/// count no clicks and no conversions (the rates that need them are null).
/// A delivery is one post on one account: the links shortened for that post and that account belong to it.
/// </summary>
public interface ILinkStats
{
    /// <summary>Total clicks (bots and prefetchers filtered) and conversions so far on the links of the given deliveries.</summary>
    Task<LinkCounts> CountAsync(string workspaceId, IReadOnlyCollection<string> deliveryIds, CancellationToken ct);

    /// <summary>Total clicks so far on the links of each delivery (absent: no link), for the snapshots' click column.</summary>
    Task<IReadOnlyDictionary<string, long>> ClicksByDeliveryAsync(IReadOnlyCollection<string> deliveryIds, CancellationToken ct);
}

/// <summary>Clicks (total and unique) and conversions.</summary>
public sealed record LinkCounts(long Clicks, long UniqueClicks, long Conversions);
