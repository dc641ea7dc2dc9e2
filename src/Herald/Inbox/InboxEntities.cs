using Herald.Data;

namespace Herald.Inbox;

/// <summary>What kind of thing someone said to the brand.</summary>
public enum InboxKind
{
    Reply,
    Mention,
    Quote,
    Message,
}

/// <summary>Where a conversation stands for the team.</summary>
public enum InboxStatus
{
    Open,
    Pending,
    Closed,
}

/// <summary>How urgent an item is; the list sorts the strongest first when asked.</summary>
public enum InboxPriority
{
    Low = 0,
    Normal = 1,
    High = 2,
    Urgent = 3,
}

/// <summary>One reply, mention, quote or direct message someone sent to or about the brand, ingested from a network.</summary>
public sealed class InboxItem
{
    public string Id { get; set; } = Ids.New();
    public required string WorkspaceId { get; set; }
    public required string AccountId { get; set; }
    public required string Network { get; set; }
    public InboxKind Kind { get; set; }
    /// <summary>The network's id of the item (Bluesky at:// URI, Mastodon status id, Sandbox event id): unique per account.</summary>
    public required string RemoteId { get; set; }
    public string? RemoteCid { get; set; }
    public string? Url { get; set; }
    /// <summary>What the item answers, and the root of its thread: what a reply from Herald must point at.</summary>
    public string? ParentRemoteId { get; set; }
    public string? ParentCid { get; set; }
    public string? RootRemoteId { get; set; }
    public string? RootCid { get; set; }
    /// <summary>Groups items into a conversation: the brand's post they answer, a DM conversation, or the item itself.</summary>
    public required string ConversationKey { get; set; }
    public string? ContactId { get; set; }
    public required string AuthorHandle { get; set; }
    public string? AuthorName { get; set; }
    public string Text { get; set; } = "";
    /// <summary>Lower-case text without accents, so search ignores both with a plain LIKE on either database.</summary>
    public string SearchText { get; set; } = "";
    public string? Language { get; set; }
    public string? Sentiment { get; set; }
    public double? SentimentScore { get; set; }
    public InboxStatus Status { get; set; }
    public InboxPriority Priority { get; set; } = InboxPriority.Normal;
    public string? AssigneeId { get; set; }
    /// <summary>Tags as "|a|b|", so a tag filter is one LIKE and needs no join.</summary>
    public string Tags { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset IngestedAt { get; set; }
    /// <summary>When the team first answered it from Herald.</summary>
    public DateTimeOffset? RespondedAt { get; set; }
    public bool Liked { get; set; }
    public bool Hidden { get; set; }
}

/// <summary>A like, repost or follow: counted for analytics, never shown in the inbox.</summary>
public sealed class EngagementEvent
{
    public string Id { get; set; } = Ids.New();
    public required string WorkspaceId { get; set; }
    public required string AccountId { get; set; }
    public required string Network { get; set; }
    /// <summary>"like", "repost" or "follow".</summary>
    public required string Kind { get; set; }
    /// <summary>The network's id of the event, unique per account (deduplication).</summary>
    public required string RemoteId { get; set; }
    /// <summary>Who did it (handle); null once the person's data is erased.</summary>
    public string? Actor { get; set; }
    /// <summary>The brand's post it is about (none for a follow).</summary>
    public string? SubjectRemoteId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
}

/// <summary>How far ingestion has read one source (notifications, conversations, events) of one account.</summary>
public sealed class InboxCursor
{
    public required string AccountId { get; set; }
    public required string Source { get; set; }
    public string? Position { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>That a user has read an item (absence means unread).</summary>
public sealed class InboxRead
{
    public required string UserId { get; set; }
    public required string ItemId { get; set; }
    public DateTimeOffset ReadAt { get; set; }
}

/// <summary>An answer sent from the inbox: a post with one delivery, published by the dispatcher.</summary>
public sealed class InboxReply
{
    public string Id { get; set; } = Ids.New();
    public required string WorkspaceId { get; set; }
    public required string ItemId { get; set; }
    public required string ConversationKey { get; set; }
    public required string PostId { get; set; }
    public required string DeliveryId { get; set; }
    public required string UserId { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An internal note on a conversation or a contact; never sent to a network.</summary>
public sealed class InboxNote
{
    public string Id { get; set; } = Ids.New();
    public required string WorkspaceId { get; set; }
    public string? ConversationKey { get; set; }
    public string? ContactId { get; set; }
    public required string UserId { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A canned answer with variables ({name}, {handle}), in one language.</summary>
public sealed class SavedReply
{
    public string Id { get; set; } = Ids.New();
    public required string WorkspaceId { get; set; }
    public required string Name { get; set; }
    public string Language { get; set; } = "en";
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Per-workspace inbox settings: the response-time target.</summary>
public sealed class InboxSettings
{
    public required string WorkspaceId { get; set; }
    public int ResponseTargetMinutes { get; set; } = 120;
}
