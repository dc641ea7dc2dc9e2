using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Data;
using Herald.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Crisis;

/// <summary>Crisis mode: every scheduled post held in one action, none published while held, resumed in another; both logged.</summary>
public sealed class CrisisModeTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = TestClock.At("2026-11-24T08:00:00Z");
    private HeraldInstance _herald = null!;
    private string _account = null!;

    public async Task InitializeAsync()
    {
        _herald = await CrisisSteps.StartAsync(_time);
        _account = await _herald.ConnectSandboxAsync();
    }

    public async Task DisposeAsync() => await _herald.DisposeAsync();

    private async Task<string> ScheduleAsync(string text, string localTime) =>
        (string)(await _herald.CreatePostAsync(new { text, accountIds = new[] { _account }, scheduledAt = localTime, timeZone = "UTC" }))["id"]!;

    /// <summary>Runs <paramref name="act"/> on a CrisisMode of its own scope, as a request of its own would.</summary>
    private async Task<T> WithModeAsync<T>(Func<Herald.Crisis.CrisisMode, Task<T>> act)
    {
        await using var scope = _herald.Services.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<Herald.Crisis.CrisisMode>());
    }

    private static JsonObject Delivery(JsonObject post) => post["deliveries"]![0]!.AsObject();

    private async Task<int> SandboxPostsAsync()
    {
        await using var scope = _herald.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HeraldDb>().SandboxPosts.CountAsync();
    }

    [Fact]
    public async Task Crisis_mode_holds_every_scheduled_post_publishes_none_and_resumes_them_with_an_audit_record()
    {
        var soon = await ScheduleAsync("Black Friday teaser", "2026-11-24T08:30:00");
        var later = await ScheduleAsync("Black Friday launch", "2026-11-24T10:00:00");

        var on = await _herald.PostAsync("/api/v1/crisis/mode/on", new { note = "Product recall" });
        await HeraldInstance.EnsureAsync(on, 200);
        Assert.Equal(2, (int)(await on.Content.ReadFromJsonAsync<JsonObject>())!["held"]!);
        foreach (var id in new[] { soon, later })
        {
            var d = Delivery(await _herald.GetPostAsync(id));
            Assert.Equal("held", (string)d["status"]!);
            Assert.Equal("crisis_mode", (string)d["errorCategory"]!);
        }
        Assert.True((bool)(await _herald.Client.GetFromJsonAsync<JsonObject>("/api/v1/crisis/mode"))!["active"]!);

        // The first post's time comes and goes: the dispatcher does not touch it.
        _time.Advance(TimeSpan.FromHours(1));
        await Task.Delay(700);
        Assert.Equal("held", (string)Delivery(await _herald.GetPostAsync(soon))["status"]!);
        Assert.Equal(0, await SandboxPostsAsync());

        var off = await _herald.PostAsync("/api/v1/crisis/mode/off", new { });
        await HeraldInstance.EnsureAsync(off, 200);
        var offBody = (await off.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, (int)offBody["resumed"]!);
        Assert.Equal(1, (int)offBody["keptForReview"]!);

        // The post whose time passed stays held for review; the other goes out at its time.
        var missed = Delivery(await _herald.GetPostAsync(soon));
        Assert.Equal("held", (string)missed["status"]!);
        Assert.Equal("crisis_missed", (string)missed["errorCategory"]!);
        Assert.Equal("scheduled", (string)Delivery(await _herald.GetPostAsync(later))["status"]!);
        _time.Advance(TimeSpan.FromHours(1));
        await _herald.WaitForStatusAsync(later, "published");

        // Reviewed, it can be sent with a retry.
        await HeraldInstance.EnsureAsync(await _herald.PostAsync($"/api/v1/posts/{soon}/retry", new { }), 200);
        await _herald.WaitForStatusAsync(soon, "published");
        Assert.Equal(2, await SandboxPostsAsync());

        var log = (await _herald.Client.GetFromJsonAsync<JsonArray>("/api/v1/crisis/mode/log"))!;
        Assert.Equal(["off", "on"], log.Select(l => (string)l!["action"]!));
        var me = (string)(await _herald.Client.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["id"]!;
        Assert.All(log, l => Assert.Equal(me, (string)l!["userId"]!));
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture), log[1]!["at"]!.GetValue<DateTimeOffset>());
        Assert.Equal("Product recall", (string)log[1]!["note"]!);
        Assert.Equal(2, (int)log[1]!["deliveries"]!);
    }

    [Fact]
    public async Task A_sweep_running_at_the_same_time_as_a_resume_never_leaves_a_resumed_post_held()
    {
        // The background sweep read "on" and held, just after a resume, a post the resume had scheduled again (seen once in
        // CI): the post stayed held with crisis mode off. Sweeps and resumes now run side by side, many times.
        var me = (string)(await _herald.Client.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["id"]!;
        for (var round = 0; round < 25; round++)
        {
            await WithModeAsync(m => m.PauseAsync(_herald.WorkspaceId, me, null, default));
            // Scheduled while the mode is on: not held until a sweep comes.
            var id = await ScheduleAsync($"Round {round}", "2026-11-24T12:00:00");
            var sweep = Task.Run(() => WithModeAsync(m => m.SweepAsync(default)));
            var resume = Task.Run(() => WithModeAsync(m => m.ResumeAsync(_herald.WorkspaceId, me, publishMissed: false, null, default)));
            await Task.WhenAll(sweep, resume);
            await WithModeAsync(m => m.SweepAsync(default));
            Assert.False((bool)(await _herald.Client.GetFromJsonAsync<JsonObject>("/api/v1/crisis/mode"))!["active"]!);
            Assert.Equal("scheduled", (string)Delivery(await _herald.GetPostAsync(id))["status"]!);
        }
    }

    [Fact]
    public async Task Two_people_pressing_pause_at_once_both_succeed_and_it_is_turned_on_and_logged_once()
    {
        // The first round creates the workspace's mode (no row yet), the others turn an existing one back on.
        var me = (string)(await _herald.Client.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["id"]!;
        const int rounds = 10;
        for (var round = 0; round < rounds; round++)
        {
            var id = await ScheduleAsync($"Round {round}", "2026-11-24T12:00:00");
            var pauses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => WithModeAsync(m => m.PauseAsync(_herald.WorkspaceId, me, null, default)))));
            Assert.All(pauses, p => Assert.True(p.Active));
            var turnedOn = Assert.Single(pauses, p => p.Log is not null);
            Assert.Equal(round + 1, pauses.Sum(p => p.Deliveries)); // this round's post and the earlier ones resumed: each held once
            Assert.Equal("held", (string)Delivery(await _herald.GetPostAsync(id))["status"]!);
            await WithModeAsync(m => m.ResumeAsync(_herald.WorkspaceId, me, publishMissed: false, null, default));
        }
        var log = (await _herald.Client.GetFromJsonAsync<JsonArray>("/api/v1/crisis/mode/log"))!;
        Assert.Equal(rounds, log.Count(l => (string)l!["action"]! == "on"));
        Assert.Equal(rounds, log.Count(l => (string)l!["action"]! == "off"));
    }

    [Fact]
    public async Task A_post_scheduled_while_crisis_mode_is_on_is_held_too_and_a_resume_can_publish_missed_posts_at_once()
    {
        await HeraldInstance.EnsureAsync(await _herald.PostAsync("/api/v1/crisis/mode/on", new { }), 200);
        var id = await ScheduleAsync("Written during the crisis", "2026-11-24T08:20:00");
        await _herald.WaitForPostAsync(id, p => (string)Delivery(p)["status"]! == "held");
        _time.Advance(TimeSpan.FromMinutes(30));
        await Task.Delay(500);
        Assert.Equal(0, await SandboxPostsAsync());

        var off = await _herald.PostAsync("/api/v1/crisis/mode/off", new { publishMissed = true });
        Assert.Equal(1, (int)(await off.Content.ReadFromJsonAsync<JsonObject>())!["resumed"]!);
        await _herald.WaitForStatusAsync(id, "published");
    }

    [Fact]
    public async Task During_crisis_mode_publish_now_goes_out_but_a_post_scheduled_or_retried_waits_even_before_the_sweep_holds_it()
    {
        var held = await ScheduleAsync("Held by the crisis", "2026-11-24T09:00:00");
        await HeraldInstance.EnsureAsync(await _herald.PostAsync("/api/v1/crisis/mode/on", new { }), 200);

        // What a person sends now still goes out: answering people is what a crisis needs.
        var now = (string)(await _herald.CreatePostAsync(new { text = "Our statement", accountIds = new[] { _account }, publishNow = true }))["id"]!;
        await _herald.WaitForStatusAsync(now, "published");

        // A post due at once but scheduled, and a retry, are not claimed, even before the sweep's next pass marks them held.
        var due = await ScheduleAsync("Scheduled for right now", "2026-11-24T08:00:00");
        await HeraldInstance.EnsureAsync(await _herald.PostAsync($"/api/v1/posts/{held}/retry", new { }), 200);
        _time.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(1500);
        Assert.Equal(1, await SandboxPostsAsync());
        foreach (var id in new[] { due, held })
        {
            Assert.Contains((string)Delivery(await _herald.GetPostAsync(id))["status"]!, new[] { "scheduled", "held" });
        }

        var off = await _herald.PostAsync("/api/v1/crisis/mode/off", new { publishMissed = true });
        await HeraldInstance.EnsureAsync(off, 200);
        await _herald.WaitForStatusAsync(due, "published");
        await _herald.WaitForStatusAsync(held, "published");
        Assert.Equal(3, await SandboxPostsAsync());
    }

    [Fact]
    public async Task Editors_can_turn_crisis_mode_on_only_admins_turn_it_off_and_viewers_neither()
    {
        var viewer = await _herald.ClientForRoleAsync(Role.Viewer);
        var editor = await _herald.ClientForRoleAsync(Role.Editor);
        Assert.Equal(403, (int)(await viewer.PostAsJsonAsync("/api/v1/crisis/mode/on", new { })).StatusCode);
        Assert.Equal(200, (int)(await editor.PostAsJsonAsync("/api/v1/crisis/mode/on", new { })).StatusCode);
        Assert.Equal(403, (int)(await editor.PostAsJsonAsync("/api/v1/crisis/mode/off", new { })).StatusCode);
        Assert.Equal(200, (int)(await _herald.PostAsync("/api/v1/crisis/mode/off", new { })).StatusCode);
    }
}
