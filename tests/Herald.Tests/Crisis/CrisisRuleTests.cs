using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Crisis;

/// <summary>Rules over rolling windows: negative share and volume against the same hour of the week; one alert per episode.</summary>
public sealed class CrisisRuleTests : IAsyncLifetime
{
    // A Tuesday.
    private readonly FakeTimeProvider _time = TestClock.At("2026-11-24T10:30:00Z");
    private WebhookReceiver _receiver = null!;
    private HeraldInstance _herald = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _herald = await CrisisSteps.StartAsync(_time);
    }

    public async Task DisposeAsync()
    {
        await _herald.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_negative_share_rule_fires_once_per_episode_with_its_figures_and_tells_every_channel_without_a_chain()
    {
        await _herald.AddChannelAsync(new { kind = "webhook", name = "Slack", url = _receiver.Url, secret = _receiver.Secret });
        await _herald.AddRuleAsync(new { kind = "negative_share", name = "Angry customers", windowMinutes = 60, threshold = 40, minimumCount = 20 });
        var now = _time.GetUtcNow();

        // 15 items, 10 negative: a high share, but too few to mean anything.
        await _herald.RecordAsync(now.AddMinutes(-20), 15, 10, overMinutes: 10);
        Assert.Empty(await _herald.EvaluateAsync());
        // 25 items, 12 negative (48%): it fires.
        await _herald.RecordAsync(now.AddMinutes(-5), 10, 2, overMinutes: 4);
        await _herald.EvaluateAsync();
        var alerts = await _herald.WaitForAlertsAsync(1);
        var alert = alerts[0]!.AsObject();
        Assert.Equal("open", (string)alert["status"]!);
        Assert.Equal(25, (int)alert["count"]!);
        Assert.Equal(12, (int)alert["negative"]!);
        Assert.Contains("48% of the 25 items in the last 60 minutes are negative", (string)alert["summary"]!, StringComparison.Ordinal);

        // More of the same within the episode: no second alert.
        await _herald.RecordAsync(now.AddMinutes(-1), 30, 30);
        Assert.Empty(await _herald.EvaluateAsync());
        Assert.Single(await _herald.AlertsAsync());

        var calls = await _receiver.WaitForAsync(1);
        Assert.True(calls[0].SignatureValid);
        Assert.Contains("Crisis alert: Angry customers", (string)calls[0].Json["text"]!, StringComparison.Ordinal);
        Assert.Contains("48%", (string)calls[0].Json["text"]!, StringComparison.Ordinal);

        // The window empties (the episode ends); a new burst while the alert is still open is the same crisis.
        _time.Advance(TimeSpan.FromHours(2));
        Assert.Empty(await _herald.EvaluateAsync());
        await _herald.RecordAsync(_time.GetUtcNow().AddMinutes(-3), 30, 20, overMinutes: 2);
        Assert.Empty(await _herald.EvaluateAsync());

        // Once resolved, the next episode raises a new alert.
        var resolved = await _herald.PostAsync($"/api/v1/crisis/alerts/{alert["id"]}/resolve", new { });
        await HeraldInstance.EnsureAsync(resolved, 200);
        _time.Advance(TimeSpan.FromHours(2));
        await _herald.EvaluateAsync();
        await _herald.RecordAsync(_time.GetUtcNow().AddMinutes(-3), 30, 20, overMinutes: 2);
        await _herald.EvaluateAsync();
        var after = await _herald.WaitForAlertsAsync(2);
        Assert.Equal(["open", "resolved"], after.Select(a => (string)a!["status"]!));
    }

    [Fact]
    public async Task A_volume_rule_compares_the_window_with_the_same_hour_of_the_week_over_previous_weeks()
    {
        await _herald.AddRuleAsync(new { kind = "volume", name = "Spike", windowMinutes = 30, threshold = 3, minimumCount = 10, baselineWeeks = 4 });
        var now = _time.GetUtcNow();
        // Four previous Tuesdays: 20 items between 10:00 and 11:00, 200 between 14:00 and 15:00.
        for (var week = 1; week <= 4; week++)
        {
            var tuesday = now.AddDays(-7 * week);
            await _herald.RecordAsync(tuesday.AddMinutes(-30), 20, 0, overMinutes: 55);
            await _herald.RecordAsync(tuesday.AddHours(3).AddMinutes(30), 200, 0, overMinutes: 55);
        }
        // 10:30: 35 items in 30 minutes against a usual 10 (20 an hour): 3.5×, it fires.
        await _herald.RecordAsync(now.AddMinutes(-25), 35, 0, overMinutes: 24);
        await _herald.EvaluateAsync();
        var alert = (await _herald.WaitForAlertsAsync(1))[0]!.AsObject();
        Assert.Equal("volume", (string)alert["kind"]!);
        Assert.Equal(35, (int)alert["count"]!);
        Assert.Equal(10, (double)alert["baseline"]!, 3);
        Assert.Contains("3.5× the usual 10 (the same hour over the previous 4 week(s)", (string)alert["summary"]!, StringComparison.Ordinal);
        await _herald.PostAsync($"/api/v1/crisis/alerts/{alert["id"]}/resolve", new { });

        // 14:30 the same day: the same 35 items are a quiet afternoon (usual 100).
        _time.Advance(TimeSpan.FromHours(4));
        await _herald.EvaluateAsync();
        await _herald.RecordAsync(_time.GetUtcNow().AddMinutes(-25), 35, 0, overMinutes: 24);
        Assert.Empty(await _herald.EvaluateAsync());
        var rules = (await _herald.Client.GetFromJsonAsync<JsonArray>("/api/v1/crisis/rules"))!;
        Assert.False((bool)rules[0]!["firing"]!);
    }

    [Fact]
    public async Task A_volume_rule_on_a_new_workspace_uses_its_minimum_as_the_usual_level()
    {
        await _herald.AddRuleAsync(new { kind = "volume", windowMinutes = 60 });
        var now = _time.GetUtcNow();
        // Defaults: 3× over 60 minutes, minimum 30; with no history the usual level is 30, so 60 items are not a spike…
        await _herald.RecordAsync(now.AddMinutes(-50), 60, 0, overMinutes: 45);
        Assert.Empty(await _herald.EvaluateAsync());
        // …and 90 are.
        await _herald.RecordAsync(now.AddMinutes(-4), 30, 0, overMinutes: 3);
        await _herald.EvaluateAsync();
        await _herald.WaitForAlertsAsync(1);
    }

    [Fact]
    public async Task Only_admins_edit_rules_and_invalid_rules_are_refused()
    {
        var editor = await _herald.ClientForRoleAsync(Herald.Data.Role.Editor);
        Assert.Equal(403, (int)(await editor.PostAsJsonAsync("/api/v1/crisis/rules", new { kind = "volume" })).StatusCode);
        Assert.Equal(200, (int)(await editor.GetAsync("/api/v1/crisis/rules")).StatusCode);
        Assert.Equal(422, (int)(await _herald.PostAsync("/api/v1/crisis/rules", new { kind = "negative_share", threshold = 140 })).StatusCode);
        Assert.Equal(422, (int)(await _herald.PostAsync("/api/v1/crisis/rules", new { kind = "sunspots" })).StatusCode);
        var rule = await _herald.AddRuleAsync(new { kind = "negative_share" });
        Assert.Equal(40, (double)rule["threshold"]!);
        Assert.Equal(20, (int)rule["minimumCount"]!);
        var updated = await _herald.Client.PutAsJsonAsync($"/api/v1/crisis/rules/{rule["id"]}", new { threshold = 55, enabled = false });
        await HeraldInstance.EnsureAsync(updated, 200);
        Assert.Equal(204, (int)(await _herald.Client.DeleteAsync($"/api/v1/crisis/rules/{rule["id"]}")).StatusCode);
    }
}
