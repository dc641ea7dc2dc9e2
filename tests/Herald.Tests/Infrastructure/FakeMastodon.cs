using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Infrastructure;

/// <summary>
/// A fake Mastodon instance on 127.0.0.1 (a real Kestrel server, random port). No real Mastodon can run in the tests,
/// so it answers with the JSON examples of the Mastodon documentation (TestData/mastodon, GFDL-1.3), adjusting only
/// ids, texts, times and URLs. It records every request and lets a test inject faults into the next calls to a path.
/// </summary>
public sealed partial class FakeMastodon : IAsyncDisposable
{
    /// <summary>The code the fake instance "gives the user" after they approve the app.</summary>
    public const string AuthorizationCode = "fake-authorization-code";

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<FakeMastodonRequest> _requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeMastodonFault>> _faults = new();
    private readonly Lock _gate = new();
    private readonly List<JsonObject> _statuses = [];
    private readonly Dictionary<string, JsonObject> _byIdempotencyKey = [];
    private readonly Dictionary<string, (JsonObject Attachment, int PollsLeft)> _media = [];
    private int _disposed;
    private long _nextId = 110_000_000_000_000_000;

    private FakeMastodon(WebApplication app, TimeProvider time)
    {
        _app = app;
        Time = time;
        var token = Fixture("methods_oauth__token__200__2.json");
        AccessToken = token["access_token"]!.GetValue<string>();
        var registered = Fixture("methods_apps__create__200__1.json");
        ClientId = registered["client_id"]!.GetValue<string>();
        ClientSecret = registered["client_secret"]!.GetValue<string>();
        Account = Fixture("methods_accounts__verify_credentials__200__5.json");
        InstanceV2 = Fixture("methods_instance__v2__200__1.json");
        // An older status with text a test may also publish: reconciliation must not mistake it for a new one.
        var old = Fixture("methods_statuses__get__200__5.json");
        old["account"] = Account.DeepClone();
        _statuses.Add(old);
    }

    public TimeProvider Time { get; }
    public string BaseUrl { get; private set; } = "";
    public string AccessToken { get; }
    public string ClientId { get; }
    public string ClientSecret { get; }
    public JsonObject Account { get; }
    public string AccountId => Account["id"]!.GetValue<string>();

    /// <summary>The /api/v2/instance answer; a test may edit its configuration before connecting.</summary>
    public JsonObject InstanceV2 { get; }

    /// <summary>When false, /api/v2/instance answers 404 as on servers older than Mastodon 4.0.</summary>
    public bool HasInstanceV2 { get; set; } = true;

    /// <summary>How many times GET /api/v1/media/:id answers 206 (still processing) before the attachment is ready.</summary>
    public int MediaProcessingPolls { get; set; } = 1;

    public IReadOnlyList<FakeMastodonRequest> Requests => [.. _requests];

    public IReadOnlyList<FakeMastodonRequest> RequestsTo(string method, string path) =>
        [.. _requests.Where(r => r.Method == method && r.Path == path)];

    /// <summary>The statuses on the fake account, oldest first.</summary>
    public IReadOnlyList<JsonObject> Statuses
    {
        get
        {
            lock (_gate)
            {
                return [.. _statuses];
            }
        }
    }

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> <paramref name="path"/> misbehave as <paramref name="fault"/> says.</summary>
    public void FailNext(string method, string path, FakeMastodonFault fault, int times = 1)
    {
        var queue = _faults.GetOrAdd($"{method} {path}", _ => new ConcurrentQueue<FakeMastodonFault>());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue(fault);
        }
    }

    public static async Task<FakeMastodon> StartAsync(TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeMastodon(app, time ?? TimeProvider.System);
        fake.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = address.TrimEnd('/');
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stopping.CancelAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    internal static JsonObject Fixture(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "mastodon", name)))!.AsObject();

    /// <summary>Records the request, then plays the fault queued for it, if any.</summary>
    private async Task RecordAndInjectAsync(HttpContext context, RequestDelegate next)
    {
        context.Request.EnableBuffering();
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        context.Request.Body.Position = 0;
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new FakeMastodonRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", headers, body));

        if (!_faults.TryGetValue($"{context.Request.Method} {context.Request.Path.Value}", out var queue) || !queue.TryDequeue(out var fault))
        {
            await next(context);
            return;
        }
        if (fault.Pass)
        {
            await next(context);
            return;
        }
        if (fault.Hang)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                await Task.Delay(Timeout.Infinite, linked.Token);
            }
            catch (OperationCanceledException)
            {
                // The client gave up (or the fake is stopping): nothing to answer.
            }
            return;
        }
        if (fault.DropResponse)
        {
            // Let the endpoint do its work into a buffer nobody reads, then cut the connection.
            context.Response.Body = new MemoryStream();
            await next(context);
            context.Abort();
            return;
        }
        context.Response.StatusCode = fault.Status ?? 500;
        foreach (var (name, value) in fault.Headers)
        {
            context.Response.Headers[name] = value;
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(fault.Body ?? "{}", context.RequestAborted);
    }
}
