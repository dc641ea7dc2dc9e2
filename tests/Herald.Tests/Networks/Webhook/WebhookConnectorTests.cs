using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Herald.Networks;
using Herald.Networks.Webhook;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Networks.Webhook;

/// <summary>The webhook connector against a real receiving endpoint on 127.0.0.1, alone and through the whole app.</summary>
public sealed class WebhookConnectorTests : IAsyncLifetime
{
    private WebhookSink _sink = null!;
    private ServiceProvider _services = null!;
    private INetworkConnector _connector = null!;

    public async Task InitializeAsync()
    {
        _sink = await WebhookSink.StartAsync();
        var services = new ServiceCollection().AddLogging();
        services.AddWebhookNetwork();
        services.Configure<NetworkOptions>(o => o.AllowPrivateAddresses = true);
        _services = services.BuildServiceProvider();
        _connector = _services.GetServices<INetworkConnector>().Single(c => c.Network == "webhook");
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _sink.DisposeAsync();
    }

    private async Task<PublishContext> ContextAsync(string? secret)
    {
        var connected = await _connector.ConnectAsync(JsonSerializer.SerializeToElement(new { network = "webhook", url = _sink.Url, secret }), CancellationToken.None);
        Assert.True(connected.Ok, connected.Failure?.ToString());
        return new PublishContext
        {
            AccountId = "acc-1",
            WorkspaceId = "ws-1",
            Rules = _connector.DefaultRules,
            CredentialsJson = connected.Value!.CredentialsJson,
            SaveCredentialsAsync = (_, _, _) => Task.CompletedTask,
        };
    }

