using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Herald.Data;
using Herald.Hosting;
using Herald.Scheduling;
using Herald.Teams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Npgsql;

namespace Herald.Bench.Pages;

/// <summary>Render times of one page over loopback HTTP, in milliseconds.</summary>
public sealed record Timing(double P50, double P95, double Max, long Bytes);

/// <summary>A Herald on loopback with a seeded workspace and a signed-in cookie client.</summary>
public sealed partial class PageBench : IAsyncDisposable
{
    public const int Posts = 2000;
    private const string Admin = "Host=127.0.0.1;Port=5432;Username=herald;Password=herald;Database=postgres";

    private readonly WebApplication _app;
    private readonly HttpClient _client;
    private readonly string _dataDirectory;
    private readonly string? _pgDatabase;

    private PageBench(WebApplication app, HttpClient client, string dataDirectory, string? pgDatabase, DateOnly month)
    {
        _app = app;
        _client = client;
        _dataDirectory = dataDirectory;
        _pgDatabase = pgDatabase;
        var mid = month.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Pages = [("calendar-month", $"/calendar?Date={mid}"), ("today", "/"), ("calendar-list", $"/calendar?View=list&Date={mid}")];
    }

    public IReadOnlyList<(string Name, string Path)> Pages { get; }

    public static async Task<PageBench> StartAsync(string database)
    {
        var data = Path.Combine(Path.GetTempPath(), "herald-bench-pages-" + Guid.NewGuid().ToString("N"));
        string? pgName = null;
        string? connection = null;
        if (database == "postgres")
        {
            pgName = "herald_bench_pages_" + Guid.NewGuid().ToString("N")[..12];
            await ExecuteAsync($"CREATE DATABASE {pgName}");
            connection = new NpgsqlConnectionStringBuilder(Admin) { Database = pgName }.ToString();
        }
        var app = HeraldApp.BuildWeb([], new HeraldOptions { DataDirectory = data, Database = connection }, b =>
        {
            b.WebHost.UseUrls("http://127.0.0.1:0");
            b.Logging.ClearProviders();
        });
        // Nothing is published during the measure: only rendering is timed.
        app.Services.GetRequiredService<DispatcherOptions>().Enabled = false;
        await DataServices.MigrateAsync(app.Services);
        await app.StartAsync();
        var month = await Seeder.SeedAsync(app.Services, Posts);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        await SignInAsync(client);
        return new PageBench(app, client, data, pgName, month);
    }

    public async Task<Timing> MeasureAsync(string path, int iterations)
    {
        for (var i = 0; i < 5; i++)
        {
            await GetAsync(path);
        }
        var times = new List<double>(iterations);
        long bytes = 0;
        for (var i = 0; i < iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            bytes = await GetAsync(path);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return new Timing(Percentile(times, 0.50), Percentile(times, 0.95), times[^1], bytes);
    }

    private async Task<long> GetAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
        }
        return body.Length;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static async Task SignInAsync(HttpClient client)
    {
        var form = await client.GetStringAsync("/signin");
        var token = TokenPattern().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = Seeder.Email,
            ["Password"] = Seeder.Password,
            ["__RequestVerificationToken"] = token,
        });
        using var response = await client.PostAsync("/signin", content);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException("Sign-in failed: " + (int)response.StatusCode);
        }
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)");
        }
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
