using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Listening;
using Herald.Notifications;
using Herald.Sentiment;
using Herald.Data;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Listening;

/// <summary>Listening through the API: queries validated with positions, mentions stored once with sentiment, stats, preview, spikes.</summary>
public sealed class ListeningApiTests : IAsyncLifetime
{
    private sealed class CapturingNotifier : INotifier
    {
        public List<Notification> Sent { get; } = [];

        public Task NotifyAsync(Notification notification, CancellationToken cancellationToken)
        {
            lock (Sent)
            {
                Sent.Add(notification);
            }
            return Task.CompletedTask;
        }
    }

    private sealed class WordSentiment : ISentimentAnalyzer
    {
        public SentimentResult Analyze(string text, string? language = null) =>
            text.Contains("love", StringComparison.OrdinalIgnoreCase) ? new(SentimentLabel.Positive, 0.8, "en") : new(SentimentLabel.Neutral, 0, "en");
    }

    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-23T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private readonly CapturingNotifier _notifier = new();
    private HeraldInstance _herald = null!;

    public async Task InitializeAsync() => _herald = await HeraldInstance.StartAsync(
        time: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now),
        services: s => s.AddSingleton<INotifier>(_notifier).AddSingleton<ISentimentAnalyzer, WordSentiment>());

    public async Task DisposeAsync() => await _herald.DisposeAsync();

    private async Task<string> CreateQueryAsync(string name, string query, string role)
    {
        var response = await _herald.PostAsync("/api/v1/listening/queries", new { name, query, role });
        await HeraldInstance.EnsureAsync(response, 201);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private static IncomingPost Post(string uri, string text, string author, long? followers = null, int engagement = 0, double hoursAgo = 0.5, string lang = "en") =>
        new("sandbox", uri, text, [lang], "sandbox:" + author, author + ".sandbox", Now.AddHours(-hoursAgo), null, followers, engagement);

    [Fact]
    public async Task A_query_with_a_mistake_is_refused_with_its_position()
    {
        var response = await _herald.PostAsync("/api/v1/listening/queries", new { name = "Brand", query = "(herald OR launch", role = "brand" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(17, (int)problem["position"]!);
        Assert.Equal("expected ')' at 17", (string)problem["detail"]!);

        var preview = await _herald.PostAsync("/api/v1/listening/preview", new { query = "herald AND" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, preview.StatusCode);
    }

    [Fact]
    public async Task A_viewer_reads_queries_but_cannot_write_them()
    {
        using var viewer = await _herald.ClientForRoleAsync(Role.Viewer);
        var create = await viewer.PostAsJsonAsync("/api/v1/listening/queries", new { name = "x", query = "x", role = "topic" }, HeraldInstance.Json);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/listening/queries")).StatusCode);
    }

    [Fact]
    public async Task Mentions_are_stored_once_per_query_with_sentiment_and_feed_volume_share_of_voice_trends_and_authors()
    {
        var brand = await CreateQueryAsync("Herald", "herald OR #herald", "brand");
        var rival = await CreateQueryAsync("Acme", "(acme OR \"acme corp\") -hiring", "competitor");
        var ingest = _herald.Services.GetRequiredService<ListeningIngest>();
        var stored = await ingest.IngestAsync(
        [
            Post("s://1", "I love Herald, the #herald launch was great", "camille", 500, 40),
            Post("s://1", "I love Herald, the #herald launch was great", "camille", 500, 40), // the same post again
            Post("s://2", "Acme Corp support is slow", "lucas", 50_000, 100, hoursAgo: 3),
            Post("s://3", "Acme is hiring", "emma", 2_000_000, 5),
            Post("s://4", "Herald et Acme, le match #herald", "hugo", null, 0, lang: "fr"),
            Post("s://5", "nothing to see", "zoe"),
        ], default);
        Assert.Equal(3 + 1, stored); // s1 brand, s2 rival, s4 brand + rival

        var mentions = (await _herald.Client.GetFromJsonAsync<JsonArray>($"/api/v1/listening/mentions?queryId={brand}"))!;
        // s://1 and s://4 were seen at the same instant: their order is not specified.
        Assert.Equal(["s://1", "s://4"], mentions.Select(m => (string)m!["sourceUri"]!).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("Positive", (string?)mentions.Single(m => (string)m!["sourceUri"]! == "s://1")!["sentiment"]);

        var voice = (await _herald.Client.GetFromJsonAsync<JsonArray>("/api/v1/listening/share-of-voice"))!;
        Assert.All(voice, v => Assert.Equal(0.5, (double)v!["share"]!));

        var volume = (await _herald.Client.GetFromJsonAsync<JsonArray>($"/api/v1/listening/volume?queryId={rival}&interval=hour"))!;
        Assert.Equal(2, volume.Count);

        var trends = (await _herald.Client.GetFromJsonAsync<JsonArray>("/api/v1/listening/trends?hours=24"))!;
        Assert.Contains(trends, t => (string)t!["term"]! == "#herald");

        var authors = (await _herald.Client.GetFromJsonAsync<JsonArray>("/api/v1/listening/authors"))!;
        Assert.Equal("camille.sandbox", (string?)authors[0]!["handle"]); // 40 engagements on 500 followers: the best rate
        Assert.Equal(["nano", "micro", "unknown"], authors.Select(a => (string)a!["tier"]!).ToArray());

        var preview = (await (await _herald.PostAsync("/api/v1/listening/preview", new { query = "acme NOT hiring" })).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["s://4", "s://2"], preview["matches"]!.AsArray().Select(m => (string)m!["sourceUri"]!).ToArray());
    }

    [Fact]
    public async Task A_spike_of_mentions_raises_one_alert()
    {
        await CreateQueryAsync("Herald", "herald", "brand");
        var ingest = _herald.Services.GetRequiredService<ListeningIngest>();
        await ingest.IngestAsync([.. Enumerable.Range(0, 12).Select(i => Post($"s://spike/{i}", $"herald is down? #{i}", "p" + i))], default);
        await ingest.IngestAsync([Post("s://spike/more", "herald still down", "late")], default);
        var spike = Assert.Single(_notifier.Sent);
        Assert.Equal("listening.spike", spike.Kind);
        Assert.Equal(_herald.WorkspaceId, spike.WorkspaceId);
    }
}
