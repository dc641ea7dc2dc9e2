using System.Net;
using System.Text;
using Herald.Curation.Fetching;
using Microsoft.AspNetCore.Http;

namespace Herald.Tests.Curation;

/// <summary>The fetcher's safety limits: private addresses (also after a redirect), redirects, size, time, conditional GET.</summary>
public sealed class FeedFetcherTests
{
    private const string Rss = "<rss version=\"2.0\"><channel><title>T</title></channel></rss>";

    [Fact]
    public async Task Loopback_and_private_addresses_are_refused_unless_allowed()
    {
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/feed", () => FeedServer.Xml(Rss)));
        var refusing = FeedFetcher.Create(allowPrivate: false);
        foreach (var url in new[] { server.BaseUrl + "/feed", server.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) + "/feed",
                     "http://10.1.2.3/feed", "http://169.254.169.254/latest/meta-data", "http://[::1]/feed" })
        {
            var result = await refusing.FetchAsync(url);
            Assert.Equal(FetchStatus.Failed, result.Status);
            Assert.Contains("not a public address", result.Error, StringComparison.Ordinal);
        }
        Assert.False(server.Hits.ContainsKey("/feed"));

        var allowed = await FeedFetcher.Create(allowPrivate: true).FetchAsync(server.BaseUrl + "/feed");
        Assert.Equal(FetchStatus.Ok, allowed.Status);
    }

    [Fact]
    public async Task A_redirect_to_a_private_address_is_refused_before_it_is_followed()
    {
        var handler = new StubHandler(req => req.RequestUri!.Host == "public.example"
            ? Redirect("http://169.254.169.254/latest/meta-data")
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("secret") });
        var fetcher = new FeedFetcher(new HttpClient(handler), new FetchOptions { AllowPrivateAddresses = false }, TimeProvider.System);

        var result = await fetcher.FetchAsync("http://public.example/feed");

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Contains("169.254.169.254", result.Error, StringComparison.Ordinal);
        Assert.Equal(["public.example"], handler.Hosts);
    }

    [Fact]
    public async Task Redirects_are_followed_up_to_a_limit()
    {
        await using var server = await FeedServer.StartAsync(app =>
        {
            app.MapGet("/old", () => Results.Redirect("/new", permanent: true));
            app.MapGet("/new", () => FeedServer.Xml(Rss));
            app.MapGet("/loop/{n:int}", (int n) => Results.Redirect($"/loop/{n + 1}"));
        });
        var fetcher = new FeedFetcher(new HttpClient(Herald.Networks.AddressGuard.CreateHandler(true)), new FetchOptions { AllowPrivateAddresses = true, MaxRedirects = 3 }, TimeProvider.System);

        var moved = await fetcher.FetchAsync(server.BaseUrl + "/old");
        Assert.Equal(FetchStatus.Ok, moved.Status);
        Assert.Equal(server.BaseUrl + "/new", moved.FinalUrl);

        var loop = await fetcher.FetchAsync(server.BaseUrl + "/loop/0");
        Assert.Equal(FetchStatus.Failed, loop.Status);
        Assert.Contains("Too many redirects", loop.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_past_the_size_limit_is_abandoned_with_or_without_a_content_length()
    {
        var big = new string('x', 300_000);
        await using var server = await FeedServer.StartAsync(app =>
        {
            app.MapGet("/declared", () => FeedServer.Xml(big));
            app.MapGet("/streamed", async (HttpContext ctx) =>
            {
                ctx.Response.ContentType = "application/rss+xml";
                for (var i = 0; i < 100; i++)
                {
                    await ctx.Response.WriteAsync(new string('y', 10_000));
                    await ctx.Response.Body.FlushAsync();
                }
            });
        });
        var fetcher = new FeedFetcher(new HttpClient(Herald.Networks.AddressGuard.CreateHandler(true)), new FetchOptions { AllowPrivateAddresses = true, MaxBytes = 100_000 }, TimeProvider.System);

        foreach (var path in new[] { "/declared", "/streamed" })
        {
            var result = await fetcher.FetchAsync(server.BaseUrl + path);
            Assert.Equal(FetchStatus.Failed, result.Status);
            Assert.Contains("larger than", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_is_given_up()
    {
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/slow", async (CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return FeedServer.Xml(Rss);
        }));
        var fetcher = new FeedFetcher(new HttpClient(Herald.Networks.AddressGuard.CreateHandler(true)), new FetchOptions { AllowPrivateAddresses = true, Timeout = TimeSpan.FromMilliseconds(300) }, TimeProvider.System);

        var result = await fetcher.FetchAsync(server.BaseUrl + "/slow");

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Contains("No complete answer", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conditional_get_turns_an_unchanged_feed_into_not_modified()
    {
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/feed", (HttpContext ctx) =>
        {
            if (ctx.Request.Headers.IfNoneMatch == "\"v1\"")
            {
                return Results.StatusCode(304);
            }
            ctx.Response.Headers.ETag = "\"v1\"";
            ctx.Response.Headers.LastModified = "Sun, 06 Jul 2014 12:56:00 GMT";
            return FeedServer.Xml(Rss);
        }));
        var fetcher = FeedFetcher.Create(allowPrivate: true, new FetchOptions { AllowPrivateAddresses = true });

        var first = await fetcher.FetchAsync(server.BaseUrl + "/feed");
        Assert.Equal("\"v1\"", first.ETag);
        Assert.Equal("Sun, 06 Jul 2014 12:56:00 GMT", first.LastModified);

        var second = await fetcher.FetchAsync(server.BaseUrl + "/feed", first.ETag, first.LastModified);
        Assert.Equal(FetchStatus.NotModified, second.Status);
    }

    [Fact]
    public async Task Retry_after_is_reported_and_backoff_doubles_up_to_a_day()
    {
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/busy", (HttpContext ctx) =>
        {
            ctx.Response.Headers.RetryAfter = "7200";
            return Results.StatusCode(503);
        }));
        var result = await FeedFetcher.Create(allowPrivate: true, new FetchOptions { AllowPrivateAddresses = true }).FetchAsync(server.BaseUrl + "/busy");
        Assert.Equal(TimeSpan.FromHours(2), result.RetryAfter);
        Assert.Contains("503", result.Error, StringComparison.Ordinal);

        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var every = TimeSpan.FromMinutes(30);
        Assert.Equal(now.AddMinutes(30), FeedBackoff.Next(now, every, 1, null));
        Assert.Equal(now.AddMinutes(120), FeedBackoff.Next(now, every, 3, null));
        Assert.Equal(now.AddHours(24), FeedBackoff.Next(now, every, 12, null));
        Assert.Equal(now.AddHours(2), FeedBackoff.Next(now, every, 1, TimeSpan.FromHours(2)));
    }

    private static HttpResponseMessage Redirect(string to)
    {
        var r = new HttpResponseMessage(HttpStatusCode.Found);
        r.Headers.Location = new Uri(to);
        return r;
    }

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<string> Hosts { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Hosts.Add(request.RequestUri!.Host);
            return Task.FromResult(answer(request));
        }
    }
}
