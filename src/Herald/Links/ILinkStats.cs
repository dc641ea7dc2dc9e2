namespace Herald.Links;

/// <summary>How link figures are grouped.</summary>
public enum LinkGrouping
{
    Link,
    Post,
    Delivery,
    Campaign,
    Account,
    Network,
    /// <summary>The UTC day (the local day in the query's time zone, when it names one), as yyyy-MM-dd.</summary>
    Day,
}

/// <summary>
/// Which clicks and conversions to count: a workspace, a half-open period [From, To), optionally some accounts or one link.
/// <paramref name="TimeZone"/>: the zone whose days <see cref="LinkGrouping.Day"/> groups by (null: UTC days).
/// </summary>
public sealed record LinkStatsQuery(string WorkspaceId, DateTimeOffset From, DateTimeOffset To, LinkGrouping GroupBy,
    IReadOnlyList<string>? AccountIds = null, string? LinkId = null, string? Campaign = null, string? TimeZone = null);

/// <summary>
/// One group's figures. Clicks are human clicks; Unique counts distinct visitors per day (the visitor key's salt changes
/// daily, so a person clicking on two days counts twice); Filtered are bots, previews, prefetches and HEAD requests.
/// </summary>
public sealed record LinkStatsRow(string Key, long Clicks, long Unique, long Filtered, long Conversions, double ConversionValue)
{
    /// <summary>Conversions per unique click (0 when there was none).</summary>
    public double ConversionRate => Unique == 0 ? 0 : (double)Conversions / Unique;
}

/// <summary>Click and conversion figures for analytics and reports.</summary>
public interface ILinkStats
{
    Task<IReadOnlyList<LinkStatsRow>> QueryAsync(LinkStatsQuery query, CancellationToken ct);
}
