using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Listening;
using Herald.Listening.Sources.Mastodon;
using Herald.Tests.Curation;
using Herald.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Herald.Tests.Listening;

/// <summary>Mastodon as a listening source: the streaming API (server-sent events) and status search, against fixtures on 127.0.0.1.</summary>
public sealed class MastodonListeningTests : IAsyncLifetime
{
    private HeraldInstance _herald = null!;

    public async Task InitializeAsync() => _herald = await HeraldInstance.StartAsync();

    public async Task DisposeAsync() => await _herald.DisposeAsync();

    /// <summary>The documented Status example with another id, text and language.</summary>
    private static string Status(long id, string html, string lang = "en")
    {
        var status = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "mastodon", "entities_Status__example__1.json")))!;
        status["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        status["uri"] = $"https://mastodon.social/users/Gargron/statuses/{id}";
        status["url"] = $"https://mastodon.social/@Gargron/{id}";
        status["content"] = html;
        status["language"] = lang;
        return status.ToJsonString();
    }

    private async Task<string> CreateQueryAsync(string query)
    {
        var response = await _herald.PostAsync("/api/v1/listening/queries", new { name = query, query, role = "brand" });
        await HeraldInstance.EnsureAsync(response, 201);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private async Task<JsonArray> MentionsAsync(string queryId) =>
        (await _herald.Client.GetFromJsonAsync<JsonArray>($"/api/v1/listening/mentions?queryId={queryId}&limit=500"))!;

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail("timed out waiting for the Mastodon stream");
    }

    [Fact]
    public async Task Streamed_statuses_that_match_become_mentions_once_deleted_ones_are_withdrawn_and_a_dropped_stream_resumes_from_the_last_id()
    {
        var queryId = await CreateQueryAsync("herald");
        var connections = 0;
        var backfills = new ConcurrentQueue<string>();
        await using var server = await FeedServer.StartAsync(app =>
        {
            app.MapGet("/api/v1/streaming/public", async (HttpContext ctx) =>
            {
                ctx.Response.ContentType = "text/event-stream";
                async Task SendAsync(string text)
                {
                    await ctx.Response.WriteAsync(text);
                    await ctx.Response.Body.FlushAsync();
                }
                if (Interlocked.Increment(ref connections) == 1)
                {
                    await SendAsync(":)\n\n");
                    await SendAsync($"event: update\ndata: {Status(101, "<p>Loving <a href=\"https://mastodon.social/tags/herald\" class=\"mention hashtag\">#<span>Herald</span></a> &amp; friends<br>see you</p>")}\n\n");
                    await SendAsync($"event: update\ndata: {Status(102, "<p>nothing about it</p>")}\n\n");
                    await SendAsync($"event: update\ndata: {Status(101, "<p>Loving #Herald</p>")}\n\n"); // the same status again
                    return; // the connection ends

                }
                await SendAsync($"event: update\ndata: {Status(104, "<p>Herald, encore</p>", "fr")}\n\n");
                await SendAsync($"event: update\ndata: {Status(105, "<p>Herald: oops</p>")}\n\n");
                await SendAsync("event: delete\ndata: 105\n\n"); // its author deleted it
                await Task.Delay(Timeout.Infinite, ctx.RequestAborted);
            });
            app.MapGet("/api/v1/timelines/public", (string? min_id) =>
            {
                backfills.Enqueue(min_id ?? "");
                // posted while the stream was down
                return Results.Text(min_id == "102" ? $"[{Status(103, "<script>alert(1)</script><p>HERALD &lt;3</p>")}]" : "[]", "application/json");
            });
        });
        var ingest = _herald.Services.GetRequiredService<ListeningIngest>();
        var stream = new MastodonStream(new HttpClient(), new Uri(server.BaseUrl + "/"), null, null, ingest.IngestAsync,
            (uri, ct) => ingest.WithdrawAsync(MastodonStatuses.Source, uri, ct), TimeProvider.System, NullLogger.Instance);
        using var cts = new CancellationTokenSource();
        var run = stream.RunAsync(cts.Token);
        // 105 arrives and is deleted after 104: wait until the stream has seen it, or the set below can match before 105 came.
        await WaitForAsync(async () => stream.LastId == "105" && (await MentionsAsync(queryId)).Select(m => (string)m!["sourceUri"]!).Order().SequenceEqual(
            ["https://mastodon.social/users/Gargron/statuses/101", "https://mastodon.social/users/Gargron/statuses/103", "https://mastodon.social/users/Gargron/statuses/104"]));
        await cts.CancelAsync();
        await run;

        Assert.Equal(2, connections);
        Assert.Equal(["102", "103"], backfills.ToArray()); // resumed from the newest id seen, until nothing newer
        var mentions = await MentionsAsync(queryId);
        var backfilled = mentions.Single(m => (string)m!["sourceUri"]! == "https://mastodon.social/users/Gargron/statuses/103")!;
        Assert.Equal("alert(1)HERALD <3", (string)backfilled["text"]!); // markup dropped, entities decoded: plain text only
        Assert.Equal("mastodon", (string)backfilled["source"]!);
        Assert.Equal("Gargron@127.0.0.1", (string?)backfilled["authorHandle"]);
        Assert.Equal("Loving #Herald & friends\nsee you", (string)mentions.Single(m => (string)m!["sourceUri"]! == "https://mastodon.social/users/Gargron/statuses/101")!["text"]!);
        Assert.Equal("105", stream.LastId);
    }

    [Fact]
    public async Task Search_pages_are_followed_and_the_next_poll_asks_only_for_newer_statuses()
    {
        var queryId = await CreateQueryAsync("herald");
        var statuses = new ConcurrentDictionary<long, string>();
        for (var id = 1000L; id < 1045; id++)
        {
            statuses[id] = Status(id, $"<p>Herald n°{id}</p>");
        }
        var requests = new ConcurrentQueue<string>();
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/api/v2/search", (string q, string type, int limit, long? min_id, long? max_id) =>
        {
            requests.Enqueue($"q={q} min={min_id} max={max_id}");
            Assert.Equal("statuses", type);
            var page = statuses.Keys.Where(id => id > (min_id ?? 0) && id < (max_id ?? long.MaxValue)).OrderDescending().Take(limit).Select(id => statuses[id]);
            return Results.Text($"{{\"accounts\":[],\"statuses\":[{string.Join(',', page)}],\"hashtags\":[]}}", "application/json");
        }));
        var ingest = _herald.Services.GetRequiredService<ListeningIngest>();
        var handed = new List<int>();
        var search = new MastodonSearch(new HttpClient(), new Uri(server.BaseUrl + "/"), null, _herald.Services.GetRequiredService<DbStreamCursor>(),
            async (posts, ct) =>
            {
                handed.Add(posts.Count);
                await ingest.IngestAsync(posts, ct);
            }, TimeProvider.System);

        Assert.Equal(45, await search.PollAsync("herald", default));
        Assert.Equal(["q=herald min= max=", "q=herald min= max=1005"], requests.ToArray());
        Assert.Equal(45, (await MentionsAsync(queryId)).Count);

        statuses[1045] = Status(1045, "<p>Herald again</p>");
        statuses[1046] = Status(1046, "<p>still Herald</p>");
        requests.Clear();
        Assert.Equal(2, await search.PollAsync("herald", default));
        Assert.Equal(["q=herald min=1044 max="], requests.ToArray());
        Assert.Equal(0, await search.PollAsync("herald", default));
        Assert.Equal([40, 5, 2], handed); // nothing handed over twice
        Assert.Equal(47, (await MentionsAsync(queryId)).Count);
    }

    [Fact]
    public async Task The_workspaces_queries_are_searched_for_without_configuring_any_term()
    {
        var asked = new ConcurrentQueue<string>();
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/api/v2/search", (string q, string type) =>
        {
            asked.Enqueue(q);
            var statuses = q == "acmewidget" ? Status(2001, "<p>The AcmeWidget launch</p>") + "," + Status(2002, "<p>acmewidget, no news</p>") : "";
            return Results.Text($"{{\"accounts\":[],\"statuses\":[{statuses}],\"hashtags\":[]}}", "application/json");
        }));
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var herald = await HeraldInstance.StartAsync(time, settings: new Dictionary<string, string?>
        {
            ["Listening:Mastodon:Instance"] = server.BaseUrl,
            ["Listening:Mastodon:Streams:0"] = "hashtag:unused",
            ["Listening:Mastodon:Search:0"] = "configured",
            ["Listening:Sandbox:Enabled"] = "false",
        });
        foreach (var query in new[] { "acmewidget AND launch", "#fall OR \"new range\"", "lang:fr" })
        {
            await HeraldInstance.EnsureAsync(await herald.PostAsync("/api/v1/listening/queries", new { name = query, query, role = "brand" }), 201);
        }
        time.Advance(TimeSpan.FromMinutes(5));
        for (var i = 0; i < 300 && !asked.Contains("\"new range\""); i++)
        {
            await Task.Delay(100);
        }
        // Configured terms first, then one string per side of the OR and the rarer word of the AND; lang:fr cannot be searched for.
        Assert.Equal(["configured", "acmewidget", "#fall", "\"new range\""], asked.ToArray()[^4..]);
        var mentions = (await herald.Client.GetFromJsonAsync<JsonArray>("/api/v1/listening/mentions?limit=50"))!;
        Assert.Equal("The AcmeWidget launch", (string)Assert.Single(mentions)!["text"]!); // the search finds both, the query keeps one
    }
}
