using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Herald.Tests.Networks.Webhook;

/// <summary>A receiving endpoint on 127.0.0.1 that records every request and answers as told.</summary>
public sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookSink(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>The status and body of the next answers (200 with an id by default).</summary>
    public (int Status, string Body) Answer { get; set; } = (200, """{"id":"remote-1","url":"https://sink.example/posts/1"}""");

    /// <summary>A Retry-After header to send with the answers, if any.</summary>
    public string? RetryAfter { get; set; }

    public sealed record Received(string Body, IReadOnlyDictionary<string, string> Headers, byte[] Bytes);

    public static async Task<WebhookSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new WebhookSink(app);
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            var bytes = buffer.ToArray();
            var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            sink.Requests.Enqueue(new Received(System.Text.Encoding.UTF8.GetString(bytes), headers, bytes));
            var (status, body) = sink.Answer;
            if (sink.RetryAfter is { } retryAfter)
            {
                http.Response.Headers.RetryAfter = retryAfter;
            }
            return Results.Text(body, "application/json", statusCode: status);
        });
        await app.StartAsync();
        sink.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/hook";
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
