using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Herald.Bench;

/// <summary>The loopback receiver: records the first arrival (Unix ms) per Idempotency-Key and counts duplicates; answers 200 {"id":…}.</summary>
internal sealed class Sink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private ConcurrentDictionary<string, double> _arrivals = new();
    private long _duplicates;

    private Sink(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";
    public IReadOnlyDictionary<string, double> Arrivals => _arrivals;
    public int Count => _arrivals.Count;
    public long Duplicates => Interlocked.Read(ref _duplicates);

    public void Reset()
    {
        _arrivals = new ConcurrentDictionary<string, double>();
        Interlocked.Exchange(ref _duplicates, 0);
    }

    public static async Task<Sink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new Sink(app);
        app.Run(async http =>
        {
            var at = TimeProvider.System.GetUtcNow().UtcTicks / (double)TimeSpan.TicksPerMillisecond - 62_135_596_800_000d;
            await http.Request.Body.CopyToAsync(Stream.Null);
            var key = http.Request.Headers["Idempotency-Key"].ToString();
            if (!sink._arrivals.TryAdd(key, at))
            {
                Interlocked.Increment(ref sink._duplicates);
            }
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync("{\"id\":\"" + key + "\"}");
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
