namespace Herald.Analytics;

// The public surface of the KPIs, kept in one file so the reports capability can rely on it.
// Every figure is defined in docs/kpis.md; KpiService computes them exactly as written there.

/// <summary>
/// What to measure: a workspace, a period of whole days (both ends included), and optional filters. The days are UTC
/// days (the rollups' days, as the analytics page shows them) unless <see cref="TimeZone"/> names a zone: then they are
/// that zone's days, local midnight to local midnight (reports, in the workspace's zone).
/// </summary>
public sealed record KpiQuery(
    string WorkspaceId,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<string>? AccountIds = null,
    string? Network = null,
    string? CampaignId = null,
    string? ContentType = null,
    int? PostingHour = null,
    string? TimeZone = null)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The period's instants [Start, End) and its zone when its days are local days of a zone that is not UTC; else null.</summary>
    public LocalPeriod? Local() => LocalDays.Period(From, To, TimeZone is null ? null : LocalDays.Zone(TimeZone));

    /// <summary>The period of the same length just before this one: what every figure is compared with.</summary>
    public KpiQuery Previous() => this with { From = From.AddDays(-Days), To = From.AddDays(-1) };

    /// <summary>True when a filter needs per-post rows (campaign, content type, hour); account and network use the daily rollup.</summary>
    public bool FiltersPosts => CampaignId is not null || ContentType is not null || PostingHour is not null;
}

/// <summary>A period of local days as instants: [Start, End) in <paramref name="Zone"/>.</summary>
public sealed record LocalPeriod(DateTimeOffset Start, DateTimeOffset End, TimeZoneInfo Zone);

/// <summary>The KPIs of one period. A null rate means "no denominator" (no followers, no impressions, no clicks), never zero.</summary>
public sealed record KpiFigures(
    int Posts,
    long Engagements,
    long Likes,
    long Reposts,
    long Replies,
    long Quotes,
    long Impressions,
    long Reach,
    long Clicks,
    long Conversions,
    double? EngagementRatePerFollower,
    double? EngagementRatePerImpression,
    long? FollowersStart,
    long? FollowersEnd,
    long? FollowerGrowth,
    double? FollowerGrowthPercent,
    double? ClickThroughRate,
    double? ConversionRate,
    SentimentShare? Sentiment,
    TimeSpan? MedianResponseTime);

/// <summary>Share of positive, neutral and negative conversations (percent), from the inbox when it is present.</summary>
public sealed record SentimentShare(double Positive, double Neutral, double Negative, int Total);

/// <summary>A period's figures beside the previous period's.</summary>
public sealed record KpiComparison(KpiQuery Query, KpiFigures Current, KpiFigures Previous)
{
    /// <summary>Relative change in percent of a figure, or null when the previous value is zero or missing.</summary>
    public static double? Change(double? current, double? previous) =>
        current is { } c && previous is { } p && p != 0 ? Math.Round((c - p) / Math.Abs(p) * 100, 1) : null;
}

/// <summary>The dimensions figures can be broken down by.</summary>
public enum KpiDimension
{
    Account,
    Network,
    Campaign,
    ContentType,
    PostingHour,
    Weekday,
}

/// <summary>One group of a breakdown: its key (an account id, "bluesky", "image", "9"…), a label, and its figures.</summary>
public sealed record KpiBreakdownRow(string Key, string Label, int Posts, long Engagements, long Impressions, long Clicks,
    double? EngagementRatePerFollower, double? EngagementRatePerImpression, double? ClickThroughRate);

/// <summary>One day of a daily series (a UTC day, or a local day of the query's zone).</summary>
public sealed record DailyPoint(DateOnly Day, int Posts, long Engagements, long Impressions, long Clicks, long? Followers);

/// <summary>A post's figures for "top posts" lists and the post analytics page.</summary>
public sealed record PostFigures(string DeliveryId, string PostId, string AccountId, string Network, string ContentType,
    DateTimeOffset PublishedAt, int Likes, int Reposts, int Replies, int Quotes, long? Impressions, long? Reach, long? Clicks,
    long FollowersAtPublish, double? EngagementRatePerFollower)
{
    public int Engagements => Likes + Reposts + Replies + Quotes;
}

/// <summary>Herald's KPIs: what the dashboard, the API and the reports read.</summary>
public interface IKpiService
{
    /// <summary>The period's figures and the previous period's.</summary>
    Task<KpiComparison> CompareAsync(KpiQuery query, CancellationToken ct);

    /// <summary>The period's figures alone.</summary>
    Task<KpiFigures> FiguresAsync(KpiQuery query, CancellationToken ct);

    /// <summary>The period broken down by one dimension, biggest engagement first.</summary>
    Task<IReadOnlyList<KpiBreakdownRow>> BreakdownAsync(KpiQuery query, KpiDimension by, CancellationToken ct);

    /// <summary>One point per day of the period (days without posts included).</summary>
    Task<IReadOnlyList<DailyPoint>> DailyAsync(KpiQuery query, CancellationToken ct);

    /// <summary>The period's posts with the most engagement.</summary>
    Task<IReadOnlyList<PostFigures>> TopPostsAsync(KpiQuery query, int count, CancellationToken ct);
}
