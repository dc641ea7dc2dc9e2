using System.Globalization;
using System.Text.Json;

namespace Herald.Networks.Mastodon;

/// <summary>Finds, among an account's recent statuses, the one an earlier attempt created for a part.</summary>
internal static class MastodonStatusMatch
{
    public static RemotePost? Find(JsonElement statuses, string text, DateTimeOffset notBefore)
    {
        if (statuses.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var wanted = MastodonText.FromSource(text);
        RemotePost? oldest = null;
        var oldestAt = DateTimeOffset.MaxValue;
        foreach (var status in statuses.EnumerateArray())
        {
            var id = MastodonHttp.String(status, "id");
            var content = MastodonHttp.String(status, "content");
            if (id is null || content is null
                || !DateTimeOffset.TryParse(MastodonHttp.String(status, "created_at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var createdAt)
                || createdAt < notBefore
                || MastodonText.FromHtml(content) != wanted)
            {
                continue;
            }
            // Several matches: the oldest is the one the first attempt created.
            if (createdAt < oldestAt)
            {
                oldest = new RemotePost(id, MastodonHttp.String(status, "url"));
                oldestAt = createdAt;
            }
        }
        return oldest;
    }
}
