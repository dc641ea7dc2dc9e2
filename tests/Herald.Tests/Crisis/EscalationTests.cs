using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Data;
using Herald.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Crisis;

/// <summary>The escalation chain: step 1 at once by e-mail (a real SMTP server), the next step when nobody acknowledges in time, none after an acknowledgement.</summary>
public sealed class EscalationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = TestClock.At("2026-11-24T10:30:00Z");
    private SmtpServer _smtp = null!;
    private WebhookReceiver _receiver = null!;
    private HeraldInstance _herald = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpServer.StartAsync();
        _receiver = await WebhookReceiver.StartAsync();
        _herald = await CrisisSteps.StartAsync(_time, _smtp.Configure);
    }

    public async Task DisposeAsync()
    {
        await _herald.DisposeAsync();
        await _receiver.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task Step_two_is_told_when_step_one_does_not_acknowledge_within_its_wait_and_an_acknowledgement_stops_the_chain()
    {
        var editor = await _herald.ClientForRoleAsync(Role.Editor);
        var editorEmail = (string)(await editor.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["email"]!;
        var slack = (string)(await _herald.AddChannelAsync(new { kind = "webhook", name = "Slack #crisis", url = _receiver.Url, secret = _receiver.Secret }))["id"]!;
        var chain = await _herald.Client.PutAsJsonAsync("/api/v1/crisis/escalation", new object[]
        {
            new { email = "admin@example.test", waitMinutes = 10 },
            new { channelId = slack, waitMinutes = 15 },
            new { email = editorEmail, waitMinutes = 15 },
        });
        await HeraldInstance.EnsureAsync(chain, 200);
        await _herald.AddRuleAsync(new { kind = "negative_share", name = "Backlash", windowMinutes = 30, threshold = 50, minimumCount = 10 });

        await _herald.RecordAsync(_time.GetUtcNow().AddMinutes(-10), 20, 15, overMinutes: 9);
        await _herald.EvaluateAsync();

        // Step 1: the admin, by e-mail, at once.
        var first = await _smtp.WaitForMessageAsync(m => SmtpServer.Recipients(m).Contains("admin@example.test"));
        Assert.Equal("Crisis alert: Backlash", first.Subject);
        Assert.Contains("75% of the 20 items in the last 30 minutes are negative", first.TextBody, StringComparison.Ordinal);
        var alertId = (string)(await _herald.WaitForAlertsAsync(1))[0]!["id"]!;
        Assert.Contains($"/crisis/alerts/{alertId}", first.TextBody, StringComparison.Ordinal);

        // Nine minutes later nobody has acknowledged, but the wait is ten: nothing more.
        _time.Advance(TimeSpan.FromMinutes(9));
        await Task.Delay(500);
        Assert.Empty(_receiver.Received);

        // Ten minutes: step 2, the Slack channel.
        _time.Advance(TimeSpan.FromMinutes(1));
        var calls = await _receiver.WaitForAsync(1);
        Assert.True(calls[0].SignatureValid);
        Assert.Contains("step 2 of 3", (string)calls[0].Json["text"]!, StringComparison.Ordinal);

        // The editor acknowledges: step 3 (the editor's own e-mail) never comes.
        var ack = await editor.PostAsync($"/api/v1/crisis/alerts/{alertId}/acknowledge", null);
        await HeraldInstance.EnsureAsync(ack, 200);
        _time.Advance(TimeSpan.FromMinutes(30));
        await Task.Delay(500);
        Assert.Empty(_smtp.MessagesTo(editorEmail));
        Assert.Single(_receiver.Received);

        var detail = (await _herald.Client.GetFromJsonAsync<JsonObject>($"/api/v1/crisis/alerts/{alertId}"))!;
        Assert.Equal("acknowledged", (string)detail["alert"]!["status"]!);
        Assert.Equal(["raised", "notified", "notified", "acknowledged"], detail["events"]!.AsArray().Select(e => (string)e!["what"]!));
    }

    [Fact]
    public async Task A_viewer_cannot_acknowledge_and_a_chain_must_name_members_or_channels()
    {
        var viewer = await _herald.ClientForRoleAsync(Role.Viewer);
        await _herald.AddRuleAsync(new { kind = "negative_share", minimumCount = 1, threshold = 10 });
        await _herald.RecordAsync(_time.GetUtcNow(), 2, 2);
        await _herald.EvaluateAsync();
        var alertId = (string)(await _herald.WaitForAlertsAsync(1))[0]!["id"]!;
        Assert.Equal(403, (int)(await viewer.PostAsync($"/api/v1/crisis/alerts/{alertId}/acknowledge", null)).StatusCode);
        var bad = await _herald.Client.PutAsJsonAsync("/api/v1/crisis/escalation", new object[] { new { email = "stranger@example.test" } });
        Assert.Equal(422, (int)bad.StatusCode);
    }
}
