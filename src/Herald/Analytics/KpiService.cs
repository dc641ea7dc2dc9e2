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
        await using var c = await connections.OpenAnalyticsAsync(ct);
        var source = KpiSource.For(query);
        var (where, args) = source.Where(query, connections.Kind);
        var sql = $"SELECT {source.Totals} FROM {source.Table} WHERE {where}";
        var t = await c.QuerySingleAsync<Totals>(new CommandDefinition(sql, args, cancellationToken: ct));
        var (start, end) = await FollowersAsync(c, query, ct);

        long conversions = 0;
        if (_links is not null)
        {
            var posts = KpiSource.Posts.Where(query, connections.Kind);
            conversions = await _links.ConversionsAsync(query.WorkspaceId, new DeliverySelection($"SELECT delivery_id FROM post_metrics WHERE {posts.Sql}", posts.Args), ct);
        }
        SentimentShare? sentiment = null;
        TimeSpan? response = null;
        if (_inbox is not null)
        {
            var local = query.Local();
            var f = await _inbox.GetAsync(query.WorkspaceId, query.AccountIds, local?.Start ?? Days.Start(query.From), local?.End ?? Days.Start(query.To.AddDays(1)), ct);
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
        query = FollowerDays(query);
        var q = query with { From = query.From.AddDays(-31), CampaignId = null, ContentType = null, PostingHour = null };
        var (where, args) = KpiSource.Account.Where(q, connections.Kind);
        args.Add("period_from", query.From.DayNumber);
        // The database picks the three days per account (last before, first in, last in the period) and reads those rows
        // by primary key: a year of account-days never leaves the database. Chosen accounts: their days, by primary key.
        // All of them: a walk over the workspace's accounts (one index seek each, instead of reading ~40,000 account-days
        // for a year of 100 accounts), then three seeks per account for its days. An account's network never changes, so
        // the network filter looks at its last day only.
        var days = q.AccountIds is { Count: > 0 }
            ? $"""
               SELECT account_id,
                      COALESCE(MAX(CASE WHEN day < @period_from THEN day END), MIN(CASE WHEN day >= @period_from THEN day END)) AS start_day,
                      MAX(day) AS end_day
               FROM account_daily WHERE {where} AND followers IS NOT NULL
               GROUP BY account_id HAVING MAX(day) >= @period_from
               """
            : $"""
               WITH RECURSIVE acct(id) AS (
                   SELECT MIN(account_id) FROM account_daily WHERE workspace_id = @ws
                   UNION ALL
                   SELECT (SELECT MIN(account_id) FROM account_daily WHERE workspace_id = @ws AND account_id > acct.id) FROM acct WHERE acct.id IS NOT NULL)
               SELECT id AS account_id,
                   COALESCE((SELECT MAX(day) FROM account_daily x WHERE x.account_id = acct.id AND x.day >= @from AND x.day < @period_from AND x.followers IS NOT NULL),
                            (SELECT MIN(day) FROM account_daily x WHERE x.account_id = acct.id AND x.day >= @period_from AND x.day <= @to AND x.followers IS NOT NULL)) AS start_day,
                   (SELECT MAX(day) FROM account_daily x WHERE x.account_id = acct.id AND x.day >= @period_from AND x.day <= @to AND x.followers IS NOT NULL) AS end_day
               FROM acct WHERE acct.id IS NOT NULL{(q.Network is null ? "" : " AND (SELECT n.network FROM account_daily n WHERE n.account_id = acct.id ORDER BY n.day DESC LIMIT 1) = @network")}
               """;
        var row = await c.QuerySingleAsync<FollowerTotals>(new CommandDefinition(
            $"""
            SELECT SUM(s.followers) AS Start, SUM(e.followers) AS "End", COUNT(*) AS Accounts
            FROM ({days}) m
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
        // Rows with no posts (an account-day with only a follower reading) are no group of a breakdown.
        var source = KpiSource.For(query, by);
        await using var c = await connections.OpenAnalyticsAsync(ct);
        var (where, args) = source.Where(query, connections.Kind);
        var rows = await c.QueryAsync<BreakdownTotals>(new CommandDefinition($"""
            SELECT {column} AS GroupKey, {source.PostCount} AS Posts, {source.Engagements} AS Engagements,
                COALESCE(SUM(impressions), 0) AS Impressions, COALESCE({source.EngagementsWithImpressions}, 0) AS EngagementsWithImpressions,
                COALESCE(SUM(clicks), 0) AS Clicks, {source.FollowerBase} AS FollowerBase
            FROM {source.Table} WHERE {where} GROUP BY {column} HAVING {source.PostCount} > 0
            """, args, cancellationToken: ct));
        return rows
            .Select(r => new KpiBreakdownRow(r.GroupKey, r.GroupKey, (int)r.Posts, r.Engagements, r.Impressions, r.Clicks,
                Pct(r.Engagements, r.FollowerBase), Pct(r.EngagementsWithImpressions, r.Impressions), _links is null ? null : Pct(r.Clicks, r.Impressions)))
            .OrderByDescending(r => r.Engagements).ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The UTC days whose follower readings belong to the query's period. A reading is dated by its UTC day and taken in
    /// the collector's first cycle of that day, so it counts at the day's UTC midnight: a period of local days holds the
    /// readings of the UTC days that start within it.
    /// </summary>
    private static KpiQuery FollowerDays(KpiQuery query)
    {
        if (query.Local() is not { } local)
        {
            return query;
        }
        static int FirstDayFrom(DateTimeOffset t) => Days.Of(t) + (Days.Start(Days.Date(Days.Of(t))) == t ? 0 : 1);
        return query with { From = Days.Date(FirstDayFrom(local.Start)), To = Days.Date(FirstDayFrom(local.End) - 1), TimeZone = null };
    }

    public async Task<IReadOnlyList<DailyPoint>> DailyAsync(KpiQuery query, CancellationToken ct)
    {
        if (query.Local() is { } local)
        {
            return await LocalDailyAsync(query, local, ct);
        }
        // Followers belong to accounts: a series filtered by post (campaign, content type, hour) has none.
        var source = KpiSource.For(query);
        await using var c = await connections.OpenAnalyticsAsync(ct);
        var (where, args) = source.Where(query, connections.Kind);
        var sql = $"""
            SELECT day AS Day, {source.PostCount} AS Posts, {source.Engagements} AS Engagements, COALESCE(SUM(impressions), 0) AS Impressions,
                COALESCE(SUM(clicks), 0) AS Clicks, {(query.FiltersPosts ? "NULL" : "SUM(followers)")} AS Followers
            FROM {source.Table} WHERE {where} GROUP BY day
            """;
        var byDay = (await c.QueryAsync<DailyTotals>(new CommandDefinition(sql, args, cancellationToken: ct))).ToDictionary(r => r.Day);
        var points = new List<DailyPoint>(query.Days);
        for (var d = query.From.DayNumber; d <= query.To.DayNumber; d++)
        {
            var r = byDay.GetValueOrDefault(d);
            points.Add(r is null ? new DailyPoint(Days.Date(d), 0, 0, 0, 0, null) : new DailyPoint(Days.Date(d), (int)r.Posts, r.Engagements, r.Impressions, r.Clicks, r.Followers));
        }
        return points;
    }

    /// <summary>The daily series in local days: posts by their local day of publication, followers by the local day of their reading.</summary>
    private async Task<IReadOnlyList<DailyPoint>> LocalDailyAsync(KpiQuery query, LocalPeriod local, CancellationToken ct)
    {
        await using var c = await connections.OpenAnalyticsAsync(ct);
        var (where, args) = KpiSource.Posts.Where(query, connections.Kind);
        var day = LocalDays.DayNumberSql("published_at", local.Zone, local.Start, local.End);
        var sql = $"""
            SELECT {day} AS Day, COUNT(*) AS Posts, {KpiSource.Posts.Engagements} AS Engagements, COALESCE(SUM(impressions), 0) AS Impressions,
                COALESCE(SUM(clicks), 0) AS Clicks
            FROM post_metrics WHERE {where} GROUP BY {day}
            """;
        var byDay = (await c.QueryAsync<DailyTotals>(new CommandDefinition(sql, args, cancellationToken: ct))).ToDictionary(r => r.Day);
        var followers = new Dictionary<int, long?>();
        if (!query.FiltersPosts)
        {
            var readings = FollowerDays(query);
            var (fw, fa) = KpiSource.For(readings).Where(readings, connections.Kind);
            var rows = await c.QueryAsync<DailyTotals>(new CommandDefinition(
                $"SELECT day AS Day, SUM(followers) AS Followers FROM {KpiSource.For(readings).Table} WHERE {fw} GROUP BY day ORDER BY day", fa, cancellationToken: ct));
            foreach (var r in rows)
            {
                // A local day of 25 hours can hold two UTC midnights: the later reading is the day's.
                followers[LocalDays.Of(Days.Start(Days.Date(r.Day)), local.Zone).DayNumber] = r.Followers;
            }
        }
        var points = new List<DailyPoint>(query.Days);
        for (var d = query.From.DayNumber; d <= query.To.DayNumber; d++)
        {
            var r = byDay.GetValueOrDefault(d);
            var f = followers.GetValueOrDefault(d);
            points.Add(r is null ? new DailyPoint(Days.Date(d), 0, 0, 0, 0, f) : new DailyPoint(Days.Date(d), (int)r.Posts, r.Engagements, r.Impressions, r.Clicks, f));
        }
        return points;
    }

    public async Task<IReadOnlyList<PostFigures>> TopPostsAsync(KpiQuery query, int count, CancellationToken ct)
    {
        await using var c = await connections.OpenAnalyticsAsync(ct);
        var (where, args) = KpiSource.Posts.Where(query, connections.Kind);
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
