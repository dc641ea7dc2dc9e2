namespace Herald.Curation;

/// <summary>A subscription as the API shows it, with its unread count and its last error.</summary>
public sealed record SubscriptionDto(string Id, string Url, string? Title, string? SiteUrl, string? Folder, int Unread,
    DateTimeOffset? LastFetchedAt, DateTimeOffset? LastSuccessAt, DateTimeOffset NextFetchAt, int Failures, string? LastError)
{
    public static SubscriptionDto From(FeedSubscription s, int unread) =>
        new(s.Id, s.Url, s.Title, s.SiteUrl, s.Folder, unread, s.LastFetchedAt, s.LastSuccessAt, s.NextFetchAt, s.Failures, s.LastError);
}

/// <summary>A feed item as the API shows it. Summary and content are the feed's HTML, untrusted: render as text or sanitize.</summary>
public sealed record FeedItemDto(string Id, string SubscriptionId, string? Title, string? Link, string? Summary, string? Content,
    string? Author, DateTimeOffset? PublishedAt, DateTimeOffset FetchedAt, bool Read, string? ComposeUrl)
{
    public static FeedItemDto From(FeedEntry e) =>
        new(e.Id, e.SubscriptionId, e.Title, e.Link, e.Summary, e.Content, e.Author, e.PublishedAt, e.FetchedAt, e.ReadAt is not null,
            e.Link is null ? null : ComposeLink.For(e.Title, e.Link));
}

/// <summary>A saved article as the API shows it (text is plain text).</summary>
public sealed record SavedArticleDto(string Id, string Url, string? Title, string? Site, string? Excerpt, string? Text, string Status,
    string? Error, string? FeedItemId, DateTimeOffset SavedAt, bool Read, string ComposeUrl)
{
    public static SavedArticleDto From(SavedArticle a, bool withText = true) =>
        new(a.Id, a.Url, a.Title, a.Site, a.Excerpt, withText ? a.Text : null, a.Status.ToString().ToLowerInvariant(), a.Error, a.FeedEntryId,
            a.SavedAt, a.ReadAt is not null, ComposeLink.For(a.Title, a.Url));
}
