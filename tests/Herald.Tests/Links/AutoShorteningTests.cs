using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Links;

/// <summary>With "shorten links" on, each delivery of a scheduled post gets its own tracked links and UTM.</summary>
public sealed class AutoShorteningTests : IAsyncLifetime
{
    private HeraldInstance _herald = null!;

    public async Task InitializeAsync() => _herald = await HeraldInstance.StartAsync(TestClock.At("2026-11-23T10:00:00Z"));

    public async Task DisposeAsync() => await _herald.DisposeAsync();

    [Fact]
    public async Task Links_in_a_scheduled_post_become_one_tracked_link_per_delivery()
    {
        var a = await _herald.ConnectSandboxAsync("brand-a");
        var b = await _herald.ConnectSandboxAsync("brand-b");
        await HeraldInstance.EnsureAsync(await _herald.Client.PutAsJsonAsync("/api/v1/links/settings", new { shortenLinks = true }), 200);

        var post = await _herald.CreatePostAsync(new
        {
            text = "New article: https://blog.example/launch?ref=home#top — and again https://blog.example/launch?ref=home#top",
            accountIds = new[] { a, b },
            scheduledAt = "2026-11-30T09:00:00",
            timeZone = "Europe/Paris",
        });
        var deliveries = post["deliveries"]!.AsArray();
        var shortUrls = new List<string>();
        foreach (var d in deliveries)
        {
            var text = (string)d!["parts"]![0]!["text"]!;
            var urls = System.Text.RegularExpressions.Regex.Matches(text, @"https?://\S+").Select(m => m.Value).ToList();
            Assert.Equal(2, urls.Count);
            Assert.Equal(urls[0], urls[1]);
            Assert.Contains("/l/", urls[0]);
            shortUrls.Add(urls[0]);
        }
        Assert.NotEqual(shortUrls[0], shortUrls[1]);

        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64; rv:135.0) Gecko/20100101 Firefox/135.0");
        for (var i = 0; i < 2; i++)
        {
            var response = await client.GetAsync(shortUrls[i]);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var location = response.Headers.Location!.OriginalString;
            Assert.StartsWith($"https://blog.example/launch?ref=home&utm_source=sandbox&utm_medium=social&utm_content={deliveries[i]!["id"]}&hc=", location);
            Assert.EndsWith("#top", location);
        }

        var links = (await _herald.Client.GetFromJsonAsync<JsonArray>("/api/v1/links"))!;
        Assert.Equal(2, links.Count);
        Assert.All(links, l => Assert.Equal((string)post["id"]!, (string)l!["postId"]!));
    }

    [Fact]
    public async Task Drafts_and_workspaces_without_the_setting_keep_their_links()
    {
        var a = await _herald.ConnectSandboxAsync();
        var scheduled = await _herald.CreatePostAsync(new { text = "See https://example.org/x", accountIds = new[] { a }, scheduledAt = "2026-11-30T09:00:00", timeZone = "UTC" });
        Assert.Equal("See https://example.org/x", (string)scheduled["deliveries"]![0]!["parts"]![0]!["text"]!);
        await HeraldInstance.EnsureAsync(await _herald.Client.PutAsJsonAsync("/api/v1/links/settings", new { shortenLinks = true }), 200);
        var draft = await _herald.CreatePostAsync(new { text = "See https://example.org/y", accountIds = new[] { a } });
        Assert.Equal("See https://example.org/y", (string)draft["deliveries"]![0]!["parts"]![0]!["text"]!);
    }
}
