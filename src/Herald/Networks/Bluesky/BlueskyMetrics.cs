using System.Text.Json;
using Herald.Analytics;
using Microsoft.Extensions.Logging;

namespace Herald.Networks.Bluesky;

/// <summary>
/// Bluesky's counts from the AppView, asked through the account's PDS with its session (the PDS proxies app.bsky.* calls):
/// app.bsky.feed.getPosts for likes, reposts, replies and quotes (Bluesky gives no impressions), app.bsky.actor.getProfile
/// for followers. Uses the connector's HTTP client and session handling.
/// </summary>
internal sealed class BlueskyMetrics(IHttpClientFactory clients, TimeProvider time, ILogger<BlueskyMetrics> logger) : IBatchMetricsSource
{
    /// <summary>getPosts takes at most 25 uris per call.</summary>
    public const int MaxUris = 25;

    public string Network => BlueskyConnector.Key;

    private (BlueskyXrpc Xrpc, BlueskySessions Sessions) Client()
    {
        var xrpc = new BlueskyXrpc(clients.CreateClient(nameof(BlueskyConnector)), time);
        return (xrpc, new BlueskySessions(xrpc, time, logger));
    }

    public async Task<NetworkResult<PostCounts>> GetPostAsync(PublishContext account, string remoteId, CancellationToken ct)
    {
        var batch = await GetPostsAsync(account, [remoteId], ct);
        if (!batch.Ok)
        {
            return batch.Failure!;
        }
        // getPosts leaves out posts that are deleted or hidden: treat that as gone, like a 404.
        return batch.Value!.TryGetValue(remoteId, out var counts)
            ? NetworkResult<PostCounts>.Success(counts)
            : new NetworkFailure(FailureKind.Permanent, $"Bluesky has no post {remoteId} (deleted or taken down).", StatusCode: 404);
    }

    /// <summary>The counts of several posts by at:// uri, in calls of up to 25; a uri missing from the answer is gone.</summary>
    public async Task<NetworkResult<IReadOnlyDictionary<string, PostCounts>>> GetPostsAsync(PublishContext account, IReadOnlyCollection<string> uris, CancellationToken ct)
    {
        var (xrpc, sessions) = Client();
        var counts = new Dictionary<string, PostCounts>(StringComparer.Ordinal);
        foreach (var chunk in uris.Distinct(StringComparer.Ordinal).Chunk(MaxUris))
        {
            var query = chunk.Select(u => new KeyValuePair<string, string>("uris", u)).ToList();
            var result = await sessions.CallAsync(account, c => xrpc.GetAsync(c.Service, "app.bsky.feed.getPosts", query, c.AccessJwt, ct), ct);
            if (!result.Ok)
            {
                return result.Failure!;
            }
            if (result.Body.ValueKind != JsonValueKind.Object || !result.Body.TryGetProperty("posts", out var posts) || posts.ValueKind != JsonValueKind.Array)
            {
                return new NetworkFailure(FailureKind.Transient, "Bluesky's getPosts answer has no posts.");
            }
            foreach (var p in posts.EnumerateArray())
            {
                if (p.TryGetProperty("uri", out var uri) && uri.GetString() is { } u)
                {
                    counts[u] = new PostCounts(Int(p, "likeCount"), Int(p, "repostCount"), Int(p, "replyCount"), Int(p, "quoteCount"));
                }
            }
        }
        return NetworkResult<IReadOnlyDictionary<string, PostCounts>>.Success(counts);
    }

    public async Task<NetworkResult<long>> GetFollowersAsync(PublishContext account, CancellationToken ct)
    {
        var (xrpc, sessions) = Client();
        var result = await sessions.CallAsync(account, c =>
        {
            var actor = c.Did ?? account.RemoteId ?? c.Identifier;
            return xrpc.GetAsync(c.Service, "app.bsky.actor.getProfile", [new("actor", actor)], c.AccessJwt, ct);
        }, ct);
        if (!result.Ok)
        {
            return result.Failure!;
        }
        return result.Body.ValueKind == JsonValueKind.Object && result.Body.TryGetProperty("followersCount", out var f) && f.TryGetInt64(out var n)
            ? NetworkResult<long>.Success(n)
            : new NetworkFailure(FailureKind.Transient, "Bluesky's profile has no followersCount yet.");
    }

    private static int Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : 0;
}
