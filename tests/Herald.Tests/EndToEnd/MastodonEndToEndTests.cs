using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.EndToEnd;

/// <summary>
/// Herald's API, dispatcher and Mastodon connector together, against a fake Mastodon on 127.0.0.1 answering with the
/// Mastodon documentation's own examples (no real Mastodon server can run here).
/// </summary>
public sealed class MastodonEndToEndTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = TestClock.At("2026-11-24T08:00:00Z");
    private FakeMastodon _mastodon = null!;
    private HeraldInstance _herald = null!;
    private string _account = null!;

    public async Task InitializeAsync()
    {
        _mastodon = await FakeMastodon.StartAsync();
        _herald = await HeraldInstance.StartAsync(_time);
        var account = await _herald.ConnectAsync(new { network = "mastodon", instance = _mastodon.BaseUrl, accessToken = _mastodon.AccessToken });
        _account = (string)account["id"]!;
        Assert.Equal(500, (int)account["rules"]!["maxGraphemes"]!);
        Assert.Equal(23, (int)account["rules"]!["urlWeight"]!);
    }

    public async Task DisposeAsync()
    {
        await _herald.DisposeAsync();
        await _mastodon.DisposeAsync();
    }

    [Fact]
    public async Task A_post_is_published_once_with_an_idempotency_key()
    {
        var post = await _herald.CreatePostAsync(new { text = "Hello fediverse", accountIds = new[] { _account }, publishNow = true });
        var published = await _herald.WaitForStatusAsync((string)post["id"]!, "published");
        Assert.NotNull((string?)published["deliveries"]![0]!["url"]);
        var requests = _mastodon.RequestsTo("POST", "/api/v1/statuses");
        Assert.Single(requests);
        Assert.StartsWith("herald-", requests[0].Header("Idempotency-Key"));
    }

    [Fact]
    public async Task A_long_url_counts_23_characters()
    {
        var text = new string('x', 470) + " https://example.com/" + new string('p', 200);
        var post = await _herald.CreatePostAsync(new { text, accountIds = new[] { _account }, publishNow = true });
        await _herald.WaitForStatusAsync((string)post["id"]!, "published");
    }

    [Fact]
    public async Task The_instance_refusing_the_content_fails_the_delivery_with_its_message()
    {
        _mastodon.FailNext("POST", "/api/v1/statuses", FakeMastodonFault.Answer(422, "Validation failed: Text character limit of 500 exceeded"));
        var post = await _herald.CreatePostAsync(new { text = "Refused", accountIds = new[] { _account }, publishNow = true });
        var failed = await _herald.WaitForStatusAsync((string)post["id"]!, "failed");
        Assert.Equal("Validation failed: Text character limit of 500 exceeded", (string)failed["deliveries"]![0]!["error"]!);
    }

    [Fact]
    public async Task A_503_is_retried_after_a_backoff_and_then_published()
    {
        _mastodon.FailNext("POST", "/api/v1/statuses", FakeMastodonFault.Unavailable);
        var post = await _herald.CreatePostAsync(new { text = "Retry me", accountIds = new[] { _account }, publishNow = true });
        var id = (string)post["id"]!;
        await _herald.WaitForStatusAsync(id, "retrying");
        _time.Advance(TimeSpan.FromSeconds(10));
        await _herald.WaitForStatusAsync(id, "published");
        Assert.Single(_mastodon.Statuses, s => ((string?)s["content"] ?? "").Contains("Retry me", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_429_holds_the_account_until_the_reset_time()
    {
        _mastodon.FailNext("POST", "/api/v1/statuses", FakeMastodonFault.RateLimited(_time.GetUtcNow().AddMinutes(5)));
        var post = await _herald.CreatePostAsync(new { text = "Later", accountIds = new[] { _account }, publishNow = true });
        var id = (string)post["id"]!;
        var retrying = await _herald.WaitForStatusAsync(id, "retrying");
        var due = retrying["deliveries"]![0]!["dueAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(due, _time.GetUtcNow().AddMinutes(4), _time.GetUtcNow().AddMinutes(6));
        var account = await _herald.Client.GetFromJsonAsync<JsonObject>($"/api/v1/accounts/{_account}");
        Assert.NotNull(account!["rateLimitedUntil"]);
        _time.Advance(TimeSpan.FromMinutes(6));
        await _herald.WaitForStatusAsync(id, "published");
    }
}
