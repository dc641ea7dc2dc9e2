using System.Text.Json;

namespace Herald.Networks.Mastodon;

/// <summary>Mastodon's publishing rules: the defaults of a stock instance, and an instance's own limits read from its API.</summary>
internal static class MastodonRules
{
    public static readonly NetworkRules Default = new()
    {
        MaxGraphemes = 500,
        UrlWeight = 23,
        MentionsCountLocalPartOnly = true,
        MaxImages = 4,
        MaxImageBytes = 16 * 1024 * 1024,
        ImageTypes = ["image/jpeg", "image/png", "image/gif", "image/webp"],
        MaxAltTextGraphemes = 1_500,
        SupportsVideo = true,
        MaxVideos = 1,
        MaxVideoBytes = 99 * 1024 * 1024,
        VideoTypes = ["video/mp4", "video/webm", "video/quicktime"],
        MixesImagesAndVideo = false,
        SupportsThreads = true,
    };

    /// <summary>
    /// Reads configuration.statuses and configuration.media_attachments of /api/v2/instance (or /api/v1/instance,
    /// same shape; older servers and forks put max_toot_chars at the top). Anything missing keeps its default.
    /// </summary>
    public static NetworkRules FromInstance(JsonElement instance)
    {
        var rules = Default;
        var configuration = instance.Get("configuration");
        var statuses = configuration?.Get("statuses");
        var media = configuration?.Get("media_attachments");

        if ((statuses?.Int("max_characters") ?? instance.Int("max_toot_chars")) is { } maxCharacters and > 0)
        {
            rules = rules with { MaxGraphemes = maxCharacters };
        }
        if (statuses?.Int("characters_reserved_per_url") is { } urlWeight and > 0)
        {
            rules = rules with { UrlWeight = urlWeight };
        }
        if (statuses?.Int("max_media_attachments") is { } maxMedia and > 0)
        {
            rules = rules with { MaxImages = maxMedia };
        }
        if (media?.Long("image_size_limit") is { } imageBytes and > 0)
        {
            rules = rules with { MaxImageBytes = imageBytes };
        }
        if (media?.Long("video_size_limit") is { } videoBytes and > 0)
        {
            rules = rules with { MaxVideoBytes = videoBytes };
        }
        if (media?.Int("description_limit") is { } altText and > 0)
        {
            rules = rules with { MaxAltTextGraphemes = altText };
        }
        if (media?.Get("supported_mime_types") is { ValueKind: JsonValueKind.Array } types)
        {
            var all = types.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList();
            var images = all.Where(t => t.StartsWith("image/", StringComparison.OrdinalIgnoreCase)).ToList();
            var videos = all.Where(t => t.StartsWith("video/", StringComparison.OrdinalIgnoreCase)).ToList();
            if (images.Count > 0)
            {
                rules = rules with { ImageTypes = images };
            }
            if (videos.Count > 0)
            {
                rules = rules with { VideoTypes = videos };
            }
        }
        return rules;
    }

    private static JsonElement? Get(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static int? Int(this JsonElement element, string name) =>
        element.Get(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var number) ? number : null;

    private static long? Long(this JsonElement element, string name) =>
        element.Get(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;
}
