using System.Diagnostics;
using Herald.Analytics;
using Herald.Data;
using Herald.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Herald.Bench.Analytics;

/// <summary>One database: migrated by Herald, bulk-loaded, then the dashboard's queries timed through Herald's own services.</summary>
internal sealed class AnalyticsRun : IAsyncDisposable
{
    public const string Workspace = "ws-bench";
    private readonly string _database;
    private readonly BenchOptions _opts;
    private readonly string _data;
    private readonly string? _pg;
    private readonly ServiceProvider _services;
    private readonly DateTimeOffset _end = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private AnalyticsRun(string database, BenchOptions opts, string data, string? pg, ServiceProvider services) =>
        (_database, _opts, _data, _pg, _services) = (database, opts, data, pg, services);

    public static async Task<AnalyticsRun> CreateAsync(string database, BenchOptions opts)
    {
        var suffix = opts.Reuse ?? Guid.NewGuid().ToString("N")[..8];
        var data = Path.Combine(Path.GetTempPath(), "herald-bench-analytics-" + suffix);
        string? pg = null;
        if (database == "postgres")
        {
            var name = "herald_bench_analytics_" + suffix.ToLowerInvariant();
            await using (var c = new NpgsqlConnection(Admin))
            {
                await c.OpenAsync();
                await using var exists = new NpgsqlCommand("SELECT COUNT(*) FROM pg_database WHERE datname = @name", c);
                exists.Parameters.AddWithValue("name", name);
                if ((long)(await exists.ExecuteScalarAsync())! == 0)
                {
                    await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
                    await cmd.ExecuteNonQueryAsync();
                }
            }
            pg = new NpgsqlConnectionStringBuilder(Admin) { Database = name }.ConnectionString;
        }
        var services = new ServiceCollection().AddLogging().AddHeraldCore(new HeraldOptions { DataDirectory = data, Database = pg }).BuildServiceProvider();
        var sw = Stopwatch.StartNew();
        await DataServices.MigrateAsync(services);
        Console.Error.WriteLine($"[{database}] {(opts.Reuse is null ? "" : $"reusing '{opts.Reuse}': ")}migrated in {sw.Elapsed.TotalSeconds:0.0} s");
        return new AnalyticsRun(database, opts, data, pg, services);
    }

    private static string Admin => Environment.GetEnvironmentVariable("HERALD_BENCH_PG") ?? "Host=127.0.0.1;Port=5432;Username=herald;Password=herald;Database=postgres";

    /// <summary>Loads the generated data, unless a reused database already holds it; returns the counts in the database.</summary>
    public async Task<(long Snapshots, long Posts)> LoadAsync()
    {
        var connections = _services.GetRequiredService<IDbConnectionFactory>();
        await using var c = await connections.OpenAsync(default);
        if (_opts.Reuse is not null && await CountAsync(c, "post_metrics") > 0)
        {
            Console.Error.WriteLine($"[{_database}] reused: no load");
            return (await CountAsync(c, "metric_snapshots"), await CountAsync(c, "post_metrics"));
        }
        var data = new BenchData(_opts, _end, Workspace);
        var loaded = _database == "postgres" ? await BulkLoad.PostgresAsync((NpgsqlConnection)c, data) : await BulkLoad.SqliteAsync(c, data);
        // The workspace and post-mix rollups from the loaded rows, the way the migration backfills existing data.
        var sw = Stopwatch.StartNew();
        await _services.GetRequiredService<MetricsStore>().RebuildRollupsAsync(default);
        Console.Error.WriteLine($"[{_database}] rollups rebuilt in {sw.Elapsed.TotalSeconds:0.0} s");
        // Statistics the way Herald's maintenance step refreshes them (PRAGMA optimize / ANALYZE). On PostgreSQL a VACUUM
        // first, as after any bulk load: otherwise autovacuum works through the 10 M fresh rows while the queries are timed.
        sw.Restart();
        if (_database == "postgres")
        {
            await using var vacuum = c.CreateCommand();
            vacuum.CommandText = "VACUUM";
            vacuum.CommandTimeout = 0;
            await vacuum.ExecuteNonQueryAsync();
        }
        await _services.GetRequiredService<DatabaseMaintenance>().OptimizeAsync(default);
        Console.Error.WriteLine($"[{_database}] statistics refreshed in {sw.Elapsed.TotalSeconds:0.0} s");
        return loaded;
    }

