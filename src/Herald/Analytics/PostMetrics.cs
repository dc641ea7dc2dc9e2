namespace Herald.Analytics;

/// <summary>
/// One published delivery's latest metrics (the per-post rollup the dashboard reads) and its collection schedule
/// (the due-time table the collector claims from, with a lease).
/// </summary>
public sealed class PostMetrics
{
    public required string DeliveryId { get; set; }
    public required string PostId { get; set; }
    public required string WorkspaceId { get; set; }
    public required string AccountId { get; set; }
    public required string Network { get; set; }
    public string? CampaignId { get; set; }
    /// <summary>text, image, video or link (see <see cref="ContentTypes"/>).</summary>
    public required string ContentType { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    /// <summary>UTC day of publication as a <see cref="DateOnly.DayNumber"/>: the key of the daily rollup.</summary>
    public int Day { get; set; }
    /// <summary>Hour (0-23) and weekday (0 = Sunday) of publication in the account's time zone.</summary>
    public int LocalHour { get; set; }
    public int LocalWeekday { get; set; }
    /// <summary>The account's followers when the post was published: the denominator of the per-follower engagement rate.</summary>
    public long FollowersAtPublish { get; set; }
    public int Likes { get; set; }
    public int Reposts { get; set; }
    public int Replies { get; set; }
    public int Quotes { get; set; }
    public long? Impressions { get; set; }
    public long? Reach { get; set; }
    public long? Clicks { get; set; }
    public int SnapshotCount { get; set; }
    public DateTimeOffset? LastSnapshotAt { get; set; }
    /// <summary>When the next snapshot is due; null once the post is 30 days old (collection stops).</summary>
    public DateTimeOffset? NextDueAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LastError { get; set; }

    public int Engagements => Likes + Reposts + Replies + Quotes;
}

/// <summary>One reading of a delivery's counts at one instant (raw history; the dashboard reads rollups, not this).</summary>
public sealed class MetricSnapshot
{
    public required string DeliveryId { get; set; }
    public DateTimeOffset TakenAt { get; set; }
    public int Likes { get; set; }
    public int Reposts { get; set; }
    public int Replies { get; set; }
    public int Quotes { get; set; }
    public long? Impressions { get; set; }
    public long? Reach { get; set; }
    /// <summary>Clicks on Herald's tracked links in the post (from the links capability), when it is present.</summary>
    public long? Clicks { get; set; }
}

/// <summary>Daily rollup per account: posts published that UTC day with their latest counts, and the day's follower count.</summary>
public sealed class AccountDaily : DailyMeasures
{
    public required string AccountId { get; set; }
    public int Day { get; set; }
    public required string WorkspaceId { get; set; }
    public required string Network { get; set; }
    /// <summary>Followers read that day (null until the daily reading).</summary>
    public long? Followers { get; set; }
}

/// <summary>
/// Daily rollup per workspace and network (the sum of its accounts' days): a year of a workspace's figures is ~1,100 rows
/// instead of one per account-day. Followers is the sum of the day's readings (null without any).
/// </summary>
public sealed class WorkspaceDaily : DailyMeasures
{
    public required string WorkspaceId { get; set; }
    public int Day { get; set; }
    public required string Network { get; set; }
    public long? Followers { get; set; }
}

/// <summary>
/// Daily rollup of a workspace's posts by network, content type and posting time (local hour and weekday): what the
/// content-type and hour filters, the breakdowns and "what changed" read instead of every post. A row exists only for a
/// cell with posts.
/// </summary>
public sealed class PostMixDaily : DailyMeasures
{
    public required string WorkspaceId { get; set; }
    public int Day { get; set; }
    public required string Network { get; set; }
    public required string ContentType { get; set; }
    public int LocalHour { get; set; }
    public int LocalWeekday { get; set; }
}

/// <summary>
/// The sums the three daily rollups share, one column each in every rollup table. Not an entity: EF maps these properties
/// into each rollup's own table, so the schema is the same as with the properties repeated.
/// </summary>
public abstract class DailyMeasures
{
    public int Posts { get; set; }
    public long Engagements { get; set; }
    public long Likes { get; set; }
    public long Reposts { get; set; }
    public long Replies { get; set; }
    public long Quotes { get; set; }
    public long Impressions { get; set; }
    /// <summary>Engagements of the posts that have impressions, so the per-impression rate compares like with like.</summary>
    public long EngagementsWithImpressions { get; set; }
    public long Reach { get; set; }
    public long Clicks { get; set; }
    /// <summary>Sum over the day's posts of the followers when each was published.</summary>
    public long FollowerBase { get; set; }
}

/// <summary>The four content types the KPIs are broken down by.</summary>
public static class ContentTypes
{
    public const string Text = "text";
    public const string Image = "image";
    public const string Video = "video";
    public const string Link = "link";
    public static readonly string[] All = [Text, Image, Video, Link];
}
