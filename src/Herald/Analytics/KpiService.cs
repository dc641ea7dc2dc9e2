using Dapper;
using Herald.Data;

namespace Herald.Analytics;

/// <summary>Computes the KPIs of docs/kpis.md from the rollups (never from raw snapshots).</summary>
public sealed class KpiService(IDbConnectionFactory connections, IEnumerable<ILinkStats> links, IEnumerable<IInboxStats> inbox) : IKpiService
{
    private readonly ILinkStats? _links = links.LastOrDefault();
    private readonly IInboxStats? _inbox = inbox.LastOrDefault();

    public async Task<KpiComparison> CompareAsync(KpiQuery query, CancellationToken ct)
    {
        var current = await FiguresAsync(query, ct);
        var previous = await FiguresAsync(query.Previous(), ct);
        return new KpiComparison(query, current, previous);
    }

    public async Task<KpiFigures> FiguresAsync(KpiQuery query, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        var (where, args) = Where(query, c);
        // The daily rollup answers account and network filters; campaign, content type and hour need the per-post rows.
        var sql = query.FiltersPosts
            ? $"""
               SELECT COUNT(*) AS Posts, COALESCE(SUM(likes + reposts + replies + quotes), 0) AS Engagements, COALESCE(SUM(likes), 0) AS Likes,
                   COALESCE(SUM(reposts), 0) AS Reposts, COALESCE(SUM(replies), 0) AS Replies, COALESCE(SUM(quotes), 0) AS Quotes,
                   COALESCE(SUM(impressions), 0) AS Impressions,
                   COALESCE(SUM(CASE WHEN impressions IS NOT NULL THEN likes + reposts + replies + quotes END), 0) AS EngagementsWithImpressions,
                   COALESCE(SUM(reach), 0) AS Reach, COALESCE(SUM(clicks), 0) AS Clicks, COALESCE(SUM(followers_at_publish), 0) AS FollowerBase
               FROM post_metrics WHERE {where}
               """
            : $"""
               SELECT COALESCE(SUM(posts), 0) AS Posts, COALESCE(SUM(engagements), 0) AS Engagements, COALESCE(SUM(likes), 0) AS Likes,
                   COALESCE(SUM(reposts), 0) AS Reposts, COALESCE(SUM(replies), 0) AS Replies, COALESCE(SUM(quotes), 0) AS Quotes,
                   COALESCE(SUM(impressions), 0) AS Impressions, COALESCE(SUM(engagements_with_impressions), 0) AS EngagementsWithImpressions,
                   COALESCE(SUM(reach), 0) AS Reach, COALESCE(SUM(clicks), 0) AS Clicks, COALESCE(SUM(follower_base), 0) AS FollowerBase
               FROM account_daily WHERE {where}
               """;
        var t = await c.QuerySingleAsync<Totals>(new CommandDefinition(sql, args, cancellationToken: ct));
        var (start, end) = await FollowersAsync(c, query, ct);

        long conversions = 0;
        if (_links is not null)
        {
            var posts = Where(query, c, forPosts: true);
            conversions = await _links.ConversionsAsync(query.WorkspaceId, new DeliverySelection($"SELECT delivery_id FROM post_metrics WHERE {posts.Sql}", posts.Args), ct);
        }
        SentimentShare? sentiment = null;
        TimeSpan? response = null;
        if (_inbox is not null)
        {
            var f = await _inbox.GetAsync(query.WorkspaceId, query.AccountIds, Days.Start(query.From), Days.Start(query.To.AddDays(1)), ct);
            var total = f.Positive + f.Neutral + f.Negative;
            sentiment = total == 0 ? null : new SentimentShare(Pct(f.Positive, total)!.Value, Pct(f.Neutral, total)!.Value, Pct(f.Negative, total)!.Value, total);
            response = f.MedianResponseTime;
        }
        long? growth = start is { } s && end is { } e ? e - s : null;
        return new KpiFigures(
            (int)t.Posts, t.Engagements, t.Likes, t.Reposts, t.Replies, t.Quotes, t.Impressions, t.Reach, t.Clicks, conversions,
            EngagementRatePerFollower: Pct(t.Engagements, t.FollowerBase),
            EngagementRatePerImpression: Pct(t.EngagementsWithImpressions, t.Impressions),
            FollowersStart: start,
            FollowersEnd: end,
            FollowerGrowth: growth,
            FollowerGrowthPercent: growth is { } g && start is { } s0 ? Pct(g, s0) : null,
            ClickThroughRate: _links is null ? null : Pct(t.Clicks, t.Impressions),
            ConversionRate: _links is null ? null : Pct(conversions, t.Clicks),
            Sentiment: sentiment,
            MedianResponseTime: response);
    }

