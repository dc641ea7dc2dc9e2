using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Herald.Data;
using Herald.Hosting;
using Herald.Networks;
using Herald.Scheduling;
using Herald.Teams;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Infrastructure;

/// <summary>
/// A real Herald (Kestrel on 127.0.0.1, a temp data folder, SQLite or PostgreSQL per HERALD_TEST_DATABASE), with an admin
/// signed in through an API token, and intent methods for tests.
/// </summary>
public sealed class HeraldInstance : IAsyncDisposable
{
    private HeraldInstance(WebApplication app, HeraldOptions options, string? database, HttpClient client, string token, string workspaceId)
    {
        App = app;
        Options = options;
        Database = database;
        Client = client;
        Token = token;
        WorkspaceId = workspaceId;
    }

    public WebApplication App { get; }
    public HeraldOptions Options { get; }
    public string? Database { get; }
    public HttpClient Client { get; }
    public string Token { get; }
    public string WorkspaceId { get; }
    public Uri BaseAddress => Client.BaseAddress!;
    public IServiceProvider Services => App.Services;

    public static readonly JsonSerializerOptions Json = HeraldJson.Options;

    /// <summary>Starts Herald. <paramref name="time"/> replaces the clock; <paramref name="services"/> adds or replaces services (e.g. a scripted network); <paramref name="settings"/> are configuration keys (e.g. "Listening:Bluesky:AppView").</summary>
    public static async Task<HeraldInstance> StartAsync(TimeProvider? time = null, Action<IServiceCollection>? services = null, Action<DispatcherOptions>? dispatcher = null, string? dataDirectory = null, string? database = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var data = dataDirectory ?? Path.Combine(Path.GetTempPath(), "herald-test-" + Guid.NewGuid().ToString("N"));
        var db = database ?? await TestDatabase.CreateAsync();
        var options = new HeraldOptions { DataDirectory = data, Database = db };
        var app = HeraldApp.BuildWeb([], options, b =>
        {
            b.WebHost.UseUrls("http://127.0.0.1:0");
            // Test networks (PDS, fake Mastodon, webhook sinks) listen on 127.0.0.1.
            b.Configuration[AddressGuard.ConfigurationKey] = "true";
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                b.Configuration[key] = value;
            }
            b.Logging.SetMinimumLevel(LogLevel.Warning);
            if (Environment.GetEnvironmentVariable("HERALD_TEST_LOG") is null)
            {
                b.Logging.ClearProviders();
            }
            if (time is not null)
            {
                b.Services.AddSingleton(time);
            }
            services?.Invoke(b.Services);
        });
        var dispatcherOptions = app.Services.GetRequiredService<DispatcherOptions>();
        dispatcherOptions.IdleCheck = TimeSpan.FromMilliseconds(200);
        dispatcher?.Invoke(dispatcherOptions);
        await DataServices.MigrateAsync(app.Services);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        string token;
        string workspaceId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var teams = scope.ServiceProvider.GetRequiredService<TeamService>();
            var user = await teams.AddUserAsync("admin@example.test", "correct horse battery staple", admin: true, default);
            token = (await scope.ServiceProvider.GetRequiredService<ApiTokens>().CreateAsync(user.Id, "tests", default)).Secret;
            var hdb = scope.ServiceProvider.GetRequiredService<HeraldDb>();
            workspaceId = hdb.Memberships.First(m => m.UserId == user.Id).WorkspaceId;
        }
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new HeraldInstance(app, options, db, client, token, workspaceId);
    }

    /// <summary>A client for another user with the given role in the admin's workspace.</summary>
    public async Task<HttpClient> ClientForRoleAsync(Role role)
    {
        await using var scope = Services.CreateAsyncScope();
        var teams = scope.ServiceProvider.GetRequiredService<TeamService>();
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        var user = await teams.AddUserAsync(email, "correct horse battery staple", admin: false, default);
        await teams.SetMemberAsync(WorkspaceId, user.Id, role, default);
        var (_, secret) = await scope.ServiceProvider.GetRequiredService<ApiTokens>().CreateAsync(user.Id, "tests", default);
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        client.DefaultRequestHeaders.Add("X-Herald-Workspace", WorkspaceId);
        return client;
    }

    public async Task<JsonObject> ConnectAsync(object body)
    {
        var response = await Client.PostAsJsonAsync("/api/v1/accounts", body);
        await EnsureAsync(response, 201);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<string> ConnectSandboxAsync(string name = "demo") => (string)(await ConnectAsync(new { network = "sandbox", name }))["id"]!;

    public async Task<HttpResponseMessage> PostAsync(string path, object body) => await Client.PostAsJsonAsync(path, body, Json);

    public async Task<JsonObject> CreatePostAsync(object body)
    {
        var response = await Client.PostAsJsonAsync("/api/v1/posts", body, Json);
        await EnsureAsync(response, 201);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<JsonObject> GetPostAsync(string id)
    {
        var response = await Client.GetAsync($"/api/v1/posts/{id}");
        await EnsureAsync(response, 200);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Polls the API (real time, bounded) until every delivery of the post has one of the given statuses.</summary>
    public async Task<JsonObject> WaitForPostAsync(string id, Func<JsonObject, bool> done, TimeSpan? timeout = null)
    {
        // Real time bounds the wait; it is not a schedule (schedules run on the injected clock).
        var deadline = Environment.TickCount64 + (long)(timeout ?? TimeSpan.FromSeconds(30)).TotalMilliseconds;
        JsonObject post;
        do
        {
            post = await GetPostAsync(id);
            if (done(post))
            {
                return post;
            }
            await Task.Delay(50);
        }
        while (Environment.TickCount64 < deadline);
        throw new TimeoutException($"Post {id} did not reach the expected state: {post.ToJsonString()}");
    }

    public Task<JsonObject> WaitForStatusAsync(string id, params string[] statuses) =>
        WaitForPostAsync(id, p => p["deliveries"]!.AsArray().All(d => statuses.Contains((string)d!["status"]!)));

    public static async Task EnsureAsync(HttpResponseMessage response, int status)
    {
        if ((int)response.StatusCode != status)
        {
            throw new Xunit.Sdk.XunitException($"Expected {status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await App.StopAsync(stop.Token);
        }
        finally
        {
            await App.DisposeAsync();
            await TestDatabase.DropAsync(Database);
            try
            {
                Directory.Delete(Options.DataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>A FakeTimeProvider starting at a fixed, realistic instant.</summary>
public static class TestClock
{
    public static FakeTimeProvider At(string iso) => new(DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture));
}
