using System.Globalization;
using Herald.Data;
using Herald.Networks;

namespace Herald.Publishing;

/// <summary>What one account will receive: its text (variant or shared) and media, checked against its network's rules.</summary>
public sealed record AccountDraft(Account Account, NetworkRules Rules, string Text, IReadOnlyList<MediaItem> Media);

/// <summary>
/// Checks each account's draft against its network's rules (declared as data) and turns an over-long text into a thread
/// when the author asked for it and the network has replies.
/// </summary>
public static class PostValidator
{
    public static (IReadOnlyList<string> Parts, IReadOnlyList<Violation> Violations) Check(AccountDraft draft, bool splitIntoThread)
    {
        var violations = new List<Violation>();
        var a = draft.Account;
        var rules = draft.Rules;
        var text = draft.Text.Trim();
        IReadOnlyList<string> parts = [text];

        if (a.Status == AccountStatus.Disconnected)
        {
            violations.Add(new(a.Id, a.Network, "accountIds", "account_disconnected", $"The account {a.Name} is disconnected; reconnect it first."));
        }
        if (text.Length == 0 && draft.Media.Count == 0)
        {
            violations.Add(new(a.Id, a.Network, "text", "empty", "The post has neither text nor media."));
        }

        var length = TextMeasure.Length(text, rules);
        var bytes = TextMeasure.Utf8Bytes(text);
        var tooLong = length > rules.MaxGraphemes || (rules.MaxBytes is { } mb && bytes > mb);
        if (tooLong && splitIntoThread && rules.SupportsThreads)
        {
            parts = ThreadSplitter.Split(text, rules);
        }
        else if (tooLong)
        {
            var msg = length > rules.MaxGraphemes
                ? $"{length.ToString(CultureInfo.InvariantCulture)} characters; {Name(a.Network)} allows {rules.MaxGraphemes.ToString(CultureInfo.InvariantCulture)}"
                  + (rules.UrlWeight is { } w ? $" (each link counts {w.ToString(CultureInfo.InvariantCulture)})" : "") + "."
                : $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes; {Name(a.Network)} allows {rules.MaxBytes!.Value.ToString(CultureInfo.InvariantCulture)}.";
            if (rules.SupportsThreads)
            {
                msg += " Shorten it, or split it into a thread.";
            }
            violations.Add(new(a.Id, a.Network, "text", "too_long", "Too long: " + msg));
        }

        CheckMedia(draft, violations);
        return (parts, violations);
    }

    private static void CheckMedia(AccountDraft draft, List<Violation> violations)
    {
        var a = draft.Account;
        var rules = draft.Rules;
        var images = draft.Media.Where(m => m.ContentType.StartsWith("image/", StringComparison.Ordinal)).ToList();
        var videos = draft.Media.Where(m => m.ContentType.StartsWith("video/", StringComparison.Ordinal)).ToList();
        if (images.Count > rules.MaxImages)
        {
            violations.Add(new(a.Id, a.Network, "mediaIds", "too_many_images", $"{images.Count} images; {Name(a.Network)} allows {rules.MaxImages} per post."));
        }
        if (videos.Count > 0 && !rules.SupportsVideo)
        {
            violations.Add(new(a.Id, a.Network, "mediaIds", "video_not_supported", $"{Name(a.Network)} does not accept video from Herald."));
        }
        else if (videos.Count > rules.MaxVideos)
        {
            violations.Add(new(a.Id, a.Network, "mediaIds", "too_many_videos", $"{videos.Count} videos; {Name(a.Network)} allows {rules.MaxVideos}."));
        }
        if (videos.Count > 0 && images.Count > 0 && !rules.MixesImagesAndVideo)
        {
            violations.Add(new(a.Id, a.Network, "mediaIds", "mixed_media", $"{Name(a.Network)} does not mix images and a video in one post."));
        }
        foreach (var m in draft.Media)
        {
            var isImage = m.ContentType.StartsWith("image/", StringComparison.Ordinal);
            var allowed = isImage ? rules.ImageTypes : rules.VideoTypes;
            if (!allowed.Contains(m.ContentType))
            {
                violations.Add(new(a.Id, a.Network, "mediaIds", "media_type", $"{m.FileName}: {m.ContentType} is not accepted by {Name(a.Network)} ({string.Join(", ", allowed)})."));
            }
            var max = isImage ? rules.MaxImageBytes : rules.MaxVideoBytes;
            if (m.Size > max)
            {
                violations.Add(new(a.Id, a.Network, "mediaIds", "media_too_large", $"{m.FileName} is {Size(m.Size)}; {Name(a.Network)} accepts up to {Size(max)} per {(isImage ? "image" : "video")}."));
            }
            if (string.IsNullOrWhiteSpace(m.AltText))
            {
                violations.Add(new(a.Id, a.Network, "mediaIds", "alt_text_missing", $"{m.FileName} has no alt text: people using screen readers will not know what it shows.", Warning: true));
            }
            else if (TextMeasure.Graphemes(m.AltText) > rules.MaxAltTextGraphemes)
            {
                violations.Add(new(a.Id, a.Network, "mediaIds", "alt_text_too_long", $"The alt text of {m.FileName} is longer than the {rules.MaxAltTextGraphemes} characters {Name(a.Network)} allows."));
            }
        }
    }

    internal static string Name(string network) => network switch
    {
        "bluesky" => "Bluesky",
        "mastodon" => "Mastodon",
        "sandbox" => "Sandbox",
        "" => network,
        _ => char.ToUpperInvariant(network[0]) + network[1..],
    };

    private static string Size(long bytes) => bytes >= 1_000_000
        ? (bytes / 1_000_000.0).ToString("0.#", CultureInfo.InvariantCulture) + " MB"
        : (bytes / 1000.0).ToString("0.#", CultureInfo.InvariantCulture) + " kB";
}
