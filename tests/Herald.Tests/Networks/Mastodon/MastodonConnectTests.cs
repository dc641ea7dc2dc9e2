using System.Text.Json.Nodes;
using Herald.Networks;
using Herald.Networks.Mastodon;

namespace Herald.Tests.Networks.Mastodon;

/// <summary>Connecting a Mastodon account with an instance and an access token (against the fake Mastodon).</summary>
public sealed class MastodonConnectTests
{
    [Fact]
    public async Task Connecting_identifies_the_account_and_reads_the_instance_limits()
    {
        await using var h = await MastodonHarness.StartAsync();

        var result = await h.ConnectAsync();

        Assert.True(result.Ok, result.Failure?.ToString());
        var account = result.Value!;
        Assert.Equal("14715", account.RemoteId);
        Assert.Equal("trwnh@127.0.0.1", account.Handle);
        Assert.Equal("infinite love ⴳ", account.Name);
        Assert.Equal(h.Fake.BaseUrl, account.ServiceUrl);
        var rules = account.Rules!;
        Assert.Equal(500, rules.MaxGraphemes);
        Assert.Equal(23, rules.UrlWeight);
        Assert.True(rules.MentionsCountLocalPartOnly);
        Assert.Equal(4, rules.MaxImages);
        Assert.Equal(16_777_216, rules.MaxImageBytes);
        Assert.Equal(103_809_024, rules.MaxVideoBytes);
        Assert.Equal(1_500, rules.MaxAltTextGraphemes);
        Assert.Contains("image/avif", rules.ImageTypes);
        Assert.Contains("video/mp4", rules.VideoTypes);
        Assert.DoesNotContain(rules.ImageTypes, t => t.StartsWith("audio/", StringComparison.Ordinal));
        Assert.True(rules.SupportsVideo);
        Assert.False(rules.MixesImagesAndVideo);
        Assert.True(rules.SupportsThreads);
    }

    [Fact]
    public async Task An_instance_allowing_1000_characters_gives_the_account_that_limit()
    {
        await using var h = await MastodonHarness.StartAsync();
        var configuration = h.Fake.InstanceV2["configuration"]!;
        configuration["statuses"]!["max_characters"] = 1000;
        configuration["statuses"]!["characters_reserved_per_url"] = 23;
        configuration["statuses"]!["max_media_attachments"] = 6;
        configuration["media_attachments"]!.AsObject().Remove("description_limit");

        var rules = (await h.ConnectAsync()).Value!.Rules!;

        Assert.Equal(1000, rules.MaxGraphemes);
        Assert.Equal(23, rules.UrlWeight);
        Assert.Equal(6, rules.MaxImages);
        Assert.Equal(1_500, rules.MaxAltTextGraphemes);
    }

    [Fact]
    public async Task An_instance_without_the_v2_instance_api_is_read_through_v1()
    {
        await using var h = await MastodonHarness.StartAsync();
        h.Fake.HasInstanceV2 = false;

        var rules = (await h.ConnectAsync()).Value!.Rules!;

        Assert.Single(h.Fake.RequestsTo("GET", "/api/v1/instance"));
        Assert.Equal(10_485_760, rules.MaxImageBytes);
        Assert.Equal(41_943_040, rules.MaxVideoBytes);
        Assert.Equal(500, rules.MaxGraphemes);
    }

    [Fact]
    public async Task A_wrong_token_fails_as_auth_expired_with_the_instance_message()
    {
        await using var h = await MastodonHarness.StartAsync();

        var result = await h.ConnectAsync("not-the-token");

        Assert.Equal(FailureKind.AuthExpired, result.Failure!.Kind);
        Assert.Equal("The access token is invalid", result.Failure.Message);
        Assert.Equal(401, result.Failure.StatusCode);
    }

    [Fact]
    public async Task An_unreachable_instance_is_transient()
    {
        await using var h = await MastodonHarness.StartAsync();
        var closed = h.Fake.BaseUrl;
        await h.Fake.DisposeAsync();

        var result = await h.Connector.ConnectAsync(MastodonHarness.ConnectRequest(closed, "token"), CancellationToken.None);

        Assert.Equal(FailureKind.Transient, result.Failure!.Kind);
    }

    [Fact]
    public async Task Local_and_plain_http_instances_are_refused_unless_allowed()
    {
        await using var h = await MastodonHarness.StartAsync(o => o.AllowLocalInstances = false);

        var http = await h.Connector.ConnectAsync(MastodonHarness.ConnectRequest("http://mastodon.example", "token"), CancellationToken.None);
        var loopback = await h.Connector.ConnectAsync(MastodonHarness.ConnectRequest("https://127.0.0.1:1", "token"), CancellationToken.None);

        Assert.Equal(FailureKind.InvalidContent, http.Failure!.Kind);
        Assert.Contains("https://", http.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(FailureKind.Permanent, loopback.Failure!.Kind);
        Assert.Contains("not a public address", loopback.Failure.Message, StringComparison.Ordinal);
        Assert.Empty(h.Fake.Requests);
    }

    [Fact]
    public async Task The_stored_credentials_hold_the_instance_and_token_and_nothing_prints_the_token()
    {
        await using var h = await MastodonHarness.StartAsync();

        var account = (await h.ConnectAsync()).Value!;

        var credentials = JsonNode.Parse(account.CredentialsJson)!;
        Assert.Equal(h.Fake.BaseUrl, credentials["instance"]!.GetValue<string>());
        Assert.Equal(h.Fake.AccessToken, credentials["accessToken"]!.GetValue<string>());
        Assert.DoesNotContain(h.Fake.AccessToken, account.ToString().Replace(account.CredentialsJson, "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(h.Fake.AccessToken, MastodonCredentials.FromJson(account.CredentialsJson)!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mastodon.social", "https://mastodon.social/")]
    [InlineData(" https://Mastodon.Social/@someone ", "https://mastodon.social/")]
    [InlineData("https://example.org:8443", "https://example.org:8443/")]
    public void An_instance_typed_loosely_becomes_its_base_url(string input, string expected)
    {
        Assert.True(MastodonInstance.TryNormalize(input, allowLocal: false, out var url, out _));
        Assert.Equal(expected, url.ToString());
    }

    [Fact]
    public async Task The_default_rules_are_a_stock_instance()
    {
        await using var h = await MastodonHarness.StartAsync();
        var rules = h.Connector.DefaultRules;

        Assert.Equal(500, rules.MaxGraphemes);
        Assert.Equal(23, rules.UrlWeight);
        Assert.True(rules.MentionsCountLocalPartOnly);
        Assert.Equal(4, rules.MaxImages);
        Assert.Equal(16 * 1024 * 1024, rules.MaxImageBytes);
        Assert.True(rules.SupportsVideo);
        Assert.Equal(1, rules.MaxVideos);
        Assert.False(rules.MixesImagesAndVideo);
        Assert.Equal(1_500, rules.MaxAltTextGraphemes);
        Assert.True(rules.SupportsThreads);
    }
}
