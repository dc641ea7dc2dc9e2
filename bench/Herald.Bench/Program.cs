using System.Globalization;
using System.Text.Json;
using Herald.Bench;
using Herald.Scheduling;
using Npgsql;

// The dispatcher benchmark: N deliveries due within one window across A accounts, delivered to a loopback sink by Herald
// and by Quartz.NET (ADO.NET job store) on SQLite and/or PostgreSQL. The last line printed is one JSON object.
var deliveries = Int("--deliveries", 100_000);
var accounts = Int("--accounts", 1_000);
var databases = Arg("--database") ?? "both";
var spread = TimeSpan.FromSeconds(Int("--spread", 60));
var lead = TimeSpan.FromSeconds(Int("--lead", 10));
var timeout = TimeSpan.FromSeconds(Int("--timeout", 300));
var quartzDeliveries = Int("--quartz-deliveries", deliveries);
var skipQuartz = args.Contains("--no-quartz");
var pgAdmin = Arg("--pg") ?? Environment.GetEnvironmentVariable("HERALD_BENCH_PG") ?? "Host=127.0.0.1;Port=5432;Username=herald;Password=herald;Database=postgres";
var tuning = new DispatcherOptions { MaxInFlight = Int("--max-in-flight", 256), ClaimBatch = Int("--claim-batch", 256), CompletionBatch = Int("--completion-batch", 1000) };

var result = new Dictionary<string, object>
{
    ["benchmark"] = "dispatch",
    ["deliveries"] = deliveries,
    ["accounts"] = accounts,
    ["quartz_deliveries"] = skipQuartz ? 0 : quartzDeliveries,
};
await using var sink = await Sink.StartAsync();
foreach (var kind in databases == "both" ? new[] { "sqlite", "postgres" } : [databases])
{
    var postgres = kind == "postgres";
    var folder = Path.Combine(Path.GetTempPath(), "herald-bench-" + Guid.NewGuid().ToString("N")[..12]);
    Directory.CreateDirectory(folder);
    string? database = null;
    if (postgres)
    {
        var name = "herald_bench_" + Guid.NewGuid().ToString("N")[..12];
        await Sql(pgAdmin, $"CREATE DATABASE {name}");
        database = new NpgsqlConnectionStringBuilder(pgAdmin) { Database = name, MaxPoolSize = 100 }.ConnectionString;
    }
    try
    {
        var section = new Dictionary<string, object>();
        Console.Error.WriteLine($"[{kind}] Herald: {deliveries} deliveries over {spread.TotalSeconds} s, {accounts} accounts");
        sink.Reset();
        var herald = await HeraldRun.RunAsync(new Workload(deliveries, accounts, spread, lead), database, folder, sink, tuning, timeout);
        section["herald"] = herald.ToJson();
        Console.Error.WriteLine($"[{kind}] Herald: {JsonSerializer.Serialize(section["herald"])}");
        if (!skipQuartz)
        {
            Console.Error.WriteLine($"[{kind}] Quartz: {quartzDeliveries} deliveries");
            sink.Reset();
            var quartzConnection = database ?? $"Data Source={Path.Combine(folder, "herald.db")};Default Timeout=60;Pooling=true";
            var quartz = await QuartzRun.RunAsync(new Workload(quartzDeliveries, accounts, spread, lead), postgres, quartzConnection, sink, tuning.MaxInFlight, timeout);
            section["quartz"] = quartz.ToJson();
            section["ratio"] = Math.Round(herald.PerSecond / quartz.PerSecond, 2);
            Console.Error.WriteLine($"[{kind}] Quartz: {JsonSerializer.Serialize(section["quartz"])}");
        }
        result[kind] = section;
    }
    finally
    {
        NpgsqlConnection.ClearAllPools();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (database is not null)
        {
            await Sql(pgAdmin, $"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(database).Database} WITH (FORCE)");
        }
        Directory.Delete(folder, recursive: true);
    }
}
result["settings"] = new Dictionary<string, object>
{
    ["spread_s"] = spread.TotalSeconds,
    ["lead_s"] = lead.TotalSeconds,
    ["max_in_flight"] = tuning.MaxInFlight,
    ["claim_batch"] = tuning.ClaimBatch,
    ["completion_batch"] = tuning.CompletionBatch,
    ["webhook_account_concurrency"] = Herald.Networks.Webhook.WebhookConnector.Rules.AccountConcurrency,
    ["webhook_network_concurrency"] = Herald.Networks.Webhook.WebhookConnector.Rules.NetworkConcurrency,
    ["quartz_threads"] = tuning.MaxInFlight,
    ["quartz_batch_acquisition"] = tuning.MaxInFlight,
    ["quartz_fire_ahead_ms"] = 50,
    ["cores"] = Environment.ProcessorCount,
};
Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
return 0;

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

int Int(string name, int fallback) => Arg(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

static async Task Sql(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var cmd = new NpgsqlCommand(sql, connection);
    await cmd.ExecuteNonQueryAsync();
}
