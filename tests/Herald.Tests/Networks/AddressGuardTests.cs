using System.Net;
using System.Net.Sockets;
using Herald.Networks;
using Herald.Tests.Infrastructure;
using Herald.Tests.Networks.Mastodon;

namespace Herald.Tests.Networks;

/// <summary>User-supplied URLs (a PDS, an instance) cannot reach Herald's own network unless Networks:AllowPrivateAddresses is on.</summary>
public sealed class AddressGuardTests
{
    [Fact]
    public async Task Bluesky_refuses_a_pds_on_loopback_when_private_addresses_are_not_allowed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var harness = new BlueskyConnectorHarness(allowPrivateAddresses: false);

        var result = await harness.Connector.ConnectAsync(
            BlueskyConnectorHarness.ConnectRequest($"http://127.0.0.1:{port}", "alice.test", "app-password"), CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Equal(FailureKind.Permanent, result.Failure!.Kind);
        Assert.Equal("Refusing to connect to 127.0.0.1: it is not a public address.", result.Failure.Message);
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task Mastodon_refuses_an_instance_on_loopback_when_private_addresses_are_not_allowed()
    {
        await using var h = await MastodonHarness.StartAsync(o => o.AllowLocalInstances = false);
        Assert.StartsWith("http://127.0.0.1:", h.Fake.BaseUrl, StringComparison.Ordinal);

        var result = await h.ConnectAsync();

        Assert.Equal(FailureKind.Permanent, result.Failure!.Kind);
        Assert.Equal("Refusing to connect to 127.0.0.1: it is not a public address.", result.Failure.Message);
        Assert.Empty(h.Fake.Requests);
    }

    [Fact]
    public async Task The_handler_refuses_localhost_at_connect_time_and_allows_it_when_told()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = $"http://localhost:{((IPEndPoint)listener.LocalEndpoint).Port}/";
        using var refusing = new HttpClient(AddressGuard.CreateHandler(allowPrivate: false));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => refusing.GetAsync(url));

        Assert.IsType<AddressRefusedException>(error.InnerException);
        var failure = HttpFailures.FromException(error, mutating: true);
        Assert.Equal(FailureKind.Permanent, failure.Kind);
        Assert.Equal("Refusing to connect to localhost: it is not a public address.", failure.Message);
        Assert.False(listener.Pending());
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("192.168.0.10", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:4700::1111", true)]
    public void Only_public_addresses_are_public(string address, bool expected) =>
        Assert.Equal(expected, AddressGuard.IsPublic(IPAddress.Parse(address)));
}
