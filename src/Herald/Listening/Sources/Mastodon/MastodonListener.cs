using Herald.Networks.Mastodon;

namespace Herald.Listening.Sources.Mastodon;

/// <summary>Feeds a Mastodon instance into listening when Listening:Mastodon:Instance is set: its streaming timelines
/// (Listening:Mastodon:Streams, e.g. "public", "hashtag:herald"; default "public") and, every
/// Listening:Mastodon:SearchEvery (default 5 minutes), a status search per term: the terms of Listening:Mastodon:Search,
/// then those that cover the workspaces' listening queries (<see cref="NetworkSearch"/>), at most
/// Listening:Mastodon:SearchMaxTerms (default 50) per round.</summary>
/// <remarks>Listening:Mastodon:AccessToken is sent when set (many instances require one for streaming and full-text search);
/// Listening:Mastodon:StreamingUrl overrides where streaming connects (instances may stream from another host).</remarks>
internal sealed class MastodonListener(IConfiguration configuration, IHttpClientFactory httpClients, ListeningIngest ingest,
    DbStreamCursor cursor, ListeningMatcher matcher, TimeProvider time, ILogger<MastodonListener> logger) : BackgroundService
{
    public const string HttpClientName = "listening-mastodon";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var section = configuration.GetSection("Listening:Mastodon");
        if (section["Instance"] is not { Length: > 0 } configured || !MastodonInstance.TryNormalize(configured, allowLocal: true, out var instance, out var error))
        {
            if (section["Instance"] is { Length: > 0 } bad)
            {
                logger.LogWarning("Listening:Mastodon:Instance {Instance} is not usable", bad);
            }
            return Task.CompletedTask;
        }
        var token = section["AccessToken"] is { Length: > 0 } t ? t : null;
        var streamingBase = section["StreamingUrl"] is { Length: > 0 } s ? new Uri(s.TrimEnd('/') + "/") : null;
        var http = httpClients.CreateClient(HttpClientName); // no timeout: a stream stays open for hours
        var runs = new List<Task>();
        var streams = section.GetSection("Streams").Get<string[]>() ?? ["public"];
        foreach (var name in streams.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var tag = name.StartsWith("hashtag:", StringComparison.OrdinalIgnoreCase) ? name["hashtag:".Length..].TrimStart('#') : null;
            var stream = new MastodonStream(http, instance, token, tag, ingest.IngestAsync, (uri, ct) => ingest.WithdrawAsync(MastodonStatuses.Source, uri, ct),
                time, logger, cursor, streamingBase);
            runs.Add(stream.RunAsync(stoppingToken));
        }
        var search = new MastodonSearch(httpClients.CreateClient(), instance, token, cursor, ingest.IngestAsync, time);
        runs.Add(new NetworkSearch(matcher, time, logger).RunAsync("Mastodon", section.GetSection("Search").Get<string[]>() ?? [],
            section.GetValue("SearchMaxTerms", 50), section.GetValue("SearchEvery", TimeSpan.FromMinutes(5)), search.PollAsync, stoppingToken));
        return Task.WhenAll(runs);
    }
}
