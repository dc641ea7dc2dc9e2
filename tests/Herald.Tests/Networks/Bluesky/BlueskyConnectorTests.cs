using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Herald.Networks;
using Herald.Networks.Bluesky;
using Herald.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Networks.Bluesky;

[Collection(BlueskyPdsCollection.Name)]
public sealed class BlueskyConnectorTests(BlueskyPds pds) : IDisposable
{
    private static readonly byte[] RedPng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAIAAADwyuo0AAAAEElEQVR4nGP4z8AARwzIHABvqgf5gNwAKAAAAABJRU5ErkJggg==");
    private static readonly byte[] BluePng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAIAAAA2iEnWAAAAD0lEQVR4nGNgYPgPRsgUADjcBftBwbf8AAAAAElFTkSuQmCC");

    private readonly BlueskyConnectorHarness _harness = new();
    private INetworkConnector Connector => _harness.Connector;

    [Fact]
    public async Task Connecting_with_an_app_password_returns_the_account_and_its_session()
    {
        var account = await pds.CreateAccountAsync();

        var connected = await _harness.ConnectAsync(pds, account);

        Assert.Equal(account.Handle, connected.Handle);
        Assert.Equal(account.Handle, connected.Name);
        Assert.Equal(account.Did, connected.RemoteId);
        Assert.Equal(pds.ServiceUrl, connected.ServiceUrl);
        Assert.True(connected.TokenExpiresAt > TimeProvider.System.GetUtcNow().AddMinutes(30));
        using var credentials = JsonDocument.Parse(connected.CredentialsJson);
        Assert.Equal(account.Password, credentials.RootElement.GetProperty("password").GetString());
        Assert.False(string.IsNullOrEmpty(credentials.RootElement.GetProperty("refreshJwt").GetString()));
        Assert.Equal(account.Did, credentials.RootElement.GetProperty("did").GetString());
    }

    [Fact]
    public async Task Connecting_with_a_wrong_password_is_auth_expired_with_the_pds_message()
    {
        var account = await pds.CreateAccountAsync();

        var result = await Connector.ConnectAsync(BlueskyConnectorHarness.ConnectRequest(pds.ServiceUrl, account.Handle, "wrong"), CancellationToken.None);

        Assert.Equal(FailureKind.AuthExpired, result.Failure?.Kind);
        Assert.Equal("Invalid identifier or password", result.Failure?.Message);
    }

    [Fact]
    public async Task Connecting_to_a_server_that_is_not_there_is_transient()
    {
        var result = await Connector.ConnectAsync(BlueskyConnectorHarness.ConnectRequest("http://127.0.0.1:9", "a.test", "pw"), CancellationToken.None);

        Assert.Equal(FailureKind.Transient, result.Failure?.Kind);
    }

