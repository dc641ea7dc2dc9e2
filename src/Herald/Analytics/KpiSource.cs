using Dapper;
using Herald.Data;

namespace Herald.Analytics;

/// <summary>
/// Which table answers a KPI query: the smallest rollup that carries the query's filters and grouping. A workspace-wide
/// year is ~1,100 <c>workspace_daily</c> rows instead of 36,500 account-days; a month by content type or hour is one row
/// per cell of <c>post_mix_daily</c> instead of one per post. Every table sums to the same figures (docs/kpis.md).
/// </summary>
internal sealed class KpiSource
{
    /// <summary>Per workspace, day and network: no account, campaign, content type or hour.</summary>
    public static readonly KpiSource Workspace = new("workspace_daily", perPost: false, accounts: false, mix: false);

    /// <summary>Per account and day: accounts and networks, no campaign, content type or hour.</summary>
    public static readonly KpiSource Account = new("account_daily", perPost: false, accounts: true, mix: false);

    /// <summary>Per workspace, day, network, content type and local hour and weekday: no account or campaign.</summary>
    public static readonly KpiSource Mix = new("post_mix_daily", perPost: false, accounts: false, mix: true);

    /// <summary>One row per post: anything, at the cost of reading every post of the period.</summary>
    public static readonly KpiSource Posts = new("post_metrics", perPost: true, accounts: true, mix: true);

    private readonly bool _perPost;
    private readonly bool _accounts;
    private readonly bool _mix;

    private KpiSource(string table, bool perPost, bool accounts, bool mix) => (Table, _perPost, _accounts, _mix) = (table, perPost, accounts, mix);

    public string Table { get; }

    /// <summary>The source for a query's totals or daily series, or for its breakdown by <paramref name="by"/>.</summary>
    public static KpiSource For(KpiQuery q, KpiDimension? by = null)
    {
        var accounts = q.AccountIds is { Count: > 0 };
        // The rollups are keyed by UTC day: local days of another zone are counted from the per-post rows.
        if (q.Local() is not null || q.CampaignId is not null || by is KpiDimension.Campaign or KpiDimension.Account)
        {
            return Posts;
        }
        if (q.ContentType is not null || q.PostingHour is not null || by is KpiDimension.ContentType or KpiDimension.PostingHour or KpiDimension.Weekday)
        {
            return accounts ? Posts : Mix;
        }
        return accounts ? Account : Workspace;
    }

    public string PostCount => _perPost ? "COUNT(*)" : "SUM(posts)";

    public string Engagements => _perPost ? "SUM(likes + reposts + replies + quotes)" : "SUM(engagements)";

    /// <summary>Engagements of the posts that have impressions (the per-impression rate compares like with like).</summary>
    public string EngagementsWithImpressions =>
        _perPost ? "SUM(CASE WHEN impressions IS NOT NULL THEN likes + reposts + replies + quotes END)" : "SUM(engagements_with_impressions)";

    public string FollowerBase => _perPost ? "SUM(followers_at_publish)" : "SUM(follower_base)";

    /// <summary>The totals of <see cref="KpiService"/>'s figures, one row.</summary>
    public string Totals => $"""
        COALESCE({PostCount}, 0) AS Posts, COALESCE({Engagements}, 0) AS Engagements, COALESCE(SUM(likes), 0) AS Likes,
        COALESCE(SUM(reposts), 0) AS Reposts, COALESCE(SUM(replies), 0) AS Replies, COALESCE(SUM(quotes), 0) AS Quotes,
        COALESCE(SUM(impressions), 0) AS Impressions, COALESCE({EngagementsWithImpressions}, 0) AS EngagementsWithImpressions,
        COALESCE(SUM(reach), 0) AS Reach, COALESCE(SUM(clicks), 0) AS Clicks, COALESCE({FollowerBase}, 0) AS FollowerBase
        """;

    /// <summary>The SQL filter of a query on this table: workspace, period, and the query's filters (which it must carry).</summary>
    public (string Sql, DynamicParameters Args) Where(KpiQuery q, DatabaseKind kind)
    {
        var args = new DynamicParameters();
        args.Add("ws", q.WorkspaceId);
        string sql;
        if (q.Local() is { } local)
        {
            Require(_perPost, "local days");
            // The instants of the local days; the UTC days that hold them let the (workspace_id, day) index narrow the scan.
            args.Add("from", Days.Of(local.Start));
            args.Add("to", Days.Of(local.End.AddMilliseconds(-1)));
            args.Add("start", local.Start.ToUnixTimeMilliseconds());
            args.Add("end", local.End.ToUnixTimeMilliseconds());
            sql = "workspace_id = @ws AND day >= @from AND day <= @to AND published_at >= @start AND published_at < @end";
        }
        else
        {
            args.Add("from", q.From.DayNumber);
            args.Add("to", q.To.DayNumber);
            sql = "workspace_id = @ws AND day >= @from AND day <= @to";
        }
        if (q.AccountIds is { Count: > 0 } accounts)
        {
            Require(_accounts, "accounts");
            sql += $" AND account_id {MetricsStore.In(kind, "accounts")}";
            args.Add("accounts", accounts.ToArray());
        }
        if (q.Network is not null)
        {
            sql += " AND network = @network";
            args.Add("network", q.Network);
        }
        if (q.CampaignId is not null)
        {
            Require(_perPost, "campaign");
            sql += " AND campaign_id = @campaign";
            args.Add("campaign", q.CampaignId);
        }
        if (q.ContentType is not null)
        {
            Require(_mix, "content type");
            sql += " AND content_type = @contentType";
            args.Add("contentType", q.ContentType);
        }
        if (q.PostingHour is not null)
        {
            Require(_mix, "hour");
            sql += " AND local_hour = @hour";
            args.Add("hour", q.PostingHour);
        }
        return (sql, args);
    }

    private void Require(bool carried, string filter)
    {
        if (!carried)
        {
            throw new InvalidOperationException($"{Table} cannot filter by {filter}.");
        }
    }
}
