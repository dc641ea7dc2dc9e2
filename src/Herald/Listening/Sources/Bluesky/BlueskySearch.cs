using System.Globalization;
using System.Text.Json;
using Herald.Networks.Bluesky;

namespace Herald.Listening.Sources.Bluesky;

/// <summary>
/// Polls an AppView's app.bsky.feed.searchPosts (sort=latest) for one term and hands the posts it has not handed before
/// to listening, with their author's handle and their like, repost, reply and quote counts.
/// </summary>
/// <remarks>
/// The cursor of a term is the latest <c>indexedAt</c> handed over (Unix ms). A poll walks the newest-first pages until it
/// reaches posts older than the cursor less <see cref="Overlap"/> (a post can be indexed a little after its time, so it
/// can appear below newer ones), handing over only posts indexed after the cursor; the cursor is saved once every page is
/// handled, so a crash mid-poll repeats the poll (mentions are unique) instead of skipping posts. A first poll reads at
/// most <see cref="FirstPollPages"/> pages.
/// </remarks>
internal sealed class BlueskySearch(BlueskyXrpc xrpc, string appView, IStreamCursor cursor,
    Func<IReadOnlyList<IncomingPost>, CancellationToken, Task> ingest)
{
    public const int PageSize = 100;
    public const int FirstPollPages = 3;
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(10);
    private const int MaxPages = 30;

    /// <summary>Returns how many posts the poll handed over; throws <see cref="HttpRequestException"/> when the AppView refuses.</summary>
    public async Task<int> PollAsync(string term, CancellationToken ct)
    {
        var stream = $"bluesky:{new Uri(appView).Authority}:search:{term}";
        var since = await cursor.LoadAsync(stream, ct);
        var floor = since is { } s ? DateTimeOffset.FromUnixTimeMilliseconds(s) - Overlap : (DateTimeOffset?)null;
        long? newest = null;
        string? page = null;
        var handed = 0;
        for (var n = 0; n < (since is null ? FirstPollPages : MaxPages); n++)
        {
            var query = new List<KeyValuePair<string, string>> { new("q", term), new("sort", "latest"), new("limit", PageSize.ToString(CultureInfo.InvariantCulture)) };
            if (floor is { } f)
            {
                query.Add(new("since", f.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
            }
            if (page is not null)
            {
                query.Add(new("cursor", page));
            }
            var result = await xrpc.GetAsync(appView, "app.bsky.feed.searchPosts", query, null, ct);
            if (!result.Ok)
            {
                throw new HttpRequestException(result.Failure!.Message, null, result.Failure.StatusCode is { } code ? (System.Net.HttpStatusCode)code : null);
            }
            var posts = result.Body.TryGetProperty("posts", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [];
            var incoming = new List<IncomingPost>();
            var older = false;
            foreach (var post in posts)
            {
                if (ToIncoming(post) is not { } p)
                {
                    continue;
                }
                var indexed = Time(post, "indexedAt") ?? p.PublishedAt;
                if (floor is { } lowest && (p.PublishedAt < indexed ? p.PublishedAt : indexed) < lowest)
                {
                    older = true;
                    continue;
                }
                var ms = indexed.ToUnixTimeMilliseconds();
                if (since is { } last && ms <= last)
                {
                    continue; // handed over by an earlier poll
                }
                newest = newest is { } seen && seen >= ms ? seen : ms;
                incoming.Add(p);
            }
            if (incoming.Count > 0)
            {
                await ingest(incoming, ct);
                handed += incoming.Count;
            }
            page = result.Body.TryGetProperty("cursor", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            if (older || page is null || posts.Count == 0)
            {
                break;
            }
        }
        if (newest is { } position && (since is null || position > since))
        {
            await cursor.SaveAsync(stream, position, ct);
        }
        return handed;
    }

    /// <summary>A post view (app.bsky.feed.defs#postView) as a listening post; null when it lacks a uri, an author or text.</summary>
    internal static IncomingPost? ToIncoming(JsonElement post)
    {
        if (Str(post, "uri") is not { } uri || !post.TryGetProperty("author", out var author) || Str(author, "did") is not { } did
            || !post.TryGetProperty("record", out var record) || record.ValueKind != JsonValueKind.Object || Str(record, "text") is not { } text)
        {
            return null;
        }
        var handle = Str(author, "handle") is { } h && h != "handle.invalid" ? h : null;
        var langs = record.TryGetProperty("langs", out var l) && l.ValueKind == JsonValueKind.Array
            ? [.. l.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
            : Array.Empty<string>();
        var published = Time(record, "createdAt") ?? Time(post, "indexedAt") ?? DateTimeOffset.UnixEpoch;
        var engagement = Count(post, "likeCount") + Count(post, "repostCount") + Count(post, "replyCount") + Count(post, "quoteCount");
        var rkey = uri[(uri.LastIndexOf('/') + 1)..];
        return new IncomingPost("bluesky", uri, text, langs, did, handle, published, $"https://bsky.app/profile/{handle ?? did}/post/{rkey}",
            Engagement: (int)Math.Min(engagement, int.MaxValue));
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long Count(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n > 0 ? n : 0;

    private static DateTimeOffset? Time(JsonElement e, string name) =>
        Str(e, name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
