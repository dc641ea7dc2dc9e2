using Herald.Competitors;

namespace Herald.Reports;

/// <summary>The sections a report can have, in the order they are shown.</summary>
public static class ReportSections
{
    public const string Highlights = "highlights";
    public const string Kpis = "kpis";
    public const string TopPosts = "top_posts";
    public const string Charts = "charts";
    public const string Campaigns = "campaigns";
    public const string Competitors = "competitors";
    public const string Notes = "notes";
    public static readonly IReadOnlyList<string> All = [Highlights, Kpis, TopPosts, Charts, Campaigns, Competitors, Notes];
}

/// <summary>What to report on: a period of whole days in the workspace's zone, some accounts (none = all), some sections.</summary>
public sealed record ReportRequest(string WorkspaceId, DateOnly From, DateOnly To, IReadOnlyList<string> AccountIds, IReadOnlyList<string> Sections, string? Notes, string? Title);

/// <summary>One KPI this period and the previous one of the same length.</summary>
public sealed record KpiRow(string Key, double Current, double Previous, bool Percent = false)
{
    /// <summary>Relative change, or null when the previous period was zero.</summary>
    public double? Change => Previous == 0 ? null : (Current - Previous) / Previous;
}

/// <summary>A published delivery with its link figures.</summary>
public sealed record PostRow(string PostId, string DeliveryId, string Account, string Network, DateTimeOffset PublishedAt, string? Url, string Text,
    long Clicks, long Unique, long Filtered, long Conversions);

/// <summary>One day's figures.</summary>
public sealed record DayRow(DateOnly Day, long Posts, long Clicks, long Unique, long Conversions);

/// <summary>One campaign's link results.</summary>
public sealed record CampaignRow(string Campaign, long Clicks, long Unique, long Conversions, double ConversionValue, double ConversionRate);

/// <summary>Everything a rendered report shows; HTML, PDF, CSV and XLSX are all made from it.</summary>
public sealed record ReportModel(
    string Title,
    string WorkspaceName,
    string TimeZone,
    DateOnly From,
    DateOnly To,
    DateOnly PreviousFrom,
    DateOnly PreviousTo,
    IReadOnlyList<string> Sections,
    IReadOnlyList<string> Highlights,
    IReadOnlyList<KpiRow> Kpis,
    IReadOnlyList<PostRow> Posts,
    IReadOnlyList<DayRow> Days,
    IReadOnlyList<CampaignRow> Campaigns,
    string? Notes,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<ComparisonRow>? Competitors = null,
    IReadOnlyList<Herald.Analytics.DailyPoint>? Audience = null)
{
    public bool Has(string section) => Sections.Contains(section);
}
