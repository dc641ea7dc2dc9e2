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

    /// <summary>
    /// Conversions so far on the links of the deliveries that <paramref name="deliveries"/> selects: a query on the same
    /// database, so a year of posts is joined there rather than sent over as a list of 100,000 ids.
    /// </summary>
    Task<long> ConversionsAsync(string workspaceId, DeliverySelection deliveries, CancellationToken ct);

    /// <summary>Total clicks so far on the links of each delivery (absent: no link), for the snapshots' click column.</summary>
    Task<IReadOnlyDictionary<string, long>> ClicksByDeliveryAsync(IReadOnlyCollection<string> deliveryIds, CancellationToken ct);
}

/// <summary>Clicks (total and unique) and conversions.</summary>
public sealed record LinkCounts(long Clicks, long UniqueClicks, long Conversions);

/// <summary>A SQL <c>SELECT delivery_id …</c> and its parameters, to be used as a subquery on the same database.</summary>
public sealed record DeliverySelection(string Sql, Dapper.DynamicParameters Args);
