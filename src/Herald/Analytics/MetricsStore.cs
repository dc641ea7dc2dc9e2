using System.Data.Common;
using Dapper;
using Herald.Data;

namespace Herald.Analytics;

/// <summary>A post whose reading is due, claimed by one worker until its lease ends.</summary>
public sealed class DueReading
{
    public string DeliveryId { get; set; } = "";
    public string AccountId { get; set; } = "";
    public string Network { get; set; } = "";
    public string? RemoteId { get; set; }
    public long PublishedAt { get; set; }
    public int Day { get; set; }
}

/// <summary>The collector's SQL: claim due readings with a lease, write a reading and its rollups in one transaction.</summary>
public sealed class MetricsStore(IDbConnectionFactory connections)
{
    public DatabaseKind Kind => connections.Kind;

    /// <summary>Claims up to <paramref name="limit"/> due posts. PostgreSQL skips rows another process holds; SQLite has one writer.</summary>
    public async Task<IReadOnlyList<DueReading>> ClaimAsync(string worker, DateTimeOffset now, int limit, TimeSpan lease, CancellationToken ct)
    {
        var skipLocked = Kind == DatabaseKind.Postgres ? "FOR UPDATE SKIP LOCKED" : "";
        await using var c = await connections.OpenAsync(ct);
        var claimed = (await c.QueryAsync<string>(new CommandDefinition($"""
            UPDATE post_metrics SET lease_owner = @worker, lease_until = @until
            WHERE delivery_id IN (
                SELECT delivery_id FROM post_metrics
                WHERE next_due_at IS NOT NULL AND next_due_at <= @now AND (lease_until IS NULL OR lease_until < @now)
                ORDER BY next_due_at LIMIT @limit {skipLocked})
            RETURNING delivery_id
            """, new { worker, until = (now + lease).ToUnixTimeMilliseconds(), now = now.ToUnixTimeMilliseconds(), limit }, cancellationToken: ct))).ToList();
        if (claimed.Count == 0)
        {
            return [];
        }
        return (await c.QueryAsync<DueReading>(new CommandDefinition($"""
            SELECT m.delivery_id AS DeliveryId, m.account_id AS AccountId, m.network AS Network, d.remote_id AS RemoteId,
                   m.published_at AS PublishedAt, m.day AS Day
            FROM post_metrics m JOIN deliveries d ON d.id = m.delivery_id
            WHERE m.delivery_id {In(Kind)}
            """, new { ids = claimed.ToArray() }, cancellationToken: ct))).ToList();
    }

    /// <summary>When the next reading is due (for the collector's sleep), or null when nothing is followed.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        var ms = await c.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MIN(next_due_at) FROM post_metrics WHERE next_due_at IS NOT NULL", cancellationToken: ct));
        return ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;
    }

    /// <summary>Stores a reading, the post's latest counts and next due time, and refreshes the account's day, atomically.</summary>
    public async Task RecordAsync(DueReading due, PostCounts counts, long? clicks, DateTimeOffset takenAt, CancellationToken ct)
    {
        var next = SnapshotSchedule.Next(DateTimeOffset.FromUnixTimeMilliseconds(due.PublishedAt), takenAt);
        await using var c = await connections.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var p = new
        {
            id = due.DeliveryId,
            at = takenAt.ToUnixTimeMilliseconds(),
            likes = counts.Likes,
            reposts = counts.Reposts,
            replies = counts.Replies,
            quotes = counts.Quotes,
            impressions = counts.Impressions,
            reach = counts.Reach,
            clicks,
            next = next?.ToUnixTimeMilliseconds(),
        };
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO metric_snapshots (delivery_id, taken_at, likes, reposts, replies, quotes, impressions, reach, clicks)
            VALUES (@id, @at, @likes, @reposts, @replies, @quotes, @impressions, @reach, @clicks)
            ON CONFLICT (delivery_id, taken_at) DO NOTHING
            """, p, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE post_metrics SET likes = @likes, reposts = @reposts, replies = @replies, quotes = @quotes,
                impressions = @impressions, reach = @reach, clicks = COALESCE(@clicks, clicks),
                snapshot_count = snapshot_count + 1, last_snapshot_at = @at, next_due_at = @next,
                lease_owner = NULL, lease_until = NULL, last_error = NULL
            WHERE delivery_id = @id
            """, p, tx, cancellationToken: ct));
        await Rollups.RollUpAsync(c, tx, Kind, due.AccountId, due.Day, due.DeliveryId, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>A failed reading: try again later (the network's Retry-After, or the schedule's interval); a deleted post stops being followed.</summary>
    public async Task FailAsync(DueReading due, string error, DateTimeOffset? retryAt, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE post_metrics SET next_due_at = @next, lease_owner = NULL, lease_until = NULL, last_error = @error WHERE delivery_id = @id
            """, new { id = due.DeliveryId, next = retryAt?.ToUnixTimeMilliseconds(), error }, cancellationToken: ct));
    }

    /// <summary>Recomputes the rollups of one account-day (after rows were written by hand, or to repair them).</summary>
    public async Task RollUpAsync(string accountId, int day, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await Rollups.RollUpAsync(c, tx, Kind, accountId, day, null, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Rebuilds the workspace and post-mix rollups from account_daily and post_metrics (after a bulk load): a full scan.</summary>
    public async Task RebuildRollupsAsync(CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(Rollups.RebuildSql, transaction: tx, commandTimeout: 0, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    /// <summary>Accounts (of networks with a source) without a follower reading for <paramref name="day"/>.</summary>
    public async Task<IReadOnlyList<string>> FollowersDueAsync(int day, IReadOnlyCollection<string> networks, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        return (await c.QueryAsync<string>(new CommandDefinition($"""
            SELECT a.id FROM accounts a
            WHERE a.status = 'Active' AND a.network {In(Kind, "networks")}
              AND NOT EXISTS (SELECT 1 FROM account_daily x WHERE x.account_id = a.id AND x.day = @day AND x.followers IS NOT NULL)
            """, new { day, networks = networks.ToArray() }, cancellationToken: ct))).ToList();
    }

    /// <summary>Writes the day's follower count (idempotent: two processes writing the same day agree).</summary>
    public async Task RecordFollowersAsync(string accountId, string workspaceId, string network, int day, long followers, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await Rollups.RecordFollowersAsync(c, tx, Kind, accountId, workspaceId, network, day, followers, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>"IN (...)" for a list parameter: PostgreSQL binds an array, Dapper expands the list on SQLite.</summary>
    internal static string In(DatabaseKind kind, string name = "ids") => kind == DatabaseKind.Postgres ? $"= ANY(@{name})" : $"IN @{name}";
}
