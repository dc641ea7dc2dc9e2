namespace Herald.Networks;

/// <summary>
/// A network's publishing rules, declared as data: validation, previews and thread splitting all read these,
/// so what the composer shows and what the server refuses never disagree.
/// </summary>
public sealed record NetworkRules
{
    /// <summary>Maximum length in extended grapheme clusters (what people see as characters).</summary>
    public int MaxGraphemes { get; init; } = 500;

    /// <summary>Maximum length in UTF-8 bytes, where the network has one (Bluesky: 3,000).</summary>
    public int? MaxBytes { get; init; }

    /// <summary>Where every URL counts as a fixed number of characters whatever its length (Mastodon: 23).</summary>
    public int? UrlWeight { get; init; }

    /// <summary>Remote mentions (@user@domain) count only their local part (Mastodon).</summary>
    public bool MentionsCountLocalPartOnly { get; init; }

    public int MaxImages { get; init; } = 4;
    public long MaxImageBytes { get; init; } = 1_000_000;
    public IReadOnlyList<string> ImageTypes { get; init; } = ["image/jpeg", "image/png", "image/gif", "image/webp"];
    public int MaxAltTextGraphemes { get; init; } = 1_500;

    public bool SupportsVideo { get; init; }
    public int MaxVideos { get; init; } = 1;
    public long MaxVideoBytes { get; init; } = 40_000_000;
    public IReadOnlyList<string> VideoTypes { get; init; } = ["video/mp4"];

    /// <summary>Whether images and a video can go in the same post.</summary>
    public bool MixesImagesAndVideo { get; init; }

    /// <summary>Whether the network has replies, so a long text can become a thread.</summary>
    public bool SupportsThreads { get; init; } = true;

    /// <summary>
    /// Herald's own posting budget per account, under the network's published limits, so a burst (a bulk import, a
    /// backlog after an outage) waits instead of hitting 429s: at most this many posts per <see cref="PostWindow"/>.
    /// </summary>
    public int? MaxPostsPerWindow { get; init; }
    public TimeSpan PostWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How many deliveries Herald sends to one account at once, and to the whole network at once.</summary>
    public int AccountConcurrency { get; init; } = 1;
    public int NetworkConcurrency { get; init; } = 16;
}
