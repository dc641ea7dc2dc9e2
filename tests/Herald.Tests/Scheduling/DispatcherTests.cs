using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Networks;
using Herald.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Scheduling;

/// <summary>The dispatcher's promises: on time, once, and honest about failures. Against a scripted network and a fake clock.</summary>
public sealed class DispatcherTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = TestClock.At("2026-11-24T08:00:00Z");
    private readonly ScriptedNetwork _network = new();
    private HeraldInstance _herald = null!;
    private string _account = null!;

    public async Task InitializeAsync()
    {
        _herald = await HeraldInstance.StartAsync(_time, s => s.AddSingleton<INetworkConnector>(_network));
        _account = (string)(await _herald.ConnectAsync(new { network = "scripted", name = "brand" }))["id"]!;
    }

    public async Task DisposeAsync() => await _herald.DisposeAsync();

    private static JsonObject Delivery(JsonObject post) => post["deliveries"]![0]!.AsObject();

    private static string Status(JsonObject post) => (string)Delivery(post)["status"]!;

    [Fact]
    public async Task A_scheduled_post_is_published_when_its_time_comes_and_not_before()
    {
        var post = await _herald.CreatePostAsync(new { text = "Launch day", accountIds = new[] { _account }, scheduledAt = "2026-11-24T09:30:00", timeZone = "Europe/Paris" });
        var id = (string)post["id"]!;
        Assert.Equal("scheduled", Status(post));
        Assert.Equal("2026-11-24T08:30:00+00:00", Delivery(post)["dueAt"]!.GetValue<DateTimeOffset>().ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));

        _time.Advance(TimeSpan.FromMinutes(29));
        await Task.Delay(300);
        Assert.Equal("scheduled", Status(await _herald.GetPostAsync(id)));
        Assert.Empty(_network.Calls);

        _time.Advance(TimeSpan.FromMinutes(1));
        var published = await _herald.WaitForStatusAsync(id, "published");
        Assert.Equal("https://scripted.example/posts/1", (string)Delivery(published)["url"]!);
        Assert.Single(_network.Calls);
        var attempts = Delivery(published)["attempts"]!.AsArray();
        Assert.Single(attempts);
        Assert.Equal("published", (string)attempts[0]!["outcome"]!);
    }

    [Fact]
    public async Task A_lost_response_is_reconciled_with_the_network_and_never_sent_twice()
    {
        _network.LoseResponse();
        var post = await _herald.CreatePostAsync(new { text = "Hello", accountIds = new[] { _account }, publishNow = true });
        var id = (string)post["id"]!;
        await _herald.WaitForStatusAsync(id, "unknown");

        _time.Advance(TimeSpan.FromMinutes(1));
        var published = await _herald.WaitForStatusAsync(id, "published");
        Assert.Single(_network.Calls);
        Assert.All(_network.CreatedCount.Values, c => Assert.Equal(1, c));
        Assert.True(_network.LookupCount >= 1);
        var outcomes = Delivery(published)["attempts"]!.AsArray().Select(a => (string)a!["outcome"]!).ToList();
        Assert.Equal(["unknown", "reconciled"], outcomes);
    }

    [Fact]
    public async Task A_429_waits_as_long_as_the_network_asks_then_publishes()
    {
        _network.Fail(FailureKind.RateLimited, "Rate Limit Exceeded", TimeSpan.FromSeconds(120));
        var id = (string)(await _herald.CreatePostAsync(new { text = "Hello", accountIds = new[] { _account }, publishNow = true }))["id"]!;
        var retrying = await _herald.WaitForStatusAsync(id, "retrying");
        Assert.Equal("rate_limited", (string)Delivery(retrying)["errorCategory"]!);

        _time.Advance(TimeSpan.FromSeconds(100));
        await Task.Delay(300);
        Assert.Equal("retrying", Status(await _herald.GetPostAsync(id)));

        _time.Advance(TimeSpan.FromSeconds(21));
        await _herald.WaitForStatusAsync(id, "published");
        Assert.Equal(2, _network.Calls.Count);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_then_given_up_with_the_network_message()
    {
        for (var i = 0; i < 6; i++)
        {
            _network.Fail(FailureKind.Transient, "503 Service Unavailable");
        }
        var id = (string)(await _herald.CreatePostAsync(new { text = "Hello", accountIds = new[] { _account }, publishNow = true }))["id"]!;
        for (var i = 0; i < 5; i++)
        {
            var expected = i + 1;
            await _herald.WaitForPostAsync(id, p =>
            {
                var attempts = Delivery(p)["attempts"]!.AsArray();
                return attempts.Count == expected && (string)attempts[^1]!["outcome"]! == "transient" && Status(p) == "retrying";
            });
            _time.Advance(TimeSpan.FromMinutes(20));
        }
        var failed = await _herald.WaitForStatusAsync(id, "failed");
        Assert.Equal(6, _network.Calls.Count);
        Assert.Contains("Gave up after 6 attempts", (string)Delivery(failed)["error"]!);
        Assert.Contains("503 Service Unavailable", (string)Delivery(failed)["error"]!);
    }

    [Fact]
    public async Task Invalid_content_fails_at_once_with_the_network_message()
    {
        _network.Fail(FailureKind.InvalidContent, "Text character limit of 500 exceeded");
        var id = (string)(await _herald.CreatePostAsync(new { text = "Hello", accountIds = new[] { _account }, publishNow = true }))["id"]!;
        var failed = await _herald.WaitForStatusAsync(id, "failed");
        Assert.Equal("Text character limit of 500 exceeded", (string)Delivery(failed)["error"]!);
        Assert.Single(_network.Calls);
    }

    [Fact]
    public async Task An_auth_failure_holds_the_account_and_its_posts_until_it_is_reconnected()
    {
        _network.Fail(FailureKind.AuthExpired, "Token has expired");
        var first = (string)(await _herald.CreatePostAsync(new { text = "One", accountIds = new[] { _account }, publishNow = true }))["id"]!;
        await _herald.WaitForStatusAsync(first, "held");
        var later = (string)(await _herald.CreatePostAsync(new { text = "Two", accountIds = new[] { _account }, scheduledAt = "2026-11-24T10:00:00", timeZone = "UTC" }))["id"]!;
        Assert.Equal("held", Status(await _herald.GetPostAsync(later)));

        var account = await _herald.Client.GetFromJsonAsync<JsonObject>($"/api/v1/accounts/{_account}");
        Assert.Equal("needs_reconnect", (string)account!["status"]!);
        Assert.Equal("Token has expired", (string)account["lastError"]!);

        var reconnect = await _herald.PostAsync($"/api/v1/accounts/{_account}/reconnect", new { network = "scripted", name = "brand" });
        await HeraldInstance.EnsureAsync(reconnect, 200);
        await _herald.WaitForStatusAsync(first, "published");
        _time.Advance(TimeSpan.FromHours(2));
        await _herald.WaitForStatusAsync(later, "published");
    }

    [Fact]
    public async Task A_thread_interrupted_after_its_first_part_resumes_without_resending_it()
    {
        var text = string.Join(' ', Enumerable.Repeat("Herald publishes long texts as numbered threads.", 6));
        // Part 1 goes out, part 2 hits a server error.
        _network.BeforePublish = (part, _) =>
        {
            if (part.Index == 1 && _network.Calls.Count(c => c.Key == part.IdempotencyKey) == 1)
            {
                _network.Fail(FailureKind.Transient, "502 Bad Gateway");
            }
            return Task.CompletedTask;
        };
        var post = await _herald.CreatePostAsync(new { text, accountIds = new[] { _account }, publishNow = true, thread = true });
        var id = (string)post["id"]!;
        var parts = Delivery(post)["parts"]!.AsArray();
        Assert.True(parts.Count >= 3);
        Assert.EndsWith($" 1/{parts.Count}", (string)parts[0]!["text"]!);
        await _herald.WaitForStatusAsync(id, "retrying");
        _time.Advance(TimeSpan.FromMinutes(1));
        var published = await _herald.WaitForStatusAsync(id, "published");
        Assert.All(_network.CreatedCount.Values, c => Assert.Equal(1, c));
        Assert.Equal(parts.Count, _network.CreatedCount.Count);
        var remoteParts = Delivery(published)["parts"]!.AsArray();
        Assert.All(remoteParts, p => Assert.NotNull(p!["remoteId"]));
        // Each part answers the one before it.
        var calls = _network.Calls.Where(c => c.ParentId is not null).Select(c => c.ParentId).Distinct().Count();
        Assert.Equal(parts.Count - 1, calls);
    }

    [Fact]
    public async Task A_cancelled_post_is_never_published()
    {
        var id = (string)(await _herald.CreatePostAsync(new { text = "Maybe", accountIds = new[] { _account }, scheduledAt = "2026-11-24T09:00:00Z" }))["id"]!;
        var cancel = await _herald.PostAsync($"/api/v1/posts/{id}/cancel", new { });
        await HeraldInstance.EnsureAsync(cancel, 200);
        _time.Advance(TimeSpan.FromHours(2));
        await Task.Delay(300);
        Assert.Equal("cancelled", Status(await _herald.GetPostAsync(id)));
        Assert.Empty(_network.Calls);
    }

    [Fact]
    public async Task Many_due_posts_are_each_published_exactly_once()
    {
        var ids = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            ids.Add((string)(await _herald.CreatePostAsync(new { text = $"Post {i}", accountIds = new[] { _account }, scheduledAt = "2026-11-24T08:10:00Z" }))["id"]!);
        }
        _time.Advance(TimeSpan.FromMinutes(10));
        foreach (var id in ids)
        {
            await _herald.WaitForStatusAsync(id, "published");
        }
        Assert.Equal(60, _network.CreatedCount.Count);
        Assert.All(_network.CreatedCount.Values, c => Assert.Equal(1, c));
    }
}