    private static PartToPublish Part(string text) =>
        new(0, text, [], null, "idem-" + Guid.NewGuid().ToString("N"), DateTimeOffset.Parse("2026-11-24T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Connecting_checks_the_url_and_names_the_account_after_its_host()
    {
        var bad = await _connector.ConnectAsync(JsonSerializer.SerializeToElement(new { url = "ftp://example.com/x" }), CancellationToken.None);
        var good = await _connector.ConnectAsync(JsonSerializer.SerializeToElement(new { url = _sink.Url }), CancellationToken.None);

        Assert.Equal(FailureKind.InvalidContent, bad.Failure!.Kind);
        Assert.Equal("127.0.0.1", good.Value!.Name);
        Assert.Empty(_sink.Requests);
    }

    [Fact]
    public async Task Publishing_posts_the_json_with_its_idempotency_key_and_a_correct_signature()
    {
        var context = await ContextAsync("s3cret");
        var part = Part("Hello, webhook ✨");

        var result = await _connector.PublishAsync(context, part, new ThreadRefs(new RemotePost("root-1", null), new RemotePost("parent-1", null)), CancellationToken.None);

        Assert.True(result.Ok, result.Failure?.ToString());
        Assert.Equal("remote-1", result.Value!.RemoteId);
        Assert.Equal("https://sink.example/posts/1", result.Value.Url);
        var received = Assert.Single(_sink.Requests);
        var body = JsonNode.Parse(received.Body)!;
        Assert.Equal(part.IdempotencyKey, (string)body["id"]!);
        Assert.Equal("Hello, webhook ✨", (string)body["text"]!);
        Assert.Equal(part.CreatedAt, body["createdAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("parent-1", (string)body["replyTo"]!);
        Assert.Empty(body["media"]!.AsArray());
        Assert.Equal(part.IdempotencyKey, received.Headers["Idempotency-Key"]);
        var expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), received.Bytes));
        Assert.Equal(expected, received.Headers["X-Herald-Signature"]);
        Assert.StartsWith("application/json", received.Headers["Content-Type"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_secret_there_is_no_signature_and_the_key_is_the_id_when_the_answer_has_none()
    {
        _sink.Answer = (204, "");
        var context = await ContextAsync(null);
        var part = Part("Hi");

        var result = await _connector.PublishAsync(context, part, null, CancellationToken.None);

        Assert.Equal(part.IdempotencyKey, result.Value!.RemoteId);
        var received = Assert.Single(_sink.Requests);
        Assert.False(received.Headers.ContainsKey("X-Herald-Signature"));
        Assert.Null(JsonNode.Parse(received.Body)!["replyTo"]);
    }

    [Fact]
    public async Task A_500_is_transient()
    {
        _sink.Answer = (500, "boom");
        var result = await _connector.PublishAsync(await ContextAsync(null), Part("Hi"), null, CancellationToken.None);

        Assert.Equal(FailureKind.Transient, result.Failure!.Kind);
        Assert.Single(_sink.Requests); // never retried by the client itself
    }

    [Fact]
    public async Task A_422_is_invalid_content_with_the_receivers_message()
    {
        _sink.Answer = (422, """{"error":"text too spicy"}""");
        var result = await _connector.PublishAsync(await ContextAsync(null), Part("Hi"), null, CancellationToken.None);

        Assert.Equal(FailureKind.InvalidContent, result.Failure!.Kind);
        Assert.Equal(422, result.Failure.StatusCode);
        Assert.Contains("text too spicy", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_is_rate_limited_for_as_long_as_the_receiver_asks()
    {
        _sink.Answer = (429, "slow down");
        _sink.RetryAfter = "7";
        var result = await _connector.PublishAsync(await ContextAsync(null), Part("Hi"), null, CancellationToken.None);

        Assert.Equal(FailureKind.RateLimited, result.Failure!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), result.Failure.RetryAfter);
    }

    [Fact]
    public async Task A_post_published_now_through_herald_reaches_the_endpoint_once_and_becomes_published()
    {
        await using var herald = await HeraldInstance.StartAsync();
        var account = await herald.ConnectAsync(new { network = "webhook", name = "automation", url = _sink.Url, secret = "s3cret" });
        Assert.Equal("automation", (string)account["name"]!);

        var post = await herald.CreatePostAsync(new { text = "Through the whole app", accountIds = new[] { (string)account["id"]! }, publishNow = true });
        var published = await herald.WaitForStatusAsync((string)post["id"]!, "published");

        var received = Assert.Single(_sink.Requests);
        Assert.Equal("Through the whole app", (string)JsonNode.Parse(received.Body)!["text"]!);
        Assert.Equal("sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), received.Bytes)),
            received.Headers["X-Herald-Signature"]);
        Assert.Equal("https://sink.example/posts/1", (string)published["deliveries"]![0]!["url"]!);
    }

    [Fact]
    public async Task A_reply_to_a_direct_message_is_refused_by_the_dispatcher_for_a_connector_that_cannot_keep_it_private()
    {
        await using var herald = await HeraldInstance.StartAsync();
        var account = await herald.ConnectAsync(new { network = "webhook", name = "automation", url = _sink.Url });
        var post = await herald.CreatePostAsync(new { text = "Our private answer", accountIds = new[] { (string)account["id"]! }, scheduledAt = "2099-01-01T09:00:00Z" });
        await using (var scope = herald.Services.CreateAsyncScope())
        {
            // What a reply to a direct message looks like to the dispatcher (the inbox refuses to create one for this network).
            var db = scope.ServiceProvider.GetRequiredService<Herald.Data.HeraldDb>();
            var delivery = db.Deliveries.Single(d => d.PostId == (string)post["id"]!);
            var parts = Herald.Scheduling.DeliveryPart.Read(delivery.PartsJson);
            parts[0].InReplyTo = new Herald.Scheduling.ReplyTarget { RootId = "dm-1", ParentId = "dm-1", Direct = true };
            delivery.PartsJson = Herald.Scheduling.DeliveryPart.Write(parts);
            delivery.DueAt = TimeProvider.System.GetUtcNow().AddSeconds(-1);
            await db.SaveChangesAsync();
        }

        var failed = await herald.WaitForStatusAsync((string)post["id"]!, "failed");
        Assert.Contains("cannot send a private reply", (string)failed["deliveries"]![0]!["error"]!, StringComparison.Ordinal);
        Assert.Empty(_sink.Requests); // nothing was published in public
        Assert.False(_connector.SendsPrivateReplies);
    }
}
