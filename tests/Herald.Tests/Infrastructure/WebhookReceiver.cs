using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Herald.Notifications;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Herald.Tests.Infrastructure;

/// <summary>One request the receiver got, and whether its Herald signature verified against the receiver's secret.</summary>
public sealed record ReceivedWebhook(string Path, string Body, string? DeliveryId, string? Timestamp, string? Signature, bool SignatureValid, int AnsweredWith)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
}

/// <summary>
/// A Slack-compatible webhook receiver on 127.0.0.1 (Kestrel, random port): records every POST, verifies
/// X-Herald-Signature with <see cref="Secret"/>, and answers with scripted status codes (then 200).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _script = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Secret { get; } = WebhookSignature.NewSecret();
    public string Url { get; private set; } = "";
    public IReadOnlyList<ReceivedWebhook> Received => _received.ToArray();

    /// <summary>The next requests are answered with these codes, in order; afterwards 200.</summary>
    public void AnswerNext(params int[] codes)
    {
        foreach (var c in codes)
        {
            _script.Enqueue(c);
        }
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var ts = context.Request.Headers[WebhookSignature.TimestampHeader].ToString();
            var sig = context.Request.Headers[WebhookSignature.SignatureHeader].ToString();
            var valid = sig.Length > 0 && WebhookSignature.Verify(receiver.Secret, ts, body, sig);
            var code = receiver._script.TryDequeue(out var c) ? c : 200;
            receiver._received.Enqueue(new ReceivedWebhook(context.Request.Path, Encoding.UTF8.GetString(body),
                context.Request.Headers[WebhookSignature.DeliveryHeader].ToString(), ts, sig, valid, code));
            return Results.StatusCode(code);
        });
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hooks/herald";
        return receiver;
    }

    /// <summary>Polls (real time, bounded) until at least <paramref name="count"/> requests arrived.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = Environment.TickCount64 + (long)(timeout ?? TimeSpan.FromSeconds(20)).TotalMilliseconds;
        while (_received.Count < count)
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"Expected {count} webhook call(s), got {_received.Count}.");
            }
            await Task.Delay(50);
        }
        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