    [Fact]
    public async Task A_post_with_a_link_a_mention_a_hashtag_and_two_images_keeps_its_facets_and_alt_texts()
    {
        var alice = await pds.CreateAccountAsync("alice");
        var bob = await pds.CreateAccountAsync("bob");
        var context = _harness.Context(await _harness.ConnectAsync(pds, alice));
        var text = $"Héllo 🦋 @{bob.Handle} read https://example.com/page?x=1 #herald and @nobody-here.test";
        var media = new[] { Png("red.png", RedPng, "A red rectangle", 4, 2), Png("blue.png", BluePng, "A blue rectangle", 2, 3) };

        var published = await Connector.PublishAsync(context, BlueskyConnectorHarness.Part(text, Connector.NewRecordKey()!, media, "en"), null, CancellationToken.None);

        Assert.True(published.Ok, published.Failure?.ToString());
        var record = (await pds.GetRecordAsync(published.Value!.RemoteId)).GetProperty("value");
        Assert.Equal(text, record.GetProperty("text").GetString());
        Assert.Equal("en", record.GetProperty("langs")[0].GetString());
        var facets = record.GetProperty("facets").EnumerateArray().ToList();
        Assert.Equal(3, facets.Count); // the unknown handle stays plain text
        AssertFacet(text, facets[0], "@" + bob.Handle, "app.bsky.richtext.facet#mention", "did", bob.Did);
        AssertFacet(text, facets[1], "https://example.com/page?x=1", "app.bsky.richtext.facet#link", "uri", "https://example.com/page?x=1");
        AssertFacet(text, facets[2], "#herald", "app.bsky.richtext.facet#tag", "tag", "herald");
        var embed = record.GetProperty("embed");
        Assert.Equal("app.bsky.embed.images", embed.GetProperty("$type").GetString());
        var images = embed.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(["A red rectangle", "A blue rectangle"], images.Select(i => i.GetProperty("alt").GetString()));
        Assert.Equal("image/png", images[0].GetProperty("image").GetProperty("mimeType").GetString());
        Assert.Equal(4, images[0].GetProperty("aspectRatio").GetProperty("width").GetInt32());
        Assert.Equal(3, images[1].GetProperty("aspectRatio").GetProperty("height").GetInt32());
        var rkey = published.Value.RemoteId.Split('/')[^1];
        Assert.Equal($"https://bsky.app/profile/{alice.Handle}/post/{rkey}", published.Value.Url);
        Assert.NotNull(published.Value.Cid);
    }

    [Fact]
    public async Task A_three_part_thread_replies_to_its_root_and_each_parent()
    {
        var context = _harness.Context(await _harness.ConnectAsync(pds, await pds.CreateAccountAsync()));

        var first = await PublishOkAsync(context, "1/3 a thread", null);
        var second = await PublishOkAsync(context, "2/3 goes on", new ThreadRefs(first, first));
        var third = await PublishOkAsync(context, "3/3 ends", new ThreadRefs(first, second with { Cid = null }));

        var secondReply = (await pds.GetRecordAsync(second.RemoteId)).GetProperty("value").GetProperty("reply");
        var thirdReply = (await pds.GetRecordAsync(third.RemoteId)).GetProperty("value").GetProperty("reply");
        Assert.Equal((first.RemoteId, first.Cid), StrongRef(secondReply.GetProperty("root")));
        Assert.Equal((first.RemoteId, first.Cid), StrongRef(secondReply.GetProperty("parent")));
        Assert.Equal((first.RemoteId, first.Cid), StrongRef(thirdReply.GetProperty("root")));
        Assert.Equal((second.RemoteId, second.Cid), StrongRef(thirdReply.GetProperty("parent")));
    }

    [Fact]
    public async Task Deleting_a_post_removes_it_and_deleting_it_again_still_succeeds()
    {
        var context = _harness.Context(await _harness.ConnectAsync(pds, await pds.CreateAccountAsync()));
        var key = Connector.NewRecordKey()!;
        var post = await PublishOkAsync(context, "short-lived", null, key);

        var deleted = await Connector.DeleteAsync(context, post.RemoteId, CancellationToken.None);
        var again = await Connector.DeleteAsync(context, post.RemoteId, CancellationToken.None);

        Assert.True(deleted.Ok, deleted.Failure?.ToString());
        Assert.True(again.Ok, again.Failure?.ToString());
        var lookup = await Connector.FindAsync(context, BlueskyConnectorHarness.Part("short-lived", key), CancellationToken.None);
        Assert.Equal(LookupOutcome.NotFound, lookup.Value?.Outcome);
    }

