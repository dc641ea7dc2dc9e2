namespace Herald.Listening;

/// <summary>A public post read from a network, before matching: where it comes from, who wrote it, what it says.</summary>
public sealed record IncomingPost(
    string Source,
    string SourceUri,
    string Text,
    string[] Langs,
    string AuthorId,
    string? AuthorHandle,
    DateTimeOffset PublishedAt,
    string? Url = null,
    long? AuthorFollowers = null,
    int Engagement = 0);
