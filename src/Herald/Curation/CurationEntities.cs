using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Curation;

/// <summary>A workspace's subscription to one feed, with its polling state.</summary>
public sealed class FeedSubscription
{
    public string Id { get; set; } = "";
    public string WorkspaceId { get; set; } = "";
    /// <summary>The feed's URL (after discovery from a page, the feed itself).</summary>
    public string Url { get; set; } = "";
    public string? Title { get; set; }
    public string? SiteUrl { get; set; }
    public string? Folder { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string? ETag { get; set; }
    public string? LastModified { get; set; }
    public DateTimeOffset? LastFetchedAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public DateTimeOffset NextFetchAt { get; set; }
    /// <summary>Consecutive failures; drives the backoff, reset by a success.</summary>
    public int Failures { get; set; }
    public string? LastError { get; set; }
}

/// <summary>One item of a subscribed feed, kept once per subscription (deduplicated by guid, else link).</summary>
public sealed class FeedEntry
{
    public string Id { get; set; } = "";
    public string SubscriptionId { get; set; } = "";
    public string WorkspaceId { get; set; } = "";
    /// <summary>SHA-256 of the item's guid, else link, else title and date.</summary>
    public string Key { get; set; } = "";
    public string? Title { get; set; }
    public string? Link { get; set; }
    public string? Summary { get; set; }
    public string? Content { get; set; }
    public string? Author { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    /// <summary>When Herald first saw it; orders items that have no date.</summary>
    public DateTimeOffset FetchedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>Where a saved article's text extraction stands.</summary>
public enum ArticleStatus { Pending, Ready, Failed }

/// <summary>An article saved to read later, with its readable text.</summary>
public sealed class SavedArticle
{
    public string Id { get; set; } = "";
    public string WorkspaceId { get; set; } = "";
    public string Url { get; set; } = "";
    public string? Title { get; set; }
    public string? Site { get; set; }
    public string? Excerpt { get; set; }
    /// <summary>Plain text only: extracted markup is never stored, so nothing from the page can run in Herald's pages.</summary>
    public string? Text { get; set; }
    public string? FeedEntryId { get; set; }
    public ArticleStatus Status { get; set; }
    public string? Error { get; set; }
    public string SavedBy { get; set; } = "";
    public DateTimeOffset SavedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

internal sealed class FeedSubscriptionConfiguration : IEntityTypeConfiguration<FeedSubscription>
{
    public void Configure(EntityTypeBuilder<FeedSubscription> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Url).HasMaxLength(2048);
        e.HasIndex(x => new { x.WorkspaceId, x.Url }).IsUnique();
        e.HasIndex(x => x.NextFetchAt);
    }
}

internal sealed class FeedEntryConfiguration : IEntityTypeConfiguration<FeedEntry>
{
    public void Configure(EntityTypeBuilder<FeedEntry> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Key).HasMaxLength(64);
        e.HasIndex(x => new { x.SubscriptionId, x.Key }).IsUnique();
        e.HasIndex(x => new { x.WorkspaceId, x.PublishedAt });
    }
}

internal sealed class SavedArticleConfiguration : IEntityTypeConfiguration<SavedArticle>
{
    public void Configure(EntityTypeBuilder<SavedArticle> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Url).HasMaxLength(2048);
        e.HasIndex(x => new { x.WorkspaceId, x.Url }).IsUnique();
        e.HasIndex(x => new { x.WorkspaceId, x.SavedAt });
    }
}
