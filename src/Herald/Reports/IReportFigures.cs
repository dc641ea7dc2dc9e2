namespace Herald.Reports;

/// <summary>The figures of one period, as reports need them.</summary>
public sealed record PeriodFigures(IReadOnlyList<PostRow> Posts, IReadOnlyList<DayRow> Days, IReadOnlyList<CampaignRow> Campaigns,
    long PostsPublished, long DeliveriesPublished, long DeliveriesFailed, long Clicks, long Unique, long Filtered, long Conversions, double ConversionValue);

/// <summary>
/// Where a report's publishing and link figures come from (<see cref="DeliveryReportFigures"/>: deliveries and link
/// stats, over the workspace's local days). The audience KPIs (engagement, followers, impressions…) come from the
/// analytics <c>IKpiService</c> in <see cref="ReportBuilder"/>, over the same local days.
/// </summary>
public interface IReportFigures
{
    Task<PeriodFigures> ForPeriodAsync(string workspaceId, IReadOnlyList<string> accountIds, DateTimeOffset from, DateTimeOffset to, string timeZone, CancellationToken ct);
}
