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
        var data = Path.Combine(Path.GetTempPath(), "herald-bench-analytics-" + Guid.NewGuid().ToString("N"));
        string? pg = null;
        if (database == "postgres")
        {
            var admin = Environment.GetEnvironmentVariable("HERALD_BENCH_PG") ?? "Host=127.0.0.1;Port=5432;Username=herald;Password=herald;Database=postgres";
            var name = "herald_bench_analytics_" + Guid.NewGuid().ToString("N")[..8];
            await using (var c = new NpgsqlConnection(admin))
            {
                await c.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
                await cmd.ExecuteNonQueryAsync();
            }
            pg = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        }
        var services = new ServiceCollection().AddLogging().AddHeraldCore(new HeraldOptions { DataDirectory = data, Database = pg }).BuildServiceProvider();
        await DataServices.MigrateAsync(services);
        return new AnalyticsRun(database, opts, data, pg, services);
    }

    public async Task<(long Snapshots, long Posts)> LoadAsync()
    {
        var connections = _services.GetRequiredService<IDbConnectionFactory>();
        await using var c = await connections.OpenAsync(default);
        var data = new BenchData(_opts, _end, Workspace);
        return _database == "postgres" ? await BulkLoad.PostgresAsync((NpgsqlConnection)c, data) : await BulkLoad.SqliteAsync(c, data);
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
        if (_pg is not null)
        {
            var admin = Environment.GetEnvironmentVariable("HERALD_BENCH_PG") ?? "Host=127.0.0.1;Port=5432;Username=herald;Password=herald;Database=postgres";
            await using var c = new NpgsqlConnection(admin);
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
