using System.Text.Json;
using Herald.Networks.Mastodon;

namespace Herald.Listening.Sources.Mastodon;

/// <summary>Turns a Mastodon Status (as the streaming, timeline and search APIs send it) into a listening post.</summary>
/// <remarks>The content is untrusted HTML: it is reduced to plain text (tags dropped, entities decoded), as the inbox does.</remarks>
internal static class MastodonStatuses
{
    public const string Source = "mastodon";

    /// <summary>Null for what listening does not keep: boosts (the original is what was written), non-public statuses, no URI.</summary>
    public static IncomingPost? ToIncoming(JsonElement status, string host, TimeProvider time)
    {
        if (status.ValueKind != JsonValueKind.Object
            || (status.TryGetProperty("reblog", out var reblog) && reblog.ValueKind == JsonValueKind.Object)
            || MastodonHttp.String(status, "visibility") is { } v && v is not ("public" or "unlisted")
            || (MastodonHttp.String(status, "uri") ?? MastodonHttp.String(status, "url")) is not { } uri)
        {
            return null;
        }
        var account = status.TryGetProperty("account", out var a) ? a : default;
        var acct = MastodonHttp.String(account, "acct");
        var handle = acct is null ? null : acct.Contains('@', StringComparison.Ordinal) ? acct : $"{acct}@{host}";
        var text = MastodonHtml.ToText(MastodonHttp.String(status, "content"));
        if (MastodonHttp.String(status, "spoiler_text") is { Length: > 0 } warning)
        {
            text = warning + "\n" + text;
        }
        return new IncomingPost(
            Source,
            uri,
            text,
            MastodonHttp.String(status, "language") is { Length: > 0 } lang ? [lang] : [],
            MastodonHttp.String(account, "url") ?? handle ?? uri,
            handle,
            MastodonInboxSource.Instant(status, "created_at", time),
            MastodonHttp.String(status, "url") ?? uri,
            Number(account, "followers_count"),
            (int)Math.Min(int.MaxValue, (Number(status, "favourites_count") ?? 0) + (Number(status, "reblogs_count") ?? 0) + (Number(status, "replies_count") ?? 0)));
    }

    /// <summary>The larger of two status ids (snowflakes as decimal strings: longer is larger).</summary>
    public static string? Newest(string? a, string? b) => a is null ? b : b is null ? a : MastodonInboxSource.CompareIds(a, b) >= 0 ? a : b;

    private static long? Number(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt64(out var value) ? value : null;
}
