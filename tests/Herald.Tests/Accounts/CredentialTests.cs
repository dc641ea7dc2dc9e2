using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Herald.Data;
using Herald.Tests.Infrastructure;
using Herald.Networks;

namespace Herald.Tests.Accounts;

/// <summary>Network credentials are encrypted at rest and never returned.</summary>
public sealed class CredentialTests : IAsyncLifetime
{
    private readonly ScriptedNetwork _network = new();
    private HeraldInstance _herald = null!;

    public async Task InitializeAsync() => _herald = await HeraldInstance.StartAsync(services: s => s.AddSingleton<INetworkConnector>(_network));

    public async Task DisposeAsync() => await _herald.DisposeAsync();

    [Fact]
    public async Task Credentials_are_encrypted_in_the_database_and_absent_from_the_api()
    {
        var account = await _herald.ConnectAsync(new { network = "scripted", name = "brand", password = "app-password-123" });
        Assert.DoesNotContain("secret-token", account.ToJsonString());
        var list = await _herald.Client.GetStringAsync("/api/v1/accounts");
        Assert.DoesNotContain("secret-token", list);
        Assert.DoesNotContain("credentials", list, StringComparison.OrdinalIgnoreCase);
        await using var c = await _herald.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(default);
        var stored = await c.ExecuteScalarAsync<string>("SELECT protected_credentials FROM accounts");
        Assert.NotNull(stored);
        Assert.DoesNotContain("secret-token", stored);
        Assert.StartsWith("CfDJ8", stored); // Data Protection's envelope
    }

    [Fact]
    public async Task Bad_credentials_are_a_422_with_the_network_message()
    {
        var response = await _herald.PostAsync("/api/v1/accounts", new { network = "scripted", name = "x", password = "wrong" });
        await HeraldInstance.EnsureAsync(response, 422);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("Bad credentials", (string)problem!["title"]!);
        Assert.Contains("Invalid identifier or password", (string)problem["detail"]!);
    }

    [Fact]
    public async Task An_unknown_network_is_a_422_listing_the_known_ones()
    {
        var response = await _herald.PostAsync("/api/v1/accounts", new { network = "myspace" });
        await HeraldInstance.EnsureAsync(response, 422);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("bluesky", text);
        Assert.Contains("mastodon", text);
    }
}
