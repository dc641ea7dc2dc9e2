using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Herald.Tests.Curation;

/// <summary>A Kestrel server on 127.0.0.1 (random port) serving whatever each test maps: feeds, pages, redirects, faults.</summary>
public sealed class FeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FeedServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>How many requests each path received.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, int> Hits { get; } = new();

    public static async Task<FeedServer> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FeedServer? server = null;
        app.Use(async (ctx, next) =>
        {
            server?.Hits.AddOrUpdate(ctx.Request.Path.Value ?? "", 1, (_, n) => n + 1);
            await next(ctx);
        });
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FeedServer(app, address.TrimEnd('/'));
        return server;
    }

    public static IResult Xml(string body, string type = "application/rss+xml") => Results.Text(body, type);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
