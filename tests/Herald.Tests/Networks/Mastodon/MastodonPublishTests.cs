using System.Text.Json.Nodes;
using Herald.Networks;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Networks.Mastodon;

/// <summary>Publishing statuses, media and threads (against the fake Mastodon built from the documentation's examples).</summary>
public sealed class MastodonPublishTests
{
    [Fact]
    public async Task Publishing_a_text_creates_a_status_with_the_idempotency_key()
    {
        await using var h = await MastodonHarness.StartAsync();
        var context = await h.ContextAsync();
        var part = MastodonHarness.Part("Hello from Herald", language: "en");

        var result = await h.Connector.PublishAsync(context, part, null, CancellationToken.None);

        Assert.True(result.Ok, result.Failure?.ToString());
        var status = h.Fake.Statuses[^1];
        Assert.Equal(status["id"]!.GetValue<string>(), result.Value!.RemoteId);
        Assert.Equal($"{h.Fake.BaseUrl}/@trwnh/{result.Value.RemoteId}", result.Value.Url);
        Assert.Equal("<p>Hello from Herald</p>", status["content"]!.GetValue<string>());
        var sent = h.Fake.RequestsTo("POST", "/api/v1/statuses").Single();
        Assert.Equal(part.IdempotencyKey, sent.Header("Idempotency-Key"));
        Assert.Equal($"Bearer {h.Fake.AccessToken}", sent.Header("Authorization"));
        var body = JsonNode.Parse(sent.Body)!;
        Assert.Equal("Hello from Herald", body["status"]!.GetValue<string>());
        Assert.Equal("en", body["language"]!.GetValue<string>());
        Assert.Null(body["in_reply_to_id"]);
    }

    [Fact]
    public async Task Two_images_are_uploaded_with_their_descriptions_and_attached_once_processed()
    {
        await using var h = await MastodonHarness.StartAsync();
        h.Fake.MediaProcessingPolls = 2;
        var context = await h.ContextAsync();
        var part = MastodonHarness.Part("Two pictures", media: [MastodonHarness.Image("a.png", "A red square"), MastodonHarness.Image("b.png", "A blue circle")]);

        var result = await h.Connector.PublishAsync(context, part, null, CancellationToken.None);

        Assert.True(result.Ok, result.Failure?.ToString());
        var uploads = h.Fake.RequestsTo("POST", "/api/v2/media");
        Assert.Equal(2, uploads.Count);
        Assert.Contains("A red square", uploads[0].Body, StringComparison.Ordinal);
        Assert.Contains("filename=a.png", uploads[0].Body, StringComparison.Ordinal);
        Assert.Contains("A blue circle", uploads[1].Body, StringComparison.Ordinal);
        Assert.Equal(6, h.Fake.Requests.Count(r => r.Method == "GET" && r.Path.StartsWith("/api/v1/media/", StringComparison.Ordinal)));
        var attachments = h.Fake.Statuses[^1]["media_attachments"]!.AsArray();
        Assert.Equal(["A red square", "A blue circle"], attachments.Select(a => a!["description"]!.GetValue<string>()));
        Assert.All(attachments, a => Assert.NotNull(a!["url"]));
        var mediaIds = JsonNode.Parse(h.Fake.RequestsTo("POST", "/api/v1/statuses").Single().Body)!["media_ids"]!.AsArray();
        Assert.Equal(attachments.Select(a => a!["id"]!.GetValue<string>()), mediaIds.Select(m => m!.GetValue<string>()));
    }

    [Fact]
    public async Task Media_still_processing_after_the_bound_is_transient_and_no_status_is_sent()
    {
        await using var h = await MastodonHarness.StartAsync(o => o.MediaPollAttempts = 3);
        h.Fake.MediaProcessingPolls = 10;
        var context = await h.ContextAsync();

        var result = await h.Connector.PublishAsync(context, MastodonHarness.Part("Slow", media: [MastodonHarness.Image("a.png", null)]), null, CancellationToken.None);

        Assert.Equal(FailureKind.Transient, result.Failure!.Kind);
        Assert.Empty(h.Fake.RequestsTo("POST", "/api/v1/statuses"));
    }

