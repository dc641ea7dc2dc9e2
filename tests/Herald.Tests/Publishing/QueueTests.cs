using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Publishing;

/// <summary>Queues: weekly slots in the account's zone; "add to queue" takes the next free slot; reordering swaps slots.</summary>
public sealed class QueueTests : IAsyncLifetime
{
    // A Monday, 08:00 in Paris.
    private readonly FakeTimeProvider _time = TestClock.At("2026-11-23T07:00:00Z");
    private HeraldInstance _herald = null!;
    private string _account = null!;

    public async Task InitializeAsync()
    {
        _herald = await HeraldInstance.StartAsync(_time);
        _account = (string)(await _herald.ConnectAsync(new { network = "sandbox", name = "queue", timeZone = "Europe/Paris" }))["id"]!;
        var slots = await _herald.Client.PutAsJsonAsync($"/api/v1/accounts/{_account}/queue/slots", new
        {
            slots = new[] { new { day = "monday", time = "09:00" }, new { day = "monday", time = "17:30" }, new { day = "wednesday", time = "12:00" } },
        });
        await HeraldInstance.EnsureAsync(slots, 200);
    }

    public async Task DisposeAsync() => await _herald.DisposeAsync();

    private async Task<(string Post, string Delivery, DateTimeOffset Due)> QueueAsync(string text)
    {
        var post = await _herald.CreatePostAsync(new { text, accountIds = new[] { _account }, queue = true });
        var d = post["deliveries"]![0]!;
        return ((string)post["id"]!, (string)d["id"]!, d["dueAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Queued_posts_take_the_next_free_slots_in_order()
    {
        var a = await QueueAsync("first");
        var b = await QueueAsync("second");
        var c = await QueueAsync("third");
        var d = await QueueAsync("fourth");
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture), a.Due);
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T16:30:00Z", System.Globalization.CultureInfo.InvariantCulture), b.Due);
        Assert.Equal(DateTimeOffset.Parse("2026-11-25T11:00:00Z", System.Globalization.CultureInfo.InvariantCulture), c.Due);
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture), d.Due);
    }

    [Fact]
    public async Task Reordering_the_queue_swaps_posts_between_the_same_slots()
    {
        var a = await QueueAsync("first");
        var b = await QueueAsync("second");
        var response = await _herald.PostAsync($"/api/v1/accounts/{_account}/queue/reorder", new { deliveryIds = new[] { b.Delivery, a.Delivery } });
        await HeraldInstance.EnsureAsync(response, 200);
        var queue = await _herald.Client.GetFromJsonAsync<JsonArray>($"/api/v1/accounts/{_account}/queue");
        Assert.Equal(["second", "first"], queue!.Select(q => (string)q!["text"]!));
        Assert.Equal(a.Due, (await _herald.GetPostAsync(b.Post))["deliveries"]![0]!["dueAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task A_queued_post_is_published_at_its_slot()
    {
        var a = await QueueAsync("first");
        _time.Advance(TimeSpan.FromHours(1));
        await _herald.WaitForStatusAsync(a.Post, "published");
    }

    [Fact]
    public async Task An_account_without_slots_says_so()
    {
        var other = await _herald.ConnectSandboxAsync("noslots");
        var response = await _herald.PostAsync("/api/v1/posts", new { text = "x", accountIds = new[] { other }, queue = true });
        await HeraldInstance.EnsureAsync(response, 422);
        Assert.Contains("no queue time slots", await response.Content.ReadAsStringAsync());
    }
}
