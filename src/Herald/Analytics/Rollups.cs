using System.Data.Common;
using Dapper;
using Herald.Data;

namespace Herald.Analytics;

/// <summary>
/// The rollups the dashboard reads, kept in step with the per-post rows in the same transaction: <c>account_daily</c>
/// (per account and UTC day), <c>workspace_daily</c> (its sum per workspace, day and network) and <c>post_mix_daily</c>
/// (a workspace's posts of a day per network, content type, local hour and weekday). Each row is recomputed from the rows
/// below it, never incremented, so a replayed reading leaves it right. On PostgreSQL a transaction-scoped lock per
/// workspace-day makes concurrent collectors take turns: without it, two readings of the same day could each recompute
/// from a snapshot that misses the other's, and the last to commit would win.
/// </summary>
internal static class Rollups
{
    /// <summary>The measures every rollup has, in this order.</summary>
    private const string Measures = "posts, engagements, likes, reposts, replies, quotes, impressions, engagements_with_impressions, reach, clicks, follower_base";

    /// <summary>The same measures summed from post_metrics rows aliased m.</summary>
    private const string PostSums = """
        COUNT(*), SUM(m.likes + m.reposts + m.replies + m.quotes), SUM(m.likes), SUM(m.reposts), SUM(m.replies), SUM(m.quotes),
        COALESCE(SUM(m.impressions), 0), COALESCE(SUM(CASE WHEN m.impressions IS NOT NULL THEN m.likes + m.reposts + m.replies + m.quotes END), 0),
        COALESCE(SUM(m.reach), 0), COALESCE(SUM(m.clicks), 0), SUM(m.followers_at_publish)
        """;

    /// <summary>The same measures summed from account_daily (or workspace_daily) rows aliased x.</summary>
    private const string DailySums = """
        SUM(x.posts), SUM(x.engagements), SUM(x.likes), SUM(x.reposts), SUM(x.replies), SUM(x.quotes), SUM(x.impressions),
        SUM(x.engagements_with_impressions), SUM(x.reach), SUM(x.clicks), SUM(x.follower_base)
        """;

    private const string MixKey = "workspace_id, day, network, content_type, local_hour, local_weekday";

    private static readonly string UpdateMeasures = string.Join(", ", Measures.Split(", ").Select(c => $"{c} = excluded.{c}"));

    /// <summary>One account-day of account_daily from its posts (a day's posts: a few rows). Followers are left as they are.</summary>
    private static readonly string AccountDay = $"""
        INSERT INTO account_daily (account_id, day, workspace_id, network, {Measures}, followers)
        SELECT m.account_id, m.day, MIN(m.workspace_id), MIN(m.network), {PostSums}, NULL
        FROM post_metrics m WHERE m.account_id = @accountId AND m.day = @day
        GROUP BY m.account_id, m.day
        ON CONFLICT (account_id, day) DO UPDATE SET {UpdateMeasures};
        """;

    /// <summary>The workspace-day-network of an account-day, from its accounts' days (one row per account of the network).</summary>
    private static readonly string WorkspaceDay = $"""
        INSERT INTO workspace_daily (workspace_id, day, network, {Measures}, followers)
        SELECT x.workspace_id, x.day, x.network, {DailySums}, SUM(x.followers)
        FROM account_daily me JOIN account_daily x ON x.workspace_id = me.workspace_id AND x.day = me.day AND x.network = me.network
        WHERE me.account_id = @accountId AND me.day = @day
        GROUP BY x.workspace_id, x.day, x.network
        ON CONFLICT (workspace_id, day, network) DO UPDATE SET {UpdateMeasures}, followers = excluded.followers;
        """;

    /// <summary>The post_mix_daily cells of the posts <paramref name="cells"/> selects, each from all the posts of its cell.</summary>
    private static string MixCells(string cells) => $"""
        INSERT INTO post_mix_daily ({MixKey}, {Measures})
        SELECT m.workspace_id, m.day, m.network, m.content_type, m.local_hour, m.local_weekday, {PostSums}
        FROM (SELECT DISTINCT {MixKey} FROM post_metrics WHERE {cells}) c
        JOIN post_metrics m ON m.workspace_id = c.workspace_id AND m.day = c.day AND m.network = c.network
            AND m.content_type = c.content_type AND m.local_hour = c.local_hour AND m.local_weekday = c.local_weekday
        WHERE m.day = @day
        GROUP BY m.workspace_id, m.day, m.network, m.content_type, m.local_hour, m.local_weekday
        ON CONFLICT ({MixKey}) DO UPDATE SET {UpdateMeasures};
        """;

    private static readonly string AccountDayMix = MixCells("account_id = @accountId AND day = @day");
    private static readonly string OneDeliveryMix = MixCells("delivery_id = @deliveryId");

    /// <summary>
    /// Recomputes the rollups of one account-day after its posts changed: account_daily, its workspace_daily row, and the
    /// post_mix_daily cells of its posts (of <paramref name="deliveryId"/>'s cell alone when only that post changed).
    /// </summary>
    public static async Task RollUpAsync(DbConnection c, DbTransaction tx, DatabaseKind kind, string accountId, int day, string? deliveryId, CancellationToken ct)
    {
        var args = new { accountId, day, deliveryId };
        if (kind == DatabaseKind.Postgres)
        {
            await c.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(hashtext('herald.rollup:' || workspace_id), day) FROM post_metrics WHERE account_id = @accountId AND day = @day LIMIT 1",
                args, tx, cancellationToken: ct));
        }
        await c.ExecuteAsync(new CommandDefinition(AccountDay + WorkspaceDay + (deliveryId is null ? AccountDayMix : OneDeliveryMix), args, tx, cancellationToken: ct));
    }

    /// <summary>Writes an account's follower reading of a day and refreshes its workspace_daily row (idempotent).</summary>
    public static async Task RecordFollowersAsync(DbConnection c, DbTransaction tx, DatabaseKind kind, string accountId, string workspaceId, string network, int day, long followers, CancellationToken ct)
    {
        var args = new { accountId, day, workspaceId, network, followers };
        if (kind == DatabaseKind.Postgres)
        {
            await c.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtext('herald.rollup:' || @workspaceId), @day)", args, tx, cancellationToken: ct));
        }
        await c.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO account_daily (account_id, day, workspace_id, network, {Measures}, followers)
            VALUES (@accountId, @day, @workspaceId, @network, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, @followers)
            ON CONFLICT (account_id, day) DO UPDATE SET followers = excluded.followers;
            {WorkspaceDay}
            """, args, tx, cancellationToken: ct));
    }

    /// <summary>
    /// Rebuilds workspace_daily and post_mix_daily from account_daily and post_metrics (after a bulk load, or if they ever
    /// drift): a full scan of the per-post rows, so not for the request path.
    /// </summary>
    public static string RebuildSql => $"""
        DELETE FROM workspace_daily;
        INSERT INTO workspace_daily (workspace_id, day, network, {Measures}, followers)
        SELECT x.workspace_id, x.day, x.network, {DailySums}, SUM(x.followers)
        FROM account_daily x GROUP BY x.workspace_id, x.day, x.network;
        DELETE FROM post_mix_daily;
        INSERT INTO post_mix_daily ({MixKey}, {Measures})
        SELECT m.workspace_id, m.day, m.network, m.content_type, m.local_hour, m.local_weekday, {PostSums}
        FROM post_metrics m GROUP BY m.workspace_id, m.day, m.network, m.content_type, m.local_hour, m.local_weekday;
        """;
}
