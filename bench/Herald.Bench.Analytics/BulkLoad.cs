using System.Data.Common;
using Herald.Analytics;
using Npgsql;
using NpgsqlTypes;

namespace Herald.Bench.Analytics;

/// <summary>Bulk loading of the per-post rows, snapshots and account-days: SQLite in one transaction with prepared inserts; PostgreSQL with binary COPY.</summary>
internal static class BulkLoad
{
    private const string PostColumns = "delivery_id, post_id, workspace_id, account_id, network, campaign_id, content_type, published_at, day, local_hour, local_weekday, followers_at_publish, likes, reposts, replies, quotes, impressions, reach, clicks, snapshot_count, last_snapshot_at, next_due_at, lease_owner, lease_until, last_error";
    private const string DailyColumns = "account_id, day, workspace_id, network, posts, engagements, likes, reposts, replies, quotes, impressions, engagements_with_impressions, reach, clicks, follower_base, followers";
    private const string SnapshotColumns = "delivery_id, taken_at, likes, reposts, replies, quotes, impressions, reach, clicks";

    public static async Task<(long, long)> SqliteAsync(DbConnection c, BenchData data)
    {
        long snapshots = 0, posts = 0;
        await using var tx = await c.BeginTransactionAsync();
        var post = Prepare(c, tx, "post_metrics", PostColumns);
        var snap = Prepare(c, tx, "metric_snapshots", SnapshotColumns);
        foreach (var p in data.Posts())
        {
            Set(post, PostValues(p, data));
            post.ExecuteNonQuery();
            posts++;
            foreach (var age in BenchData.Ages)
            {
                Set(snap, SnapshotValues(p, age));
                snap.ExecuteNonQuery();
                snapshots++;
            }
            if (posts % 20_000 == 0)
            {
                Console.Error.WriteLine($"  sqlite: {posts:N0} posts, {snapshots:N0} snapshots");
            }
        }
        var daily = Prepare(c, tx, "account_daily", DailyColumns);
        foreach (var row in Daily(data))
        {
            Set(daily, row);
            daily.ExecuteNonQuery();
        }
        await tx.CommitAsync();
        return (snapshots, posts);
    }

    public static async Task<(long, long)> PostgresAsync(NpgsqlConnection c, BenchData data)
    {
        long snapshots = 0, posts = 0;
        await using (var w = await c.BeginBinaryImportAsync($"COPY post_metrics ({PostColumns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var p in data.Posts())
            {
                await WriteAsync(w, PostValues(p, data));
                posts++;
            }
            await w.CompleteAsync();
        }
        await using (var w = await c.BeginBinaryImportAsync($"COPY metric_snapshots ({SnapshotColumns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var p in data.Posts())
            {
                foreach (var age in BenchData.Ages)
                {
                    await WriteAsync(w, SnapshotValues(p, age));
                    snapshots++;
                }
                if (snapshots % 2_000_000 < BenchData.Ages.Length)
                {
                    Console.Error.WriteLine($"  postgres: {snapshots:N0} snapshots");
                }
            }
            await w.CompleteAsync();
        }
        await using (var w = await c.BeginBinaryImportAsync($"COPY account_daily ({DailyColumns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in Daily(data))
            {
                await WriteAsync(w, row);
            }
            await w.CompleteAsync();
        }
        return (snapshots, posts);
    }

    private static object?[] PostValues(GenPost p, BenchData data) =>
    [
        p.DeliveryId, p.PostId, data.Workspace, BenchData.AccountId(p.Account), p.Network, null, p.ContentType, p.PublishedAt.ToUnixTimeMilliseconds(),
        Days.Of(p.PublishedAt), p.LocalHour, p.LocalWeekday, p.Followers, p.Likes, p.Reposts, p.Replies, p.Quotes, p.Impressions, p.Impressions / 2, p.Clicks,
        BenchData.Ages.Length, p.PublishedAt.Add(BenchData.Ages[^1]).ToUnixTimeMilliseconds(), null, null, null, null,
    ];

    private static object?[] SnapshotValues(GenPost p, TimeSpan age)
    {
        var s = BenchData.Share(age);
        long? impressions = p.Impressions is { } i ? (long)(i * s) : null;
        return [p.DeliveryId, p.PublishedAt.Add(age).ToUnixTimeMilliseconds(), (int)(p.Likes * s), (int)(p.Reposts * s), (int)(p.Replies * s), (int)(p.Quotes * s), impressions, impressions / 2, (long)(p.Clicks * s)];
    }

    /// <summary>The daily rollup the collector would have written for the same posts.</summary>
    private static IEnumerable<object?[]> Daily(BenchData data)
    {
        foreach (var g in data.Posts().GroupBy(p => (p.Account, Day: Days.Of(p.PublishedAt))))
        {
            var list = g.ToList();
            var e = list.Sum(p => (long)(p.Likes + p.Reposts + p.Replies + p.Quotes));
            var withImpressions = list.Where(p => p.Impressions is not null).Sum(p => (long)(p.Likes + p.Reposts + p.Replies + p.Quotes));
            var impressions = list.Sum(p => p.Impressions ?? 0);
            yield return
            [
                BenchData.AccountId(g.Key.Account), g.Key.Day, data.Workspace, BenchData.Network(g.Key.Account), list.Count, e,
                (long)list.Sum(p => p.Likes), (long)list.Sum(p => p.Reposts), (long)list.Sum(p => p.Replies), (long)list.Sum(p => p.Quotes),
                impressions, withImpressions, impressions / 2, list.Sum(p => p.Clicks), list.Sum(p => p.Followers), list[0].Followers,
            ];
        }
    }

    private static DbCommand Prepare(DbConnection c, DbTransaction tx, string table, string columns)
    {
        var names = columns.Split(", ");
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO {table} ({columns}) VALUES ({string.Join(", ", names.Select((_, i) => "$p" + i))})";
        for (var i = 0; i < names.Length; i++)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "$p" + i;
            cmd.Parameters.Add(p);
        }
        cmd.Prepare();
        return cmd;
    }

    private static void Set(DbCommand cmd, object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter w, object?[] values)
    {
        await w.StartRowAsync();
        foreach (var v in values)
        {
            switch (v)
            {
                case null: await w.WriteNullAsync(); break;
                case string s: await w.WriteAsync(s, NpgsqlDbType.Text); break;
                case int n: await w.WriteAsync(n, NpgsqlDbType.Integer); break;
                case long l: await w.WriteAsync(l, NpgsqlDbType.Bigint); break;
                default: throw new InvalidOperationException($"Unexpected {v.GetType()}");
            }
        }
    }
}
