using System.Collections.Concurrent;
using System.Globalization;

namespace Herald.Listening.Sources.Bluesky;

/// <summary>Feeds the Bluesky event stream of the configured service (Listening:Bluesky:Service) into listening.</summary>
/// <remarks>The firehose carries DIDs, not handles; handles come from #identity events as they pass. It carries no
/// follower counts or engagement either, so Bluesky mentions have none until an AppView is asked.</remarks>
internal sealed class BlueskyListener(IConfiguration configuration, IServiceProvider services, TimeProvider time, ILogger<BlueskyListener> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, string> _handles = new(StringComparer.Ordinal);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (configuration["Listening:Bluesky:Service"] is not { Length: > 0 } service)
        {
            return Task.CompletedTask;
        }
        var ingest = services.GetRequiredService<ListeningIngest>();
        var subscriber = new FirehoseSubscriber(new Uri(service), services.GetRequiredService<DbStreamCursor>(),
            (frame, ct) => HandleAsync(ingest, frame, ct), logger);
        return subscriber.RunAsync(time, stoppingToken);
    }

    private Task HandleAsync(ListeningIngest ingest, FirehoseFrame frame, CancellationToken ct)
    {
        if (frame is { Did: { } did, Handle: { } handle })
        {
            _handles[did] = handle;
        }
        return frame.Posts.Count == 0 ? Task.CompletedTask : ingest.IngestAsync([.. frame.Posts.Select(ToIncoming)], ct);
    }

    internal IncomingPost ToIncoming(FirehosePost p)
    {
        var published = DateTimeOffset.TryParse(p.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : time.GetUtcNow();
        var rkey = p.Path[(p.Path.IndexOf('/') + 1)..];
        return new IncomingPost("bluesky", p.Uri, p.Text, p.Langs, p.Did, _handles.GetValueOrDefault(p.Did), published,
            $"https://bsky.app/profile/{p.Did}/post/{rkey}");
    }
}
