using System.Globalization;
using System.Text.Json;
using Herald.Bench.Pages;

// Server-side render time of the pages people live in: the month calendar with 2,000 posts, and Today.
// Usage: bench/run-pages.sh [--iterations N] [--databases sqlite,postgres]
var iterations = int.Parse(Arg("--iterations") ?? "60", CultureInfo.InvariantCulture);
var databases = (Arg("--databases") ?? "sqlite,postgres").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var results = new Dictionary<string, object>();
foreach (var database in databases)
{
    Console.WriteLine($"== {database}: seeding {PageBench.Posts:N0} posts in one month");
    await using var bench = await PageBench.StartAsync(database);
    var pages = new Dictionary<string, object>();
    foreach (var (name, path) in bench.Pages)
    {
        var timing = await bench.MeasureAsync(path, iterations);
        Console.WriteLine($"{database,-9} {name,-15} p50 {timing.P50,7:F1} ms   p95 {timing.P95,7:F1} ms   max {timing.Max,7:F1} ms   ({timing.Bytes / 1024:N0} KiB)");
        pages[name] = new { p50 = Math.Round(timing.P50, 1), p95 = Math.Round(timing.P95, 1), max = Math.Round(timing.Max, 1), kib = timing.Bytes / 1024 };
    }
    results[database] = pages;
}
Console.WriteLine(JsonSerializer.Serialize(new { bench = "pages", posts = PageBench.Posts, iterations, results }));
return 0;

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
