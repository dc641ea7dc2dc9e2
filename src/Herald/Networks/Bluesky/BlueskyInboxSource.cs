using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Herald.Inbox;
using Microsoft.Extensions.Logging;

namespace Herald.Networks.Bluesky;

/// <summary>
/// Reads a Bluesky account's notifications through its PDS (which proxies app.bsky.* to the AppView): replies, mentions and
/// quotes into the inbox, likes, reposts and follows counted. The stored cursor is the newest indexedAt seen: each poll pages
/// back from the newest notification until it is <see cref="Overlap"/> older than that. The overlap is needed because a
/// notification's indexedAt is its record's own time (createdAt when plausible), not when the AppView indexed it, so a
/// record indexed late sorts before ones already seen; the inbox drops what it already has. A reply carries its thread's root and parent (uri and cid) in its
/// record, which is what the inbox threads under and what a reply from Herald points at.
/// </summary>
internal sealed class BlueskyInboxSource(IHttpClientFactory clients, TimeProvider time, ILogger<BlueskyInboxSource> logger) : IInboxSource
{
    public const string Notifications = "notifications";
    private const int Limit = 100;
    private const int MaxPages = 20;

    /// <summary>How far before the newest notification already seen each poll looks again.</summary>
    internal static readonly TimeSpan Overlap = TimeSpan.FromMinutes(10);

    public string Network => BlueskyConnector.Key;

    public TimeSpan PollInterval => TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Sources { get; } = [Notifications];

    private (BlueskyXrpc Xrpc, BlueskySessions Sessions) Client()
    {
        var xrpc = new BlueskyXrpc(clients.CreateClient(nameof(BlueskyConnector)), time);
        return (xrpc, new BlueskySessions(xrpc, time, logger));
    }

    public async Task<NetworkResult<InboxPage>> FetchAsync(PublishContext account, string source, string? cursor, CancellationToken ct)
    {
        var (xrpc, sessions) = Client();
        var seenUntil = LookBackFrom(cursor);
        var newest = cursor;
        var items = new List<IncomingItem>();
        var engagements = new List<IncomingEngagement>();
        string? page = null;
        for (var i = 0; i < MaxPages; i++)
        {
            var query = new List<KeyValuePair<string, string>> { new("limit", Limit.ToString(CultureInfo.InvariantCulture)) };
            if (page is not null)
            {
                query.Add(new("cursor", page));
            }
            var result = await sessions.CallAsync(account, c => xrpc.GetAsync(c.Service, "app.bsky.notification.listNotifications", query, c.AccessJwt, ct), ct);
            if (!result.Ok)
            {
                return result.Failure!;
            }
            var reachedSeen = false;
            foreach (var n in result.Body.GetProperty("notifications").EnumerateArray())
            {
                var indexedAt = Text(n, "indexedAt") ?? "";
                // ISO 8601 UTC instants from one server compare as strings.
                if (seenUntil is not null && string.CompareOrdinal(indexedAt, seenUntil) < 0)
                {
                    reachedSeen = true;
                    continue;
                }
                if (newest is null || string.CompareOrdinal(indexedAt, newest) > 0)
                {
                    newest = indexedAt;
                }
                Map(n, account.RemoteId, items, engagements);
            }
            page = Text(result.Body, "cursor");
            if (reachedSeen || page is null)
            {
                break;
            }
        }
        return NetworkResult<InboxPage>.Success(new InboxPage(items, engagements, newest, false));
    }

    /// <summary>The cursor moved <see cref="Overlap"/> back, in the AppView's own timestamp format so that strings compare as instants.</summary>
    private static string? LookBackFrom(string? cursor) =>
        cursor is not null && DateTimeOffset.TryParse(cursor, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? (at.ToUniversalTime() - Overlap).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
            : cursor;

    private static void Map(JsonElement n, string? brandDid, List<IncomingItem> items, List<IncomingEngagement> engagements)
    {
        var uri = Text(n, "uri")!;
        var author = n.GetProperty("author");
        var who = new IncomingAuthor(Text(author, "handle") ?? Text(author, "did")!, Text(author, "displayName"), Text(author, "avatar"));
        var at = DateTimeOffset.TryParse(Text(n, "indexedAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : DateTimeOffset.UnixEpoch;
        var record = n.TryGetProperty("record", out var r) ? r : default;
        switch (Text(n, "reason"))
        {
            case "reply" or "mention" or "quote":
                var reply = record.ValueKind == JsonValueKind.Object && record.TryGetProperty("reply", out var rp) ? rp : default;
                var root = reply.ValueKind == JsonValueKind.Object ? reply.GetProperty("root") : default;
                var parent = reply.ValueKind == JsonValueKind.Object ? reply.GetProperty("parent") : default;
                var parentUri = parent.ValueKind == JsonValueKind.Object ? Text(parent, "uri") : null;
                // A reply that also mentions the brand arrives as "mention": it is still a reply when it answers the brand.
                var answersBrand = parentUri is not null && brandDid is not null && BlueskyAtUri.Parse(parentUri)?.Repo == brandDid;
                var kind = Text(n, "reason") switch
                {
                    "quote" => InboxKind.Quote,
                    "reply" => InboxKind.Reply,
                    _ => answersBrand ? InboxKind.Reply : InboxKind.Mention,
                };
                var rootUri = root.ValueKind == JsonValueKind.Object ? Text(root, "uri") : null;
                var parsed = BlueskyAtUri.Parse(uri);
                items.Add(new IncomingItem(kind, uri, who, Text(record, "text") ?? "", at,
                    ConversationKey: kind == InboxKind.Reply ? rootUri ?? parentUri ?? uri : uri,
                    Url: parsed is null ? null : $"https://bsky.app/profile/{who.Handle}/post/{parsed.RecordKey}",
                    Cid: Text(n, "cid"),
                    ParentRemoteId: parentUri,
                    ParentCid: parent.ValueKind == JsonValueKind.Object ? Text(parent, "cid") : null,
                    RootRemoteId: rootUri,
                    RootCid: root.ValueKind == JsonValueKind.Object ? Text(root, "cid") : null,
                    Language: record.ValueKind == JsonValueKind.Object && record.TryGetProperty("langs", out var langs) && langs.ValueKind == JsonValueKind.Array && langs.GetArrayLength() > 0
                        ? langs[0].GetString() : null));
                break;
            case "like" or "repost" or "follow":
                engagements.Add(new IncomingEngagement(Text(n, "reason")!, uri, who, Text(n, "reasonSubject"), at));
                break;
        }
    }

    /// <summary>A like is an app.bsky.feed.like record in the brand's repository.</summary>
    public async Task<NetworkResult<bool>> LikeAsync(PublishContext account, string remoteId, string? cid, CancellationToken ct)
    {
        if (cid is null)
        {
            return new NetworkFailure(FailureKind.Permanent, "Bluesky needs the post's CID to like it.");
        }
        var (xrpc, sessions) = Client();
        var result = await sessions.CallAsync(account, c => xrpc.PostJsonAsync(c.Service, "com.atproto.repo.createRecord", new JsonObject
        {
            ["repo"] = c.Did ?? account.RemoteId,
            ["collection"] = "app.bsky.feed.like",
            ["record"] = new JsonObject
            {
                ["$type"] = "app.bsky.feed.like",
                ["subject"] = new JsonObject { ["uri"] = remoteId, ["cid"] = cid },
                ["createdAt"] = time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            },
        }, c.AccessJwt, mutating: false, ct), ct);
        return result.Ok ? NetworkResult<bool>.Success(true) : result.Failure!;
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
