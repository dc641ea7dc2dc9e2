using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Data;
using Herald.Notifications;
using Herald.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Notifications;

/// <summary>Notification channels: e-mail through a real SMTP server, signed webhooks retried with backoff from the outbox.</summary>
public sealed class NotificationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = TestClock.At("2026-11-24T08:00:00Z");
    private SmtpServer _smtp = null!;
    private WebhookReceiver _receiver = null!;
    private HeraldInstance _herald = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpServer.StartAsync();
        _receiver = await WebhookReceiver.StartAsync();
        _herald = await HeraldInstance.StartAsync(_time, s =>
        {
            _smtp.Configure(s);
            s.Configure<NotificationOptions>(o =>
            {
                o.IdleCheck = TimeSpan.FromMilliseconds(100);
                o.MaxAttempts = 4;
                o.PublicUrl = "https://herald.example.test";
            });
        });
    }

    public async Task DisposeAsync()
    {
        await _herald.DisposeAsync();
        await _receiver.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private async Task<JsonObject> AddChannelAsync(object body)
    {
        var response = await _herald.PostAsync("/api/v1/notifications/channels", body);
        await HeraldInstance.EnsureAsync(response, 201);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<JsonObject> OutboxAsync(string channelId) =>
        (await _herald.Client.GetFromJsonAsync<JsonArray>("/api/v1/notifications/outbox"))!
            .Select(m => m!.AsObject()).First(m => (string?)m["channelId"] == channelId);

    private async Task<JsonObject> WaitForOutboxAsync(string channelId, string status, int? attempts = null)
    {
        var deadline = Environment.TickCount64 + 20_000;
        while (true)
        {
            var message = await OutboxAsync(channelId);
            if ((string)message["status"]! == status && (attempts is null || (int)message["attempts"]! == attempts))
            {
                return message;
            }
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"Outbox message never became {status}: {message.ToJsonString()}");
            }
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_test_send_to_an_email_channel_reaches_the_smtp_server_for_addresses_and_members()
    {
        var me = (await _herald.Client.GetFromJsonAsync<JsonObject>("/api/v1/me"))!;
        var channel = await AddChannelAsync(new { kind = "email", name = "On call", recipients = new[] { "ops@example.test", "member:" + (string)me["id"]! } });
        Assert.Equal("email", (string)channel["kind"]!);

        var test = await _herald.PostAsync($"/api/v1/notifications/channels/{channel["id"]}/test", new { });
        await HeraldInstance.EnsureAsync(test, 202);

        var mail = await _smtp.WaitForMessageAsync(m => SmtpServer.Recipients(m).Contains("ops@example.test"));
        Assert.Equal("Herald test notification", mail.Subject);
        Assert.Contains("admin@example.test", SmtpServer.Recipients(mail));
        Assert.Contains("On call", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://herald.example.test/notifications", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("herald@example.test", mail.From.Mailboxes.Single().Address);
        var sent = await WaitForOutboxAsync((string)channel["id"]!, "sent");
        Assert.Equal(1, (int)sent["attempts"]!);
    }

    [Fact]
    public async Task A_webhook_is_signed_and_retried_with_exponential_backoff_on_5xx_and_429_until_it_succeeds()
    {
        var channel = await AddChannelAsync(new { kind = "webhook", name = "Slack #crisis", url = _receiver.Url, secret = _receiver.Secret });
        Assert.True((bool)channel["hasSecret"]!);
        Assert.DoesNotContain("hooks", channel.ToJsonString(), StringComparison.Ordinal);
        var channelId = (string)channel["id"]!;
        _receiver.AnswerNext(500, 429);

        var notifier = _herald.Services.GetRequiredService<INotifier>();
        await notifier.NotifyAsync(new Notification(_herald.WorkspaceId, "crisis.alert", "Negative spike", "62% negative <in> the last hour", "/crisis"), default);

        await _receiver.WaitForAsync(1);
        var pending = await WaitForOutboxAsync(channelId, "pending", attempts: 1);
        Assert.Equal(1, (int)pending["attempts"]!);
        Assert.StartsWith("500", (string)pending["lastError"]!, StringComparison.Ordinal);
        var wait = pending["nextAttemptAt"]!.GetValue<DateTimeOffset>() - _time.GetUtcNow();
        Assert.InRange(wait, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));

        // Not before its time: no second call until the backoff has passed on the injected clock.
        await Task.Delay(300);
        Assert.Single(_receiver.Received);
        _time.Advance(TimeSpan.FromSeconds(31));
        await _receiver.WaitForAsync(2);
        var second = await WaitForOutboxAsync(channelId, "pending", attempts: 2);
        Assert.Equal(2, (int)second["attempts"]!);
        var wait2 = second["nextAttemptAt"]!.GetValue<DateTimeOffset>() - _time.GetUtcNow();
        Assert.InRange(wait2, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

        _time.Advance(TimeSpan.FromSeconds(61));
        var calls = await _receiver.WaitForAsync(3);
        await WaitForOutboxAsync(channelId, "sent");
        Assert.Equal([500, 429, 200], calls.Select(c => c.AnsweredWith));
        Assert.All(calls, c => Assert.True(c.SignatureValid, "signature"));
        Assert.All(calls, c => Assert.Equal(calls[0].DeliveryId, c.DeliveryId));
        var json = calls[2].Json;
        Assert.Contains("Negative spike", (string)json["text"]!, StringComparison.Ordinal);
        Assert.Contains("&lt;in&gt;", (string)json["text"]!, StringComparison.Ordinal);
        Assert.Equal("crisis.alert", (string)json["herald"]!["kind"]!);
        Assert.Equal("https://herald.example.test/crisis", (string)json["herald"]!["link"]!);
        Assert.Equal("header", (string)json["blocks"]![0]!["type"]!);
    }

    [Fact]
    public async Task A_webhook_that_keeps_failing_is_marked_failed_after_the_last_attempt_and_a_4xx_fails_at_once()
    {
        var failing = (string)(await AddChannelAsync(new { kind = "webhook", url = _receiver.Url }))["id"]!;
        _receiver.AnswerNext(503, 503, 503, 503);
        await _herald.Services.GetRequiredService<NotificationQueue>().EnqueueAsync(
            new Notification(_herald.WorkspaceId, "x", "T", "B"), [failing], [], default);
        for (var i = 1; i <= 3; i++)
        {
            await WaitForOutboxAsync(failing, "pending", attempts: i);
            _time.Advance(TimeSpan.FromHours(1));
        }
        var failed = await WaitForOutboxAsync(failing, "failed");
        Assert.Equal(4, (int)failed["attempts"]!);
        Assert.Equal(4, _receiver.Received.Count);

        _receiver.AnswerNext(404);
        var gone = (string)(await AddChannelAsync(new { kind = "webhook", url = _receiver.Url }))["id"]!;
        await _herald.PostAsync($"/api/v1/notifications/channels/{gone}/test", new { });
        var refused = await WaitForOutboxAsync(gone, "failed");
        Assert.Equal(1, (int)refused["attempts"]!);
    }

    [Fact]
    public async Task Only_admins_manage_channels_and_secrets_are_encrypted_at_rest()
    {
        var editor = await _herald.ClientForRoleAsync(Role.Editor);
        var denied = await editor.PostAsJsonAsync("/api/v1/notifications/channels", new { kind = "email", recipients = new[] { "a@example.test" } });
        Assert.Equal(403, (int)denied.StatusCode);
        var invalid = await _herald.PostAsync("/api/v1/notifications/channels", new { kind = "email", recipients = new[] { "not an address" } });
        Assert.Equal(422, (int)invalid.StatusCode);

        var created = await AddChannelAsync(new { kind = "webhook", url = _receiver.Url });
        var secret = (string)created["secret"]!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        var listed = (await _herald.Client.GetFromJsonAsync<JsonArray>("/api/v1/notifications/channels"))!;
        Assert.DoesNotContain(secret, listed.ToJsonString(), StringComparison.Ordinal);
        await using var scope = _herald.Services.CreateAsyncScope();
        var row = scope.ServiceProvider.GetRequiredService<HeraldDb>().Set<NotificationChannel>().Single(c => c.Id == (string)created["id"]!);
        Assert.DoesNotContain(secret, row.ProtectedSecret!, StringComparison.Ordinal);
        Assert.DoesNotContain("/hooks/herald", row.ProtectedUrl!, StringComparison.Ordinal);

        var removed = await _herald.Client.DeleteAsync($"/api/v1/notifications/channels/{created["id"]}");
        Assert.Equal(204, (int)removed.StatusCode);
    }

    [Fact]
    public async Task A_message_left_sending_by_a_process_that_died_is_sent_once_its_lease_expires()
    {
        var channel = (string)(await AddChannelAsync(new { kind = "webhook", url = _receiver.Url, secret = _receiver.Secret }))["id"]!;
        var now = _time.GetUtcNow();
        // As a crash leaves it: claimed (attempt 1 counted), lease running, never completed.
        await using (var scope = _herald.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
            db.Set<OutboxMessage>().Add(new OutboxMessage
            {
                WorkspaceId = _herald.WorkspaceId, ChannelId = channel, Kind = "crisis.alert", Title = "Left behind", Body = "B",
                Status = OutboxStatus.Sending, Attempts = 1, NextAttemptAt = now.AddMinutes(2), LeaseUntil = now.AddMinutes(2), CreatedAt = now,
            });
            await db.SaveChangesAsync();
        }
        await Task.Delay(300);
        Assert.Empty(_receiver.Received);
        _time.Advance(TimeSpan.FromMinutes(2));
        var calls = await _receiver.WaitForAsync(1);
        Assert.True(calls[0].SignatureValid);
        var sent = await WaitForOutboxAsync(channel, "sent");
        Assert.Equal(2, (int)sent["attempts"]!);
    }
}
