using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Herald.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Tests.Competitors;

/// <summary>
/// A Mastodon instance's public, unauthenticated API on 127.0.0.1 for one account, answered with the documentation's
/// examples (TestData/mastodon): lookup, the account, its statuses (paged by max_id). Faults are queued per path.
/// </summary>
public sealed class FakeMastodonPublic : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, int? RetryAfter)>> _faults = new();

    private FakeMastodonPublic(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";
    /// <summary>The account (the documentation's noiob@awoo.space, 553 followers).</summary>
    public JsonObject Account { get; } = FakeMastodon.Fixture("methods_accounts__get__200__17.json");
    public string AccountId => (string)Account["id"]!;
    /// <summary>The account's statuses, newest first; tests change their counts.</summary>
    public List<JsonObject> Statuses { get; } = [];
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>A status shaped like the documentation's example, by the account, with these counts.</summary>
    public JsonObject AddStatus(string id, DateTimeOffset at, int favourites, int reblogs, int replies, bool reblog = false)
    {
        var s = FakeMastodon.Fixture("methods_statuses__get__200__5.json");
        s["id"] = id;
        s["created_at"] = at.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        s["url"] = $"https://awoo.space/@noiob/{id}";
        s["content"] = $"<p>Status {id}</p>";
        s["account"] = Account.DeepClone();
        s["favourites_count"] = favourites;
        s["reblogs_count"] = reblogs;
        s["replies_count"] = replies;
        s["reblog"] = reblog ? FakeMastodon.Fixture("methods_statuses__get__200__5.json") : null;
        Statuses.Add(s);
        Statuses.Sort((a, b) => long.Parse((string)b["id"]!).CompareTo(long.Parse((string)a["id"]!)));
        return s;
    }

    /// <summary>The next <paramref name="times"/> requests to a path starting with <paramref name="path"/> answer <paramref name="status"/>.</summary>
    public void FailNext(string path, int status, int? retryAfterSeconds = null, int times = 1)
    {
        var q = _faults.GetOrAdd(path, _ => new());
        for (var i = 0; i < times; i++)
        {
            q.Enqueue((status, retryAfterSeconds));
        }
    }

    public static async Task<FakeMastodonPublic> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeMastodonPublic(app);
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? "";
            fake.Requests.Enqueue(path + context.Request.QueryString);
            foreach (var (prefix, queue) in fake._faults)
            {
                if (path.StartsWith(prefix, StringComparison.Ordinal) && queue.TryDequeue(out var fault))
                {
                    context.Response.StatusCode = fault.Status;
                    if (fault.RetryAfter is { } s)
                    {
                        context.Response.Headers.RetryAfter = s.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }
                    await context.Response.WriteAsJsonAsync(new { error = "Injected fault" });
                    return;
                }
            }
            await next(context);
        });
        app.MapGet("/api/v1/accounts/lookup", (string acct) =>
            acct.TrimStart('@') is "noiob" or "noiob@awoo.space" ? Results.Json(fake.Account) : Results.Json(FakeMastodon.Fixture("methods_accounts__lookup__404__98.json"), statusCode: 404));
        app.MapGet("/api/v1/accounts/{id}", (string id) =>
            id == fake.AccountId ? Results.Json(fake.Account) : Results.Json(FakeMastodon.Fixture("methods_accounts__lookup__404__98.json"), statusCode: 404));
        app.MapGet("/api/v1/accounts/{id}/statuses", (string id, [FromQuery(Name = "max_id")] string? maxId, int? limit, [FromQuery(Name = "exclude_reblogs")] bool? excludeReblogs) =>
        {
            var page = fake.Statuses
                .Where(s => maxId is null || long.Parse((string)s["id"]!) < long.Parse(maxId))
                .Where(s => excludeReblogs != true || s["reblog"] is null)
                .Take(Math.Min(limit ?? 20, 2)) // small pages, so paging is exercised
                .ToList();
            return Results.Json(page);
        });
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