    /// <summary>
    /// Followers at the start and end of the period, summed over the accounts that have a reading in it. Start: the last
    /// reading in the 31 days before the period, else the first in it. End: the last reading in the period.
    /// </summary>
    private async Task<(long? Start, long? End)> FollowersAsync(System.Data.Common.DbConnection c, KpiQuery query, CancellationToken ct)
    {
        var q = query with { From = query.From.AddDays(-31), CampaignId = null, ContentType = null, PostingHour = null };
        var (where, args) = Where(q, c);
        args.Add("period_from", query.From.DayNumber);
        // The database picks the three days per account (last before, first in, last in the period) and reads those rows
        // by primary key: a year of account-days never leaves the database.
        var row = await c.QuerySingleAsync<FollowerTotals>(new CommandDefinition(
            $"""
            SELECT SUM(s.followers) AS Start, SUM(e.followers) AS "End", COUNT(*) AS Accounts
            FROM (SELECT account_id,
                         COALESCE(MAX(CASE WHEN day < @period_from THEN day END), MIN(CASE WHEN day >= @period_from THEN day END)) AS start_day,
                         MAX(day) AS end_day
                  FROM account_daily WHERE {where} AND followers IS NOT NULL
                  GROUP BY account_id HAVING MAX(day) >= @period_from) m
            JOIN account_daily s ON s.account_id = m.account_id AND s.day = m.start_day
            JOIN account_daily e ON e.account_id = m.account_id AND e.day = m.end_day
            """, args, cancellationToken: ct));
        return row.Accounts == 0 ? (null, null) : (row.Start, row.End);
    }

