using Herald.Data;
using Herald.Networks;
using Herald.Networks.Sandbox;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Networks.Sandbox;

/// <summary>A Sandbox connector over a real SQLite file in a temp folder, with a fake clock.</summary>
internal sealed class SandboxHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly string _folder;
    private int _keys;

    private SandboxHarness(string folder, ServiceProvider services)
    {
        _folder = folder;
        Services = services;
    }

    public ServiceProvider Services { get; }
    public FakeTimeProvider Time => (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();
    public SandboxConnector Connector => Services.GetRequiredService<SandboxConnector>();
    public string AccountId { get; } = Ids.New();

    public static string ConnectionString(string folder) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(folder, "herald.db"),
        Pooling = false,
    }.ToString();

    public static void AddDatabase(IServiceCollection services, string folder)
    {
        var cs = ConnectionString(folder);
        services.AddDbContext<SqliteHeraldDb>(o => o.UseSqlite(cs));
        services.AddScoped<HeraldDb>(sp => sp.GetRequiredService<SqliteHeraldDb>());
    }

    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "herald-sandbox-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static async Task<SandboxHarness> CreateAsync()
    {
        var folder = NewFolder();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Start));
        AddDatabase(services, folder);
        services.AddSandboxNetwork();
        var harness = new SandboxHarness(folder, services.BuildServiceProvider());
        await harness.WithDbAsync(db => db.Database.EnsureCreatedAsync());
        return harness;
    }

    public PublishContext Context(string? accountId = null) => new()
    {
        AccountId = accountId ?? AccountId,
        WorkspaceId = "ws",
        Handle = "demo.sandbox",
        Rules = Connector.DefaultRules,
        CredentialsJson = "{}",
        SaveCredentialsAsync = (_, _, _) => Task.CompletedTask,
    };

    public static PartToPublish Part(string text, string key, int media = 0) => new(
        0, text,
        Enumerable.Range(0, media).Select(i => new MediaToPublish($"m{i}", $"p{i}.jpg", "image/jpeg", 1000, null, 10, 10, _ => Task.FromResult<Stream>(new MemoryStream()))).ToList(),
        null, key, Start);

    public string NewKey() => $"key-{Interlocked.Increment(ref _keys)}";

    public async Task<RemotePost> PublishAsync(string text, string? key = null, int media = 0, ThreadRefs? thread = null)
    {
        var result = await Connector.PublishAsync(Context(), Part(text, key ?? NewKey(), media), thread, CancellationToken.None);
        Assert.True(result.Ok, result.Failure?.ToString());
        return result.Value!;
    }

    public async Task<T> WithDbAsync<T>(Func<HeraldDb, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<HeraldDb>());
    }

    public async Task<T> WithFeedAsync<T>(Func<SandboxFeed, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<SandboxFeed>());
    }

    /// <summary>Every visible event of the account, paging through the feed.</summary>
    public Task<List<SandboxEvent>> AllVisibleEventsAsync(string? accountId = null) => WithFeedAsync(async feed =>
    {
        var all = new List<SandboxEvent>();
        SandboxCursor? cursor = null;
        while (true)
        {
            var page = await feed.ListEventsAsync(accountId ?? AccountId, cursor, SandboxFeed.MaxLimit, CancellationToken.None);
            all.AddRange(page);
            if (page.Count < SandboxFeed.MaxLimit)
            {
                return all;
            }
            cursor = SandboxCursor.After(page[^1]);
        }
    });

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
