namespace Herald.Reports;

/// <summary>The figures of one period, as reports need them.</summary>
public sealed record PeriodFigures(IReadOnlyList<PostRow> Posts, IReadOnlyList<DayRow> Days, IReadOnlyList<CampaignRow> Campaigns,
    long PostsPublished, long DeliveriesPublished, long DeliveriesFailed, long Clicks, long Unique, long Filtered, long Conversions, double ConversionValue);

/// <summary>
/// Where report figures come from. Today <see cref="DeliveryReportFigures"/> computes them from deliveries and link
/// stats; when the analytics KpiService is merged, an implementation over it replaces that one file.
/// </summary>
public interface IReportFigures
{
    Task<PeriodFigures> ForPeriodAsync(string workspaceId, IReadOnlyList<string> accountIds, DateTimeOffset from, DateTimeOffset to, string timeZone, CancellationToken ct);
}
