using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Data;
using Herald.Links;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Links;

/// <summary>Short links through a real Herald: UTM merge, bots filtered, unique vs total, conversions attributed.</summary>
public sealed class LinkRedirectTests : IAsyncLifetime
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = TestClock.At("2026-11-23T10:00:00Z");
    private HeraldInstance _herald = null!;
    private HttpClient _public = null!;

    public async Task InitializeAsync()
    {
        _herald = await HeraldInstance.StartAsync(_time);
        _public = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _herald.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _public.Dispose();
        await _herald.DisposeAsync();
    }

    private async Task<JsonObject> CreateLinkAsync(object body)
    {
        var response = await _herald.PostAsync("/api/v1/links", body);
        await HeraldInstance.EnsureAsync(response, 201);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<HttpResponseMessage> ClickAsync(string code, string userAgent, string ip = "203.0.113.7", HttpMethod? method = null, (string, string)? header = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, $"/l/{code}");
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        // The test server sees 127.0.0.1; the visitor key is computed from the connection's address, so vary the user agent
        // to make distinct visitors and keep the IP parameter for readability only.
        _ = ip;
        if (header is { } h)
        {
            request.Headers.TryAddWithoutValidation(h.Item1, h.Item2);
        }
        return await _public.SendAsync(request);
    }

    private async Task<JsonObject> FiguresAsync(string id)
    {
        await _herald.Services.GetRequiredService<ClickRecorder>().FlushAsync(default);
        var detail = await _herald.Client.GetFromJsonAsync<JsonObject>($"/api/v1/links/{id}");
        return detail!["link"]!.AsObject();
    }

    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:135.0) Gecko/20100101 Firefox/135.0";
    private const string Safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

    [Fact]
    public async Task A_short_link_redirects_with_utm_merged_into_the_query_keeping_other_parameters_and_the_fragment()
    {
        var link = await CreateLinkAsync(new { url = "https://shop.example/p?id=7&utm_source=old&q=a%20b#reviews", network = "bluesky", campaign = "Spring Sale 2026", postId = "post-1" });
        var code = (string)link["code"]!;
        Assert.Equal(ShortCodes.Length, code.Length);
        Assert.EndsWith($"/l/{code}", (string)link["shortUrl"]!);

        var response = await ClickAsync(code, Firefox);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("https://shop.example/p?id=7&q=a%20b&utm_source=bluesky&utm_medium=social&utm_campaign=spring-sale-2026&utm_content=post-1&hc=", location);
        Assert.EndsWith("#reviews", location);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("hc=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Utm_fields_can_be_overridden_and_removed()
    {
        var link = await CreateLinkAsync(new { url = "https://shop.example/", network = "mastodon", utm = new { medium = "toot", content = "" } });
        var location = (await ClickAsync((string)link["code"]!, Firefox)).Headers.Location!.OriginalString;
        Assert.StartsWith("https://shop.example/?utm_source=mastodon&utm_medium=toot&hc=", location);
    }

    [Fact]
    public async Task Bots_link_previews_prefetches_and_HEAD_requests_are_counted_apart_as_filtered()
    {
        var link = await CreateLinkAsync(new { url = "https://example.org/article" });
        var code = (string)link["code"]!;
        string[] bots =
        [
            "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "Twitterbot/1.0", "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)", "WhatsApp/2.23.20.0", "TelegramBot (like TwitterBot)",
            "Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)", "http.rb/5.1.1 (Mastodon/4.3.0; +https://mastodon.social/)",
            "curl/8.5.0", "Wget/1.21.4", "python-requests/2.32.3", "",
        ];
        foreach (var bot in bots)
        {
            var r = await ClickAsync(code, bot);
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.DoesNotContain("hc=", r.Headers.Location!.OriginalString);
        }
        await ClickAsync(code, Firefox, method: HttpMethod.Head);
        await ClickAsync(code, Firefox, header: ("Sec-Purpose", "prefetch;prerender"));
        await ClickAsync(code, Firefox, header: ("Purpose", "prefetch"));

        // Three clicks by one visitor, one by another.
        await ClickAsync(code, Firefox);
        await ClickAsync(code, Firefox);
        await ClickAsync(code, Firefox);
        await ClickAsync(code, Safari);

        var figures = await FiguresAsync((string)link["id"]!);
        Assert.Equal(4, (long)figures["clicks"]!);
        Assert.Equal(2, (long)figures["unique"]!);
        Assert.Equal(bots.Length + 3, (long)figures["filtered"]!);
    }

    [Fact]
    public async Task The_same_visitor_on_the_next_day_counts_as_a_new_unique_visitor()
    {
        var link = await CreateLinkAsync(new { url = "https://example.org/daily" });
        await ClickAsync((string)link["code"]!, Firefox);
        _time.Advance(TimeSpan.FromDays(1));
        await ClickAsync((string)link["code"]!, Firefox);
        var figures = await FiguresAsync((string)link["id"]!);
        Assert.Equal(2, (long)figures["clicks"]!);
        Assert.Equal(2, (long)figures["unique"]!);
        var daily = (await _herald.Client.GetFromJsonAsync<JsonObject>($"/api/v1/links/{link["id"]}?from=2026-11-23T00:00:00Z&to=2026-11-25T00:00:00Z"))!["daily"]!.AsArray();
        Assert.Equal(["2026-11-23", "2026-11-24"], daily.Select(d => (string)d!["key"]!));
        Assert.All(daily, d => Assert.Equal(1, (long)d!["clicks"]!));
    }

    [Fact]
    public async Task A_conversion_is_attributed_to_the_click_its_link_post_and_campaign_once_per_goal()
    {
        var link = await CreateLinkAsync(new { url = "https://shop.example/buy", postId = "post-9", deliveryId = "delivery-9", campaign = "Black Friday", network = "sandbox" });
        var location = (await ClickAsync((string)link["code"]!, Safari)).Headers.Location!.OriginalString;
        var hc = System.Web.HttpUtility.ParseQueryString(new Uri(location).Query)["hc"]!;

        var convert = await _public.PostAsJsonAsync("/l/convert", new { hc, goal = "signup", value = 25.5 });
        await HeraldInstance.EnsureAsync(convert, 201);
        var conversion = (await convert.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((string)link["id"]!, (string)conversion["linkId"]!);
        Assert.Equal("post-9", (string)conversion["postId"]!);
        Assert.Equal("delivery-9", (string)conversion["deliveryId"]!);
        Assert.Equal("black-friday", (string)conversion["campaign"]!);
        Assert.False((bool)conversion["duplicate"]!);

        // A reloaded thank-you page does not count twice.
        var again = await (await _public.PostAsJsonAsync("/l/convert", new { hc, goal = "signup" })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.True((bool)again!["duplicate"]!);

        // The pixel, with the click id from the cookie set on the redirect.
        using var pixel = new HttpRequestMessage(HttpMethod.Get, "/l/p.gif?goal=purchase&value=10");
        pixel.Headers.Add("Cookie", $"hc={hc}");
        var gif = await _public.SendAsync(pixel);
        Assert.Equal("image/gif", gif.Content.Headers.ContentType!.MediaType);
        Assert.Equal("GIF89a", System.Text.Encoding.ASCII.GetString((await gif.Content.ReadAsByteArrayAsync())[..6]));

        var figures = await FiguresAsync((string)link["id"]!);
        Assert.Equal(2, (long)figures["conversions"]!);
        Assert.Equal(2.0, (double)figures["conversionRate"]!);
        var byCampaign = (await _herald.Client.GetFromJsonAsync<JsonArray>("/api/v1/links/stats?groupBy=campaign"))!;
        var row = byCampaign.Single(r => (string)r!["key"]! == "black-friday")!;
        Assert.Equal(2, (long)row["conversions"]!);
        Assert.Equal(35.5, (double)row["conversionValue"]!);
        var byPost = (await _herald.Client.GetFromJsonAsync<JsonArray>("/api/v1/links/stats?groupBy=post"))!;
        Assert.Equal(1, (long)byPost.Single(r => (string)r!["key"]! == "post-9")!["clicks"]!);
    }

    [Fact]
    public async Task An_unknown_click_id_is_a_404_problem_and_an_unknown_or_disabled_link_is_404()
    {
        var convert = await _public.PostAsJsonAsync("/l/convert", new { hc = "nope" });
        Assert.Equal(HttpStatusCode.NotFound, convert.StatusCode);
        Assert.Equal("application/problem+json", convert.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await ClickAsync("ZZZZZZZZZZ", Firefox)).StatusCode);

        var link = await CreateLinkAsync(new { url = "https://example.org/gone" });
        Assert.Equal(HttpStatusCode.Redirect, (await ClickAsync((string)link["code"]!, Firefox)).StatusCode);
        await HeraldInstance.EnsureAsync(await _herald.Client.DeleteAsync($"/api/v1/links/{link["id"]}"), 204);
        Assert.Equal(HttpStatusCode.NotFound, (await ClickAsync((string)link["code"]!, Firefox)).StatusCode);
    }

    [Fact]
    public async Task Every_answered_redirect_has_its_click_in_the_database_when_the_answer_arrives()
    {
        // Group commit: a redirect is answered only once its click is committed, so a crash right after the answers
        // (nothing flushed, nothing stopped) loses none of them. Read the table at once, without FlushAsync.
        var link = await CreateLinkAsync(new { url = "https://example.org/sale" });
        var code = (string)link["code"]!;
        var answers = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => ClickAsync(code, i % 3 == 0 ? "Twitterbot/1.0" : $"{Firefox} v{i % 7}")));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        var ids = answers.Where(a => a.Headers.Location!.OriginalString.Contains("hc=", StringComparison.Ordinal))
            .Select(a => a.Headers.Location!.OriginalString.Split("hc=")[1]).ToList();

        await using var c = await _herald.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(default);
        var stored = (await Dapper.SqlMapper.QueryAsync<string>(c, "SELECT id FROM link_click WHERE link_id = @id", new { id = (string)link["id"]! })).ToHashSet();
        Assert.Equal(300, stored.Count);
        Assert.All(ids, id => Assert.Contains(id, stored));
        var figures = await FiguresAsync((string)link["id"]!);
        Assert.Equal(200, (long)figures["clicks"]!);
        Assert.Equal(7, (long)figures["unique"]!);
        Assert.Equal(100, (long)figures["filtered"]!);
    }

    [Fact]
    public async Task A_viewer_reads_link_figures_but_cannot_create_links_or_change_settings()
    {
        var viewer = await _herald.ClientForRoleAsync(Role.Viewer);
        await HeraldInstance.EnsureAsync(await viewer.GetAsync("/api/v1/links"), 200);
        var create = await viewer.PostAsJsonAsync("/api/v1/links", new { url = "https://example.org" });
        await HeraldInstance.EnsureAsync(create, 403);
        Assert.Equal("application/problem+json", create.Content.Headers.ContentType!.MediaType);
        await HeraldInstance.EnsureAsync(await viewer.PutAsJsonAsync("/api/v1/links/settings", new { shortenLinks = true }), 403);
        var editor = await _herald.ClientForRoleAsync(Role.Editor);
        await HeraldInstance.EnsureAsync(await editor.PutAsJsonAsync("/api/v1/links/settings", new { shortenLinks = true }), 403);
        await HeraldInstance.EnsureAsync(await _herald.Client.PutAsJsonAsync("/api/v1/links/settings", new { shortenLinks = true }), 200);
    }
}
