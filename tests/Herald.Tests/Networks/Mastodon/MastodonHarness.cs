using System.Text.Json;
using Herald.Networks;
using Herald.Networks.Mastodon;
using Herald.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Networks.Mastodon;

/// <summary>The Mastodon connector as the app registers it, pointed at a fake Mastodon on 127.0.0.1 (no real instance runs in tests).</summary>
public sealed class MastodonHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private MastodonHarness(FakeMastodon fake, ServiceProvider services)
    {
        Fake = fake;
        _services = services;
    }

    public FakeMastodon Fake { get; }
    public INetworkConnector Connector => _services.GetServices<INetworkConnector>().Single(c => c.Network == "mastodon");
    internal MastodonOAuth OAuth => _services.GetRequiredService<MastodonOAuth>();
    internal MastodonAuthorizations Authorizations => _services.GetRequiredService<MastodonAuthorizations>();

    public static async Task<MastodonHarness> StartAsync(Action<MastodonOptions>? configure = null)
    {
        var fake = await FakeMastodon.StartAsync();
        return new MastodonHarness(fake, BuildServices(null, configure));
    }

    /// <summary>The authorizations of a fresh "process" (new memory) whose Data Protection key ring is in <paramref name="keys"/>.</summary>
    internal MastodonAuthorizations AuthorizationsWithKeysAt(DirectoryInfo keys)
    {
        var services = BuildServices(keys, null);
        _extra.Add(services);
        return services.GetRequiredService<MastodonAuthorizations>();
    }

    private readonly List<ServiceProvider> _extra = [];

    private static ServiceProvider BuildServices(DirectoryInfo? keys, Action<MastodonOptions>? configure)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        if (keys is null)
        {
            services.AddDataProtection().UseEphemeralDataProtectionProvider();
        }
        else
        {
            services.AddDataProtection().PersistKeysToFileSystem(keys).SetApplicationName("herald");
        }
        services.AddMastodonNetwork(o =>
        {
            o.AllowLocalInstances = true;
            o.RequestTimeout = TimeSpan.FromSeconds(2);
            o.MediaPollInterval = TimeSpan.FromMilliseconds(10);
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider();
    }

    public static JsonElement ConnectRequest(string instance, string token) =>
        JsonSerializer.SerializeToElement(new { network = "mastodon", instance, accessToken = token });

    public Task<NetworkResult<ConnectedAccount>> ConnectAsync(string? token = null) =>
        Connector.ConnectAsync(ConnectRequest(Fake.BaseUrl, token ?? Fake.AccessToken), CancellationToken.None);

    /// <summary>Connects and returns the context a delivery would publish with.</summary>
    public async Task<PublishContext> ContextAsync()
    {
        var connected = await ConnectAsync();
        Assert.True(connected.Ok, connected.Failure?.ToString());
        var account = connected.Value!;
        return new PublishContext
        {
            AccountId = "acc-1",
            WorkspaceId = "ws-1",
            Handle = account.Handle,
            RemoteId = account.RemoteId,
            ServiceUrl = account.ServiceUrl,
            Rules = account.Rules!,
            CredentialsJson = account.CredentialsJson,
            SaveCredentialsAsync = (_, _, _) => Task.CompletedTask,
        };
    }

    public static PartToPublish Part(string text, int index = 0, IReadOnlyList<MediaToPublish>? media = null, string? key = null, string? language = null) =>
        new(index, text, media ?? [], null, key ?? Guid.NewGuid().ToString("N"), TimeProvider.System.GetUtcNow(), language);

    /// <summary>A small PNG-named file; the fake does not decode images.</summary>
    public static MediaToPublish Image(string name, string? altText) =>
        new(name, name, "image/png", 68, altText, 1, 1, _ => Task.FromResult<Stream>(new MemoryStream(new byte[68])));

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        foreach (var extra in _extra)
        {
            await extra.DisposeAsync();
        }
        await Fake.DisposeAsync();
    }
}
