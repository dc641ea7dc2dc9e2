using System.Collections.Concurrent;
using System.Globalization;
using Herald.Networks.Bluesky;

namespace Herald.Listening.Sources.Bluesky;

/// <summary>
/// Feeds Bluesky into listening: the event stream of Listening:Bluesky:Service, and, when Listening:Bluesky:AppView is set,
/// that AppView's post search every Listening:Bluesky:SearchEvery (default 5 minutes) for the terms of
/// Listening:Bluesky:Search and those covering the workspaces' queries (at most Listening:Bluesky:SearchMaxTerms, default 50).
/// </summary>
/// <remarks>The firehose carries DIDs, not handles; handles come from #identity events as they pass. It carries no
/// follower counts or engagement either: with an AppView, <see cref="BlueskyAuthors"/> adds the followers (and a missing
/// handle) of matched posts' authors; search results carry their counts.</remarks>
internal sealed class BlueskyListener(IConfiguration configuration, IServiceProvider services, TimeProvider time, ILogger<BlueskyListener> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, string> _handles = new(StringComparer.Ordinal);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var ingest = services.GetRequiredService<ListeningIngest>();
        var cursor = services.GetRequiredService<DbStreamCursor>();
        var runs = new List<Task>();
        if (configuration["Listening:Bluesky:Service"] is { Length: > 0 } service)
        {
            var subscriber = new FirehoseSubscriber(new Uri(service), cursor, (frame, ct) => HandleAsync(ingest, frame, ct), logger);
            runs.Add(subscriber.RunAsync(time, stoppingToken));
        }
        if (configuration["Listening:Bluesky:AppView"] is { Length: > 0 } appView)
        {
            var section = configuration.GetSection("Listening:Bluesky");
            var xrpc = new BlueskyXrpc(services.GetRequiredService<IHttpClientFactory>().CreateClient(BlueskyAuthors.HttpClientName), time);
            var search = new BlueskySearch(xrpc, appView, cursor, ingest.IngestAsync);
            runs.Add(new NetworkSearch(services.GetRequiredService<ListeningMatcher>(), time, logger).RunAsync("Bluesky",
                section.GetSection("Search").Get<string[]>() ?? [], section.GetValue("SearchMaxTerms", 50),
                section.GetValue("SearchEvery", TimeSpan.FromMinutes(5)), search.PollAsync, stoppingToken));
        }
        return Task.WhenAll(runs);
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
