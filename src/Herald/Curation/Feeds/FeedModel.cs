namespace Herald.Curation.Feeds;

/// <summary>A feed of any format, normalized: what Herald stores and what `./herald feeds parse --json` prints.</summary>
public sealed class ParsedFeed
{
    /// <summary>"rss", "atom" or "json".</summary>
    public string Format { get; set; } = "";
    /// <summary>"2.0", "1.0", "0.3", "1.1"…</summary>
    public string? Version { get; set; }
    public string? Title { get; set; }
    public string? Link { get; set; }
    public string? FeedLink { get; set; }
    public string? Description { get; set; }
    public string? Language { get; set; }
    public DateTimeOffset? Updated { get; set; }
    public DateTimeOffset? Published { get; set; }
    public string? Image { get; set; }
    public List<FeedPerson> Authors { get; } = [];
    public List<string> Categories { get; } = [];
    public List<FeedItem> Items { get; } = [];
}

/// <summary>One entry of a feed.</summary>
public sealed class FeedItem
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public string? Link { get; set; }
    public string? Summary { get; set; }
    public string? Content { get; set; }
    public DateTimeOffset? Published { get; set; }
    public DateTimeOffset? Updated { get; set; }
    public string? Image { get; set; }
    public List<FeedPerson> Authors { get; } = [];
    public List<string> Categories { get; } = [];
    public List<FeedEnclosure> Enclosures { get; } = [];

    /// <summary>The key that identifies the item across polls: its id, else its link, else its title and date.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string DedupKey => Id ?? Link ?? $"{Title}|{Published?.ToUnixTimeMilliseconds()}|{Summary?.Length}";
}

/// <summary>An author or contributor.</summary>
public sealed record FeedPerson(string? Name, string? Email, string? Uri);

/// <summary>A podcast episode or other attached file.</summary>
public sealed record FeedEnclosure(string Url, string? Type, long? Length);

/// <summary>The input is not a feed Herald can read (an HTML page, empty, binary, broken XML).</summary>
public sealed class FeedFormatException(string message, Exception? inner = null) : Exception(message, inner);
