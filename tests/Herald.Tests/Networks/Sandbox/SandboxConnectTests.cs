using System.Text.Json;

namespace Herald.Tests.Networks.Sandbox;

public sealed class SandboxConnectTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public async Task Connecting_a_named_sandbox_account_always_succeeds_with_a_slug_handle_and_a_fake_token()
    {
        await using var sandbox = await SandboxHarness.CreateAsync();

        var result = await sandbox.Connector.ConnectAsync(Json("""{"network":"sandbox","name":"Démo Café"}"""), CancellationToken.None);

        Assert.True(result.Ok);
        var account = result.Value!;
        Assert.Equal("Démo Café", account.Name);
        Assert.Equal("demo-cafe.sandbox", account.Handle);
        Assert.Equal("sandbox://", account.ServiceUrl);
        Assert.False(string.IsNullOrEmpty(account.RemoteId));
        Assert.StartsWith("sandbox_", JsonDocument.Parse(account.CredentialsJson).RootElement.GetProperty("token").GetString());
    }

    [Theory]
    [InlineData("""{"network":"sandbox"}""")]
    [InlineData("""{"network":"sandbox","name":"   "}""")]
    [InlineData("""{"network":"sandbox","name":42}""")]
    public async Task Connecting_without_a_usable_name_uses_the_default(string request)
    {
        await using var sandbox = await SandboxHarness.CreateAsync();

        var result = await sandbox.Connector.ConnectAsync(Json(request), CancellationToken.None);

        Assert.Equal("Sandbox", result.Value!.Name);
        Assert.Equal("demo.sandbox", result.Value.Handle);
    }

    [Fact]
    public async Task Demo_name_gives_the_demo_handle_and_each_connect_gets_its_own_id()
    {
        await using var sandbox = await SandboxHarness.CreateAsync();

        var first = await sandbox.Connector.ConnectAsync(Json("""{"network":"sandbox","name":"demo"}"""), CancellationToken.None);
        var second = await sandbox.Connector.ConnectAsync(Json("""{"network":"sandbox","name":"demo"}"""), CancellationToken.None);

        Assert.Equal("demo.sandbox", first.Value!.Handle);
        Assert.NotEqual(first.Value.RemoteId, second.Value!.RemoteId);
        Assert.NotEqual(first.Value.CredentialsJson, second.Value.CredentialsJson);
    }

    [Fact]
    public async Task Rules_are_declared_as_data()
    {
        await using var sandbox = await SandboxHarness.CreateAsync();

        var rules = sandbox.Connector.DefaultRules;

        Assert.Equal("sandbox", sandbox.Connector.Network);
        Assert.Equal(500, rules.MaxGraphemes);
        Assert.Equal(4, rules.MaxImages);
        Assert.Equal(5_000_000, rules.MaxImageBytes);
        Assert.True(rules.SupportsVideo);
        Assert.True(rules.SupportsThreads);
        Assert.Equal(4, rules.AccountConcurrency);
        Assert.Equal(64, rules.NetworkConcurrency);
        Assert.Null(sandbox.Connector.NewRecordKey());
    }
}
