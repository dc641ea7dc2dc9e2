using Herald.Networks;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Networks.Bluesky;

[Collection(BlueskyRateLimitedPdsCollection.Name)]
public sealed class BlueskyRateLimitTests(BlueskyPdsWithRateLimits pds) : IDisposable
{
    private readonly BlueskyConnectorHarness _harness = new();

    [Fact]
    public async Task Too_many_sign_ins_are_rate_limited_with_a_retry_after()
    {
        var account = await pds.CreateAccountAsync();
        var request = BlueskyConnectorHarness.ConnectRequest(pds.ServiceUrl, account.Handle, account.Password);

        NetworkResult<ConnectedAccount> last = default;
        for (var i = 0; i < 40 && (last.Ok || i == 0); i++)
        {
            last = await _harness.Connector.ConnectAsync(request, CancellationToken.None);
        }

        Assert.Equal(FailureKind.RateLimited, last.Failure?.Kind);
        Assert.Equal(429, last.Failure?.StatusCode);
        Assert.NotNull(last.Failure?.RetryAfter);
        Assert.True(last.Failure!.RetryAfter > TimeSpan.Zero);
    }

    public void Dispose() => _harness.Dispose();
}
