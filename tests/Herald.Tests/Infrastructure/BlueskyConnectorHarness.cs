using System.Text.Json;
using Herald.Networks;
using Herald.Networks.Bluesky;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Herald.Tests.Infrastructure;

/// <summary>Builds the connector the way the app does (AddBlueskyNetwork) and connected-account contexts for it.</summary>
public sealed class BlueskyConnectorHarness : IDisposable
{
    private readonly ServiceProvider _services;

    /// <summary>The test PDS listens on 127.0.0.1, so private addresses are allowed unless a test says otherwise.</summary>
    public BlueskyConnectorHarness(TimeProvider? time = null, bool allowPrivateAddresses = true)
    {
        var services = new ServiceCollection().AddLogging();
        if (time is not null)
        {
            services.TryAddSingleton(time);
        }
        services.AddBlueskyNetwork();
        services.Configure<NetworkOptions>(o => o.AllowPrivateAddresses = allowPrivateAddresses);
        _services = services.BuildServiceProvider();
        Connector = _services.GetServices<INetworkConnector>().Single(c => c.Network == "bluesky");
    }

    public INetworkConnector Connector { get; }

    /// <summary>Every credentials JSON the connector asked to save, in order.</summary>
    public List<(string Json, DateTimeOffset? ExpiresAt)> Saved { get; } = [];

    public static JsonElement ConnectRequest(string service, string identifier, string password) =>
        JsonSerializer.SerializeToElement(new { service, identifier, password });

    public async Task<ConnectedAccount> ConnectAsync(BlueskyPds pds, BlueskyTestAccount account)
    {
        var result = await Connector.ConnectAsync(ConnectRequest(pds.ServiceUrl, account.Handle, account.Password), CancellationToken.None);
        Assert.True(result.Ok, result.Failure?.ToString());
        return result.Value!;
    }

    public PublishContext Context(ConnectedAccount account, string? credentialsJson = null) => new()
    {
        AccountId = "acc_" + account.Handle,
        WorkspaceId = "ws_test",
        Handle = account.Handle,
        RemoteId = account.RemoteId,
        ServiceUrl = account.ServiceUrl,
        Rules = Connector.DefaultRules,
        CredentialsJson = credentialsJson ?? account.CredentialsJson,
        SaveCredentialsAsync = (json, expires, _) =>
        {
            lock (Saved)
            {
                Saved.Add((json, expires));
            }
            return Task.CompletedTask;
        },
    };

    public static PartToPublish Part(string text, string recordKey, IReadOnlyList<MediaToPublish>? media = null, string? language = null) =>
        new(0, text, media ?? [], recordKey, "idem-" + recordKey, TimeProvider.System.GetUtcNow(), language);

    public void Dispose() => _services.Dispose();
}
