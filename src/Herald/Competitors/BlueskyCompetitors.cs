using System.Globalization;
using System.Text.Json;
using Herald.Networks;
using Herald.Networks.Bluesky;

namespace Herald.Competitors;

/// <summary>
/// Bluesky competitors through the public AppView, unauthenticated: app.bsky.actor.getProfile for the audience,
/// app.bsky.feed.getAuthorFeed (own posts, no replies, reposts skipped) for the posts and their counts.
/// </summary>
internal sealed class BlueskyCompetitors(IHttpClientFactory clients, CompetitorOptions options, TimeProvider time) : ICompetitorSource
{
    public string Network => BlueskyConnector.Key;

    private BlueskyXrpc Xrpc() => new(clients.CreateClient(CompetitorServices.HttpClientName), time);

    public string? Normalize(string handle)
    {
        var h = handle.Trim().TrimStart('@').ToLowerInvariant();
        if (h.StartsWith("did:", StringComparison.Ordinal))
        {
            return h.Length > 8 ? h : null;
        }
        // A handle is a domain name: at least two labels of letters, digits and hyphens.
        var labels = h.Split('.');
        return labels.Length >= 2 && labels.All(l => l.Length is > 0 and <= 63 && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')) ? h : null;
    }

    public async Task<NetworkResult<CompetitorProfile>> GetProfileAsync(CompetitorRef competitor, CancellationToken ct)
    {
        var result = await Xrpc().GetAsync(options.BlueskyAppView, "app.bsky.actor.getProfile", [new("actor", competitor.RemoteId ?? competitor.Handle)], null, ct);
        if (!result.Ok)
        {
            // The AppView answers 400 InvalidRequest "Profile not found" for an unknown actor.
            return result.Error is "InvalidRequest" or "NotFound" ? result.Failure! with { Kind = FailureKind.Permanent, StatusCode = 404 } : result.Failure!;
        }
        var p = result.Body;
        if (p.ValueKind != JsonValueKind.Object || Str(p, "did") is not { } did)
        {
            return new NetworkFailure(FailureKind.Transient, "Bluesky's profile answer has no did.");
        }
        var handle = Str(p, "handle") ?? competitor.Handle;
        return NetworkResult<CompetitorProfile>.Success(new CompetitorProfile(did, handle, Str(p, "displayName"),
            Long(p, "followersCount") ?? 0, Long(p, "followsCount"), Long(p, "postsCount"), $"https://bsky.app/profile/{handle}"));
    }

    public async Task<NetworkResult<IReadOnlyList<CompetitorPostCounts>>> GetRecentPostsAsync(CompetitorRef competitor, DateTimeOffset since, int limit, CancellationToken ct)
    {
        var actor = competitor.RemoteId ?? competitor.Handle;
        var posts = new List<CompetitorPostCounts>();
        string? cursor = null;
        var xrpc = Xrpc();
        while (posts.Count < limit)
        {
            var query = new List<KeyValuePair<string, string>> { new("actor", actor), new("limit", "50"), new("filter", "posts_no_replies") };
            if (cursor is not null)
            {
                query.Add(new("cursor", cursor));
            }
            var result = await xrpc.GetAsync(options.BlueskyAppView, "app.bsky.feed.getAuthorFeed", query, null, ct);
            if (!result.Ok)
            {
                return result.Failure!;
            }
            if (!result.Body.TryGetProperty("feed", out var feed) || feed.ValueKind != JsonValueKind.Array)
            {
                return new NetworkFailure(FailureKind.Transient, "Bluesky's author feed has no feed.");
            }
            var older = false;
            foreach (var item in feed.EnumerateArray())
            {
                // A repost (or a pinned post shown again) carries a reason; it is not the account's own new post.
                if (item.TryGetProperty("reason", out _) || !item.TryGetProperty("post", out var post) || Str(post, "uri") is not { } uri)
                {
                    continue;
                }
                if (post.TryGetProperty("author", out var author) && Str(author, "did") is { } did && competitor.RemoteId is { } own && did != own)
                {
                    continue;
                }
                var record = post.TryGetProperty("record", out var r) ? r : default;
                var at = Date(record, "createdAt") ?? Date(post, "indexedAt") ?? time.GetUtcNow();
                if (at < since)
                {
                    older = true;
                    continue;
                }
                var rkey = uri[(uri.LastIndexOf('/') + 1)..];
                var handle = post.TryGetProperty("author", out var au) ? Str(au, "handle") ?? competitor.Handle : competitor.Handle;
                posts.Add(new CompetitorPostCounts(uri, $"https://bsky.app/profile/{handle}/post/{rkey}", Cut(record.ValueKind == JsonValueKind.Object ? Str(record, "text") : null),
                    at, Int(post, "likeCount"), Int(post, "repostCount"), Int(post, "replyCount"), Int(post, "quoteCount")));
            }
            cursor = Str(result.Body, "cursor");
            if (older || cursor is null || feed.GetArrayLength() == 0)
            {
                break;
            }
        }
        return NetworkResult<IReadOnlyList<CompetitorPostCounts>>.Success(posts.Take(limit).ToList());
    }

    internal static string Cut(string? text) => text is null ? "" : text.Length <= 500 ? text : text[..499] + "…";

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private static int Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : 0;

    private static DateTimeOffset? Date(JsonElement e, string name) =>
        Str(e, name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;
}
