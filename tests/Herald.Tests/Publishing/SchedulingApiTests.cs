using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Networks;
using Herald.Scheduling;
using Herald.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Publishing;

/// <summary>Schedules through the API: wall-clock time and zone kept, gaps and overlaps, zone edits and zone rule changes.</summary>
public sealed class SchedulingApiTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = TestClock.At("2026-03-20T08:00:00Z");
    private readonly ScriptedNetwork _network = new();
    private readonly MutableTimeZones _zones = new();
    private HeraldInstance _herald = null!;
    private string _account = null!;

    public async Task InitializeAsync()
    {
        _herald = await HeraldInstance.StartAsync(_time, s =>
        {
            s.AddSingleton<INetworkConnector>(_network);
            s.AddSingleton<ITimeZoneSource>(_zones);
        });
        _account = (string)(await _herald.ConnectAsync(new { network = "scripted", name = "brand" }))["id"]!;
    }

    public async Task DisposeAsync() => await _herald.DisposeAsync();

    private static string DueAt(JsonObject post) => post["deliveries"]![0]!["dueAt"]!.GetValue<DateTimeOffset>().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_schedule_keeps_the_wall_clock_time_its_zone_and_the_utc_instant()
    {
        var post = await _herald.CreatePostAsync(new { text = "Bonjour", accountIds = new[] { _account }, scheduledAt = "2026-11-24T09:30:00", timeZone = "Europe/Paris" });
        Assert.Equal("2026-11-24T09:30:00", (string)post["scheduledLocal"]!);
        Assert.Equal("Europe/Paris", (string)post["timeZone"]!);
        Assert.Equal("2026-11-24T08:30:00Z", DueAt(post));
    }

    [Fact]
    public async Task A_time_in_the_spring_forward_gap_is_moved_forward_and_the_user_is_told()
    {
        var post = await _herald.CreatePostAsync(new { text = "Gap", accountIds = new[] { _account }, scheduledAt = "2026-03-29T02:30:00", timeZone = "Europe/Paris" });
        Assert.Equal("2026-03-29T03:30:00", (string)post["scheduledLocal"]!);
        Assert.Equal("2026-03-29T01:30:00Z", DueAt(post));
        Assert.Contains(post["warnings"]!.AsArray(), w => (string)w!["code"]! == "time_adjusted");
    }

    [Fact]
    public async Task A_time_in_the_fall_back_overlap_is_the_first_of_the_two()
    {
        var post = await _herald.CreatePostAsync(new { text = "Overlap", accountIds = new[] { _account }, scheduledAt = "2026-10-25T02:30:00", timeZone = "Europe/Paris" });
        Assert.Equal("2026-10-25T00:30:00Z", DueAt(post));
    }

    [Fact]
    public async Task Changing_the_time_zone_of_a_post_keeps_the_wall_clock_time()
    {
        var id = (string)(await _herald.CreatePostAsync(new { text = "Moving", accountIds = new[] { _account }, scheduledAt = "2026-11-24T09:30:00", timeZone = "Europe/Paris" }))["id"]!;
        var response = await _herald.Client.PatchAsJsonAsync($"/api/v1/posts/{id}", new { timeZone = "America/New_York" }, HeraldInstance.Json);
        await HeraldInstance.EnsureAsync(response, 200);
        var post = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("2026-11-24T09:30:00", (string)post["scheduledLocal"]!);
        Assert.Equal("America/New_York", (string)post["timeZone"]!);
        Assert.Equal("2026-11-24T14:30:00Z", DueAt(post));
    }

    [Fact]
    public async Task A_schedule_made_before_a_time_zone_rule_change_follows_the_new_rules()
    {
        var id = (string)(await _herald.CreatePostAsync(new { text = "Summer", accountIds = new[] { _account }, scheduledAt = "2026-07-01T09:00:00", timeZone = "Europe/Paris" }))["id"]!;
        Assert.Equal("2026-07-01T07:00:00Z", DueAt(await _herald.GetPostAsync(id)));

        // France abolishes daylight saving: Paris stays on UTC+1 all year.
        _zones.Override("Europe/Paris", TimeZoneInfo.CreateCustomTimeZone("Europe/Paris", TimeSpan.FromHours(1), "Paris (no DST)", "CET"));
        await using (var scope = _herald.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ScheduleRefresher>().RefreshAsync(default));
        }
        var post = await _herald.GetPostAsync(id);
        Assert.Equal("2026-07-01T09:00:00", (string)post["scheduledLocal"]!);
        Assert.Equal("2026-07-01T08:00:00Z", DueAt(post));

        _time.Advance(DateTimeOffset.Parse("2026-07-01T07:30:00Z", System.Globalization.CultureInfo.InvariantCulture) - _time.GetUtcNow());
        await Task.Delay(300);
        Assert.Empty(_network.Calls);
        _time.Advance(TimeSpan.FromMinutes(30));
        await _herald.WaitForStatusAsync(id, "published");
    }

    [Fact]
    public async Task A_time_in_the_past_is_refused_with_a_clear_message()
    {
        var response = await _herald.PostAsync("/api/v1/posts", new { text = "Late", accountIds = new[] { _account }, scheduledAt = "2026-03-19T09:00:00", timeZone = "Europe/Paris" });
        await HeraldInstance.EnsureAsync(response, 422);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("in the past", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_time_zone_is_refused()
    {
        var response = await _herald.PostAsync("/api/v1/posts", new { text = "Where", accountIds = new[] { _account }, scheduledAt = "2026-11-24T09:00:00", timeZone = "Europe/Atlantis" });
        await HeraldInstance.EnsureAsync(response, 422);
        Assert.Contains("IANA", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_calendar_shows_deliveries_at_their_local_time_in_the_requested_zone()
    {
        await _herald.CreatePostAsync(new { text = "Calendar", accountIds = new[] { _account }, scheduledAt = "2026-11-24T09:30:00", timeZone = "Europe/Paris" });
        var calendar = await _herald.Client.GetFromJsonAsync<JsonObject>("/api/v1/calendar?from=2026-11-01&to=2026-12-01&timeZone=America/New_York");
        var entry = calendar!["entries"]!.AsArray().Single()!;
        Assert.Equal("2026-11-24T03:30:00", (string)entry["local"]!);
    }
}

/// <summary>The system's zones, with some replaced to play a rule change.</summary>
public sealed class MutableTimeZones : ITimeZoneSource
{
    private readonly SystemTimeZones _system = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TimeZoneInfo> _overrides = new();

    public void Override(string id, TimeZoneInfo zone) => _overrides[id] = zone;

    public TimeZoneInfo? Find(string ianaId) => _overrides.TryGetValue(ianaId, out var zone) ? zone : _system.Find(ianaId);
}