    private static async Task<long> CountAsync(System.Data.Common.DbConnection c, string table)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT COUNT(*) FROM {table}";
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<Dictionary<string, (double P50, double P95)>> MeasureAsync()
    {
        var to = DateOnly.FromDateTime(_end.UtcDateTime).AddDays(-1);
        var month = new KpiQuery(Workspace, to.AddDays(-29), to);
        var year = new KpiQuery(Workspace, to.AddDays(-364), to);
        var oneAccount = month with { AccountIds = [BenchData.AccountId(7)] };
        var result = new Dictionary<string, (double, double)>();
        async Task Time(string name, Func<IServiceProvider, Task> query)
        {
            if (_opts.Only is { } only && !name.Contains(only, StringComparison.Ordinal))
            {
                return;
            }
            var samples = new List<double>();
            for (var i = 0; i < _opts.Iterations + 3; i++)
            {
                await using var scope = _services.CreateAsyncScope();
                var sw = Stopwatch.StartNew();
                await query(scope.ServiceProvider);
                if (i >= 3)
                {
                    samples.Add(sw.Elapsed.TotalMilliseconds); // the first three warm caches and JIT
                }
            }
            samples.Sort();
            result[name] = (samples[(int)(samples.Count * 0.5)], samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(samples.Count * 0.95) - 1)]);
        }
        IKpiService K(IServiceProvider sp) => sp.GetRequiredService<IKpiService>();
        await Time("kpis_30d_vs_previous", sp => K(sp).CompareAsync(month, default));
        await Time("kpis_365d_vs_previous", sp => K(sp).CompareAsync(year, default));
        await Time("kpis_30d_one_account", sp => K(sp).CompareAsync(oneAccount, default));
        await Time("kpis_30d_content_type", sp => K(sp).CompareAsync(month with { ContentType = "image" }, default));
        await Time("daily_30d", sp => K(sp).DailyAsync(month, default));
        await Time("daily_365d", sp => K(sp).DailyAsync(year, default));
        await Time("by_network_30d", sp => K(sp).BreakdownAsync(month, KpiDimension.Network, default));
        await Time("by_content_type_30d", sp => K(sp).BreakdownAsync(month, KpiDimension.ContentType, default));
        await Time("by_hour_30d", sp => K(sp).BreakdownAsync(month, KpiDimension.PostingHour, default));
        await Time("top_posts_30d", sp => K(sp).TopPostsAsync(month, 10, default));
        await Time("best_time_one_account", async sp =>
        {
            var account = new Account { Id = BenchData.AccountId(7), WorkspaceId = Workspace, Network = "sandbox", Name = "a7", TimeZone = "Europe/Paris" };
            await sp.GetRequiredService<BestTime>().ForAccountAsync(account, default);
        });
        await Time("what_changed_8_weeks", sp => sp.GetRequiredService<WhatChanged>().FindAsync(month with { From = to.AddDays(-55) }, default));
        await Time("post_history_one_post", sp => PostHistory.LoadAsync(sp.GetRequiredService<HeraldDb>(), BenchData.PostId(7, 300, 1), default));
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_opts.Reuse is not null)
        {
            return; // kept for the next run
        }
        if (_pg is not null)
        {
            await using var c = new NpgsqlConnection(Admin);
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(_pg).Database} WITH (FORCE)", c);
            await cmd.ExecuteNonQueryAsync();
        }
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