    [Fact]
    public async Task A_thread_replies_to_the_previous_part_each_time()
    {
        await using var h = await MastodonHarness.StartAsync();
        var context = await h.ContextAsync();

        var first = (await h.Connector.PublishAsync(context, MastodonHarness.Part("1/3", 0), null, CancellationToken.None)).Value!;
        var second = (await h.Connector.PublishAsync(context, MastodonHarness.Part("2/3", 1), new ThreadRefs(first, first), CancellationToken.None)).Value!;
        var third = await h.Connector.PublishAsync(context, MastodonHarness.Part("3/3", 2), new ThreadRefs(first, second), CancellationToken.None);

        Assert.True(third.Ok, third.Failure?.ToString());
        var statuses = h.Fake.Statuses.TakeLast(3).ToList();
        Assert.Null(statuses[0]["in_reply_to_id"]);
        Assert.Equal(first.RemoteId, statuses[1]["in_reply_to_id"]!.GetValue<string>());
        Assert.Equal(second.RemoteId, statuses[2]["in_reply_to_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Publishing_again_with_the_same_idempotency_key_yields_the_same_status()
    {
        await using var h = await MastodonHarness.StartAsync();
        var context = await h.ContextAsync();
        var part = MastodonHarness.Part("Only once", key: "delivery-42-part-0");

        var first = await h.Connector.PublishAsync(context, part, null, CancellationToken.None);
        var again = await h.Connector.PublishAsync(context, part, null, CancellationToken.None);

        Assert.Equal(first.Value!.RemoteId, again.Value!.RemoteId);
        Assert.Single(h.Fake.Statuses, s => s["content"]!.GetValue<string>() == "<p>Only once</p>");
        Assert.All(h.Fake.RequestsTo("POST", "/api/v1/statuses"), r => Assert.Equal("delivery-42-part-0", r.Header("Idempotency-Key")));
    }

    [Fact]
    public async Task A_status_over_the_instance_limit_fails_with_the_instance_message()
    {
        await using var h = await MastodonHarness.StartAsync();
        var context = await h.ContextAsync();

        var result = await h.Connector.PublishAsync(context, MastodonHarness.Part(new string('a', 501)), null, CancellationToken.None);

        Assert.Equal(FailureKind.InvalidContent, result.Failure!.Kind);
        Assert.Equal("Validation failed: Text character limit of 500 exceeded", result.Failure.Message);
        Assert.Equal(422, result.Failure.StatusCode);
    }

    [Fact]
    public async Task Rate_limiting_fails_as_rate_limited_until_the_reset_time()
    {
        await using var h = await MastodonHarness.StartAsync();
        var context = await h.ContextAsync();
        h.Fake.FailNext("POST", "/api/v1/statuses", FakeMastodonFault.RateLimited(TimeProvider.System.GetUtcNow().AddMinutes(10)));

        var result = await h.Connector.PublishAsync(context, MastodonHarness.Part("Too soon"), null, CancellationToken.None);

        Assert.Equal(FailureKind.RateLimited, result.Failure!.Kind);
        Assert.Equal("Too many requests", result.Failure.Message);
        Assert.InRange(result.Failure.RetryAfter!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.Single(h.Fake.RequestsTo("POST", "/api/v1/statuses"));
    }

    [Fact]
    public async Task A_server_error_is_transient_and_the_post_is_not_retried_by_the_http_client()
    {
        await using var h = await MastodonHarness.StartAsync();
        var context = await h.ContextAsync();
        h.Fake.FailNext("POST", "/api/v1/statuses", FakeMastodonFault.Unavailable, times: 3);

        var result = await h.Connector.PublishAsync(context, MastodonHarness.Part("Down"), null, CancellationToken.None);

        Assert.Equal(FailureKind.Transient, result.Failure!.Kind);
        Assert.Equal("Service Unavailable", result.Failure.Message);
        Assert.Single(h.Fake.RequestsTo("POST", "/api/v1/statuses"));
    }

    [Fact]
    public async Task A_time_out_after_sending_is_an_unknown_outcome()
    {
        // Long enough for connecting to succeed on a loaded machine; the hanging POST never answers anyway.
        await using var h = await MastodonHarness.StartAsync(o => o.RequestTimeout = TimeSpan.FromSeconds(3));
        var context = await h.ContextAsync();
        h.Fake.FailNext("POST", "/api/v1/statuses", FakeMastodonFault.Hangs);

        var result = await h.Connector.PublishAsync(context, MastodonHarness.Part("Into the void"), null, CancellationToken.None);

        Assert.Equal(FailureKind.UnknownOutcome, result.Failure!.Kind);
        Assert.Single(h.Fake.RequestsTo("POST", "/api/v1/statuses"));
    }

    [Fact]
    public async Task A_revoked_token_fails_publishing_as_auth_expired()
    {
        await using var h = await MastodonHarness.StartAsync();
        var context = await h.ContextAsync();
        context.CredentialsJson = context.CredentialsJson.Replace(h.Fake.AccessToken, "revoked", StringComparison.Ordinal);

        var result = await h.Connector.PublishAsync(context, MastodonHarness.Part("Hello"), null, CancellationToken.None);

        Assert.Equal(FailureKind.AuthExpired, result.Failure!.Kind);
        Assert.Equal("The access token is invalid", result.Failure.Message);
    }
}
