using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Herald.Bench.Analytics;

// The analytics benchmark: a year of data for 100 accounts (≥ 10 million metric snapshots), then the dashboard's queries.
var opts = BenchOptions.Parse(args);
var results = new Dictionary<string, object>();
foreach (var database in opts.Databases)
{
    await using var run = await AnalyticsRun.CreateAsync(database, opts);
    var sw = Stopwatch.StartNew();
    var loaded = await run.LoadAsync();
    var loadSeconds = sw.Elapsed.TotalSeconds;
    Console.Error.WriteLine($"[{database}] loaded {loaded.Snapshots:N0} snapshots, {loaded.Posts:N0} posts in {loadSeconds:0.0} s ({loaded.Snapshots / loadSeconds:N0} rows/s)");
    var queries = await run.MeasureAsync();
    foreach (var (name, (p50, p95)) in queries)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{database,-9} {name,-28} p50 {p50,7:0.0} ms   p95 {p95,7:0.0} ms"));
    }
    results[database] = new
    {
        snapshots = loaded.Snapshots,
        posts = loaded.Posts,
        accounts = opts.Accounts,
        days = opts.Days,
        load_seconds = Math.Round(loadSeconds, 1),
        queries = queries.ToDictionary(q => q.Key, q => new { p50_ms = Math.Round(q.Value.P50, 1), p95_ms = Math.Round(q.Value.P95, 1) }),
        max_p95_ms = Math.Round(queries.Values.Max(q => q.P95), 1),
    };
}
Console.WriteLine(JsonSerializer.Serialize(new { benchmark = "analytics", results }));