    public async Task<IReadOnlyList<KpiBreakdownRow>> BreakdownAsync(KpiQuery query, KpiDimension by, CancellationToken ct)
    {
        var column = by switch
        {
            KpiDimension.Account => "account_id",
            KpiDimension.Network => "network",
            KpiDimension.Campaign => "COALESCE(campaign_id, '')",
            KpiDimension.ContentType => "content_type",
            KpiDimension.PostingHour => "CAST(local_hour AS VARCHAR(2))",
            _ => "CAST(local_weekday AS VARCHAR(1))",
        };
        await using var c = await connections.OpenAsync(ct);
        var (where, args) = Where(query, c, forPosts: true);
        var rows = await c.QueryAsync<BreakdownTotals>(new CommandDefinition($"""
            SELECT {column} AS GroupKey, COUNT(*) AS Posts, SUM(likes + reposts + replies + quotes) AS Engagements,
                COALESCE(SUM(impressions), 0) AS Impressions,
                COALESCE(SUM(CASE WHEN impressions IS NOT NULL THEN likes + reposts + replies + quotes END), 0) AS EngagementsWithImpressions,
                COALESCE(SUM(clicks), 0) AS Clicks, SUM(followers_at_publish) AS FollowerBase
            FROM post_metrics WHERE {where} GROUP BY {column}
            """, args, cancellationToken: ct));
        return rows
            .Select(r => new KpiBreakdownRow(r.GroupKey, r.GroupKey, (int)r.Posts, r.Engagements, r.Impressions, r.Clicks,
                Pct(r.Engagements, r.FollowerBase), Pct(r.EngagementsWithImpressions, r.Impressions), _links is null ? null : Pct(r.Clicks, r.Impressions)))
            .OrderByDescending(r => r.Engagements).ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<IReadOnlyList<DailyPoint>> DailyAsync(KpiQuery query, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        var (where, args) = Where(query, c);
        var sql = query.FiltersPosts
            ? $"SELECT day AS Day, COUNT(*) AS Posts, SUM(likes + reposts + replies + quotes) AS Engagements, COALESCE(SUM(impressions), 0) AS Impressions, COALESCE(SUM(clicks), 0) AS Clicks, NULL AS Followers FROM post_metrics WHERE {where} GROUP BY day"
            : $"SELECT day AS Day, SUM(posts) AS Posts, SUM(engagements) AS Engagements, SUM(impressions) AS Impressions, SUM(clicks) AS Clicks, SUM(followers) AS Followers FROM account_daily WHERE {where} GROUP BY day";
        var byDay = (await c.QueryAsync<DailyTotals>(new CommandDefinition(sql, args, cancellationToken: ct))).ToDictionary(r => r.Day);
        var points = new List<DailyPoint>(query.Days);
        for (var d = query.From.DayNumber; d <= query.To.DayNumber; d++)
        {
            var r = byDay.GetValueOrDefault(d);
            points.Add(r is null ? new DailyPoint(Days.Date(d), 0, 0, 0, 0, null) : new DailyPoint(Days.Date(d), (int)r.Posts, r.Engagements, r.Impressions, r.Clicks, r.Followers));
        }
        return points;
    }

    public async Task<IReadOnlyList<PostFigures>> TopPostsAsync(KpiQuery query, int count, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        var (where, args) = Where(query, c, forPosts: true);
        args.Add("count", Math.Clamp(count, 1, 500));
        var rows = await c.QueryAsync<PostRow>(new CommandDefinition($"""
            SELECT delivery_id AS DeliveryId, post_id AS PostId, account_id AS AccountId, network AS Network, content_type AS ContentType,
                published_at AS PublishedAt, likes AS Likes, reposts AS Reposts, replies AS Replies, quotes AS Quotes,
                impressions AS Impressions, reach AS Reach, clicks AS Clicks, followers_at_publish AS FollowersAtPublish
            FROM post_metrics WHERE {where}
            ORDER BY likes + reposts + replies + quotes DESC, published_at DESC LIMIT @count
            """, args, cancellationToken: ct));
        return rows.Select(r => r.ToFigures()).ToList();
    }

    /// <summary>The SQL filter of a query on account_daily (or, with <paramref name="forPosts"/> or post filters, on post_metrics).</summary>
    private static (string Sql, DynamicParameters Args) Where(KpiQuery q, System.Data.Common.DbConnection c, bool forPosts = false)
    {
        var kind = c is Npgsql.NpgsqlConnection ? DatabaseKind.Postgres : DatabaseKind.Sqlite;
        var args = new DynamicParameters();
        args.Add("ws", q.WorkspaceId);
        args.Add("from", q.From.DayNumber);
        args.Add("to", q.To.DayNumber);
        var sql = "workspace_id = @ws AND day >= @from AND day <= @to";
        if (q.AccountIds is { Count: > 0 } accounts)
        {
            sql += $" AND account_id {MetricsStore.In(kind, "accounts")}";
            args.Add("accounts", accounts.ToArray());
        }
        if (q.Network is not null)
        {
            sql += " AND network = @network";
            args.Add("network", q.Network);
        }
        if (forPosts || q.FiltersPosts)
        {
            if (q.CampaignId is not null)
            {
                sql += " AND campaign_id = @campaign";
                args.Add("campaign", q.CampaignId);
            }
            if (q.ContentType is not null)
            {
                sql += " AND content_type = @contentType";
                args.Add("contentType", q.ContentType);
            }
            if (q.PostingHour is not null)
            {
                sql += " AND local_hour = @hour";
                args.Add("hour", q.PostingHour);
            }
        }
        return (sql, args);
    }

    /// <summary>A percentage, or null when the denominator is zero.</summary>
    internal static double? Pct(long numerator, long denominator) => denominator == 0 ? null : 100.0 * numerator / denominator;

    // Classes, not positional records: Dapper converts each column to its property (PostgreSQL sums are numeric, SQLite's are integers).
    private sealed class Totals
    {
        public long Posts { get; set; }
        public long Engagements { get; set; }
        public long Likes { get; set; }
        public long Reposts { get; set; }
        public long Replies { get; set; }
        public long Quotes { get; set; }
        public long Impressions { get; set; }
        public long EngagementsWithImpressions { get; set; }
        public long Reach { get; set; }
        public long Clicks { get; set; }
        public long FollowerBase { get; set; }
    }

    private sealed class BreakdownTotals
    {
        public string GroupKey { get; set; } = "";
        public long Posts { get; set; }
        public long Engagements { get; set; }
        public long Impressions { get; set; }
        public long EngagementsWithImpressions { get; set; }
        public long Clicks { get; set; }
        public long FollowerBase { get; set; }
    }

    private sealed class DailyTotals
    {
        public int Day { get; set; }
        public long Posts { get; set; }
        public long Engagements { get; set; }
        public long Impressions { get; set; }
        public long Clicks { get; set; }
        public long? Followers { get; set; }
    }

    private sealed class FollowerTotals
    {
        public long? Start { get; set; }
        public long? End { get; set; }
        public long Accounts { get; set; }
    }

    private sealed class PostRow
    {
        public string DeliveryId { get; set; } = "";
        public string PostId { get; set; } = "";
        public string AccountId { get; set; } = "";
        public string Network { get; set; } = "";
        public string ContentType { get; set; } = "";
        public long PublishedAt { get; set; }
        public long Likes { get; set; }
        public long Reposts { get; set; }
        public long Replies { get; set; }
        public long Quotes { get; set; }
        public long? Impressions { get; set; }
        public long? Reach { get; set; }
        public long? Clicks { get; set; }
        public long FollowersAtPublish { get; set; }

        public PostFigures ToFigures() => new(DeliveryId, PostId, AccountId, Network, ContentType, DateTimeOffset.FromUnixTimeMilliseconds(PublishedAt),
            (int)Likes, (int)Reposts, (int)Replies, (int)Quotes, Impressions, Reach, Clicks, FollowersAtPublish,
            Pct(Likes + Reposts + Replies + Quotes, FollowersAtPublish));
    }
}
