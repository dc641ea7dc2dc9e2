using System.Text.Json;
using Herald.Inbox;

namespace Herald.Networks.Mastodon;

/// <summary>Turns Mastodon notifications and conversations into inbox items and engagement.</summary>
internal static class MastodonInboxMapping
{
    public static InboxPage FromNotifications(JsonElement list, string? ownId, string host, string? cursor, int limit)
    {
        var items = new List<IncomingItem>();
        var engagements = new List<IncomingEngagement>();
        var newest = cursor;
        foreach (var n in list.EnumerateArray())
        {
            var id = MastodonHttp.String(n, "id");
            if (id is null)
            {
                continue;
            }
            if (newest is null || MastodonInboxSource.CompareIds(id, newest) > 0)
            {
                newest = id;
            }
            var type = MastodonHttp.String(n, "type");
            var actor = Author(n.TryGetProperty("account", out var a) ? a : default, host);
            var at = MastodonInboxSource.Instant(n, "created_at");
            var status = n.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
            switch (type)
            {
                case "mention" or "quote" when status.ValueKind == JsonValueKind.Object:
                    var parent = MastodonHttp.String(status, "in_reply_to_id");
                    var toBrand = ownId is not null && MastodonHttp.String(status, "in_reply_to_account_id") == ownId;
                    var kind = type == "quote" ? InboxKind.Quote : toBrand && parent is not null ? InboxKind.Reply : InboxKind.Mention;
                    items.Add(StatusItem(kind, status, host, at, parent is not null && toBrand ? parent : null));
                    break;
                case "favourite" or "reblog":
                    engagements.Add(new IncomingEngagement(type == "favourite" ? "like" : "repost", "n:" + id, actor,
                        status.ValueKind == JsonValueKind.Object ? MastodonHttp.String(status, "id") : null, at));
                    break;
                case "follow":
                    engagements.Add(new IncomingEngagement("follow", "n:" + id, actor, null, at));
                    break;
            }
        }
        return new InboxPage(items, engagements, newest, cursor is not null && list.GetArrayLength() >= limit);
    }

    /// <summary>Each conversation's last status is a direct message, unless the brand wrote it.</summary>
    public static InboxPage FromConversations(JsonElement list, string? ownId, string host, string? cursor)
    {
        var items = new List<IncomingItem>();
        var newest = cursor;
        foreach (var c in list.EnumerateArray())
        {
            if (!c.TryGetProperty("last_status", out var status) || status.ValueKind != JsonValueKind.Object
                || MastodonHttp.String(status, "id") is not { } statusId)
            {
                continue;
            }
            var author = status.TryGetProperty("account", out var a) ? MastodonHttp.String(a, "id") : null;
            if ((cursor is not null && MastodonInboxSource.CompareIds(statusId, cursor) <= 0) || (ownId is not null && author == ownId))
            {
                continue;
            }
            if (newest is null || MastodonInboxSource.CompareIds(statusId, newest) > 0)
            {
                newest = statusId;
            }
            var item = StatusItem(InboxKind.Message, status, host, MastodonInboxSource.Instant(status, "created_at"), MastodonHttp.String(status, "in_reply_to_id"));
            items.Add(item with { ConversationKey = "dm:" + (MastodonHttp.String(c, "id") ?? statusId) });
        }
        return new InboxPage(items, [], newest, false);
    }

    private static IncomingItem StatusItem(InboxKind kind, JsonElement status, string host, DateTimeOffset at, string? parent)
    {
        var id = MastodonHttp.String(status, "id")!;
        var author = Author(status.TryGetProperty("account", out var a) ? a : default, host);
        var text = MastodonHttp.String(status, "text") ?? MastodonHtml.ToText(MastodonHttp.String(status, "content"));
        return new IncomingItem(kind, id, author, text, MastodonInboxSource.Instant(status, "created_at") is var created && created != DateTimeOffset.UnixEpoch ? created : at,
            ConversationKey: parent ?? id,
            Url: MastodonHttp.String(status, "url") ?? MastodonHttp.String(status, "uri"),
            ParentRemoteId: parent,
            RootRemoteId: parent,
            Language: MastodonHttp.String(status, "language"));
    }

    /// <summary>acct is "user" for local accounts and "user@host" for remote ones: always qualified here.</summary>
    private static IncomingAuthor Author(JsonElement account, string host)
    {
        if (account.ValueKind != JsonValueKind.Object)
        {
            return new IncomingAuthor("unknown@" + host);
        }
        var acct = MastodonHttp.String(account, "acct") ?? MastodonHttp.String(account, "username") ?? "unknown";
        var handle = acct.Contains('@', StringComparison.Ordinal) ? acct : $"{acct}@{host}";
        var name = MastodonHttp.String(account, "display_name");
        return new IncomingAuthor(handle, string.IsNullOrWhiteSpace(name) ? null : name, MastodonHttp.String(account, "avatar"));
    }
}