    [Fact]
    public async Task A_post_of_301_graphemes_is_invalid_content_with_the_pds_message()
    {
        var context = _harness.Context(await _harness.ConnectAsync(pds, await pds.CreateAccountAsync()));

        var result = await Connector.PublishAsync(context, BlueskyConnectorHarness.Part(new string('a', 301), Connector.NewRecordKey()!), null, CancellationToken.None);

        Assert.Equal(FailureKind.InvalidContent, result.Failure?.Kind);
        Assert.Contains("grapheme", result.Failure!.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Publishing_with_the_same_record_key_twice_creates_one_post()
    {
        var account = await pds.CreateAccountAsync();
        var context = _harness.Context(await _harness.ConnectAsync(pds, account));
        var part = BlueskyConnectorHarness.Part("only once", Connector.NewRecordKey()!);

        var first = await Connector.PublishAsync(context, part, null, CancellationToken.None);
        var second = await Connector.PublishAsync(context, part, null, CancellationToken.None);

        Assert.True(first.Ok, first.Failure?.ToString());
        Assert.True(second.Ok, second.Failure?.ToString());
        Assert.Equal(first.Value, second.Value);
        using var list = await pds.Http.GetAsync($"{pds.ServiceUrl}/xrpc/com.atproto.repo.listRecords?repo={account.Did}&collection=app.bsky.feed.post");
        using var doc = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        Assert.Single(doc.RootElement.GetProperty("records").EnumerateArray());
    }

    [Fact]
    public async Task Finding_a_part_before_publishing_is_not_found_and_after_is_found()
    {
        var context = _harness.Context(await _harness.ConnectAsync(pds, await pds.CreateAccountAsync()));
        var part = BlueskyConnectorHarness.Part("find me", Connector.NewRecordKey()!);

        var before = await Connector.FindAsync(context, part, CancellationToken.None);
        var published = await Connector.PublishAsync(context, part, null, CancellationToken.None);
        var after = await Connector.FindAsync(context, part, CancellationToken.None);

        Assert.Equal(LookupOutcome.NotFound, before.Value?.Outcome);
        Assert.Equal(LookupOutcome.Found, after.Value?.Outcome);
        Assert.Equal(published.Value, after.Value!.Post);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("expired")]
    public async Task A_rejected_access_token_is_refreshed_once_and_the_post_succeeds(string token)
    {
        var account = await pds.CreateAccountAsync();
        var connected = await _harness.ConnectAsync(pds, account);
        var bad = token == "garbage" ? "not-a-jwt" : ExpiredAccessToken(account.Did);
        var context = _harness.Context(connected, WithAccessToken(connected.CredentialsJson, bad, TimeProvider.System.GetUtcNow().AddHours(1)));

        var result = await Connector.PublishAsync(context, BlueskyConnectorHarness.Part("after a refresh", Connector.NewRecordKey()!), null, CancellationToken.None);

        Assert.True(result.Ok, result.Failure?.ToString());
        var saved = Assert.Single(_harness.Saved);
        Assert.Equal(saved.Json, context.CredentialsJson);
        Assert.DoesNotContain(bad, saved.Json, StringComparison.Ordinal);
        Assert.True(saved.ExpiresAt > TimeProvider.System.GetUtcNow().AddMinutes(30));
    }

    [Fact]
    public async Task An_access_token_expiring_within_five_minutes_is_refreshed_before_the_call()
    {
        var connected = await _harness.ConnectAsync(pds, await pds.CreateAccountAsync());
        var nearlyExpired = new FakeTimeProvider(connected.TokenExpiresAt!.Value.AddMinutes(-4));
        using var harness = new BlueskyConnectorHarness(nearlyExpired);
        var context = harness.Context(connected);

        var result = await harness.Connector.PublishAsync(context, BlueskyConnectorHarness.Part("fresh token", BlueskyTid.Next(TimeProvider.System)), null, CancellationToken.None);

        Assert.True(result.Ok, result.Failure?.ToString());
        var saved = Assert.Single(harness.Saved);
        Assert.NotEqual(connected.CredentialsJson, saved.Json);
    }

    [Fact]
    public async Task When_the_refresh_token_is_also_rejected_the_app_password_signs_in_again()
    {
        var connected = await _harness.ConnectAsync(pds, await pds.CreateAccountAsync());
        var credentials = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(WithAccessToken(connected.CredentialsJson, "bad", null))!;
        credentials["refreshJwt"] = JsonSerializer.SerializeToElement("also-bad");
        var context = _harness.Context(connected, JsonSerializer.Serialize(credentials));

        var result = await Connector.PublishAsync(context, BlueskyConnectorHarness.Part("signed in again", Connector.NewRecordKey()!), null, CancellationToken.None);

        Assert.True(result.Ok, result.Failure?.ToString());
        Assert.Single(_harness.Saved);
    }

    [Fact]
    public async Task A_changed_app_password_makes_the_account_auth_expired()
    {
        var connected = await _harness.ConnectAsync(pds, await pds.CreateAccountAsync());
        var credentials = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(WithAccessToken(connected.CredentialsJson, "bad", null))!;
        credentials["refreshJwt"] = JsonSerializer.SerializeToElement("also-bad");
        credentials["password"] = JsonSerializer.SerializeToElement("revoked");
        var context = _harness.Context(connected, JsonSerializer.Serialize(credentials));

        var result = await Connector.PublishAsync(context, BlueskyConnectorHarness.Part("never", Connector.NewRecordKey()!), null, CancellationToken.None);

        Assert.Equal(FailureKind.AuthExpired, result.Failure?.Kind);
        Assert.Empty(_harness.Saved);
    }

    public void Dispose() => _harness.Dispose();

    private async Task<RemotePost> PublishOkAsync(PublishContext context, string text, ThreadRefs? thread, string? key = null)
    {
        var result = await Connector.PublishAsync(context, BlueskyConnectorHarness.Part(text, key ?? Connector.NewRecordKey()!), thread, CancellationToken.None);
        Assert.True(result.Ok, result.Failure?.ToString());
        return result.Value!;
    }

    private static (string?, string?) StrongRef(JsonElement reference) =>
        (reference.GetProperty("uri").GetString(), reference.GetProperty("cid").GetString());

    private static void AssertFacet(string text, JsonElement facet, string covered, string type, string property, string value)
    {
        var start = Encoding.UTF8.GetByteCount(text[..text.IndexOf(covered, StringComparison.Ordinal)]);
        Assert.Equal(start, facet.GetProperty("index").GetProperty("byteStart").GetInt32());
        Assert.Equal(start + Encoding.UTF8.GetByteCount(covered), facet.GetProperty("index").GetProperty("byteEnd").GetInt32());
        var feature = Assert.Single(facet.GetProperty("features").EnumerateArray());
        Assert.Equal(type, feature.GetProperty("$type").GetString());
        Assert.Equal(value, feature.GetProperty(property).GetString());
    }

    private static MediaToPublish Png(string name, byte[] bytes, string alt, int width, int height) =>
        new(name, name, "image/png", bytes.Length, alt, width, height, _ => Task.FromResult<Stream>(new MemoryStream(bytes)));

    private static string WithAccessToken(string credentialsJson, string accessJwt, DateTimeOffset? expiresAt)
    {
        var credentials = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(credentialsJson)!;
        credentials["accessJwt"] = JsonSerializer.SerializeToElement(accessJwt);
        credentials["accessExpiresAt"] = JsonSerializer.SerializeToElement(expiresAt);
        return JsonSerializer.Serialize(credentials);
    }

    /// <summary>An access token the PDS itself could have issued (HS256 with its secret), expired a minute ago.</summary>
    private string ExpiredAccessToken(string did)
    {
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        static string Part(object value) => Base64Url(JsonSerializer.SerializeToUtf8Bytes(value));
        var unsigned = Part(new { typ = "at+jwt", alg = "HS256" }) + "." +
            Part(new { scope = "com.atproto.access", aud = "did:web:localhost", sub = did, iat = now - 7200, exp = now - 60 });
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(pds.JwtSecret), Encoding.ASCII.GetBytes(unsigned));
        return unsigned + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
