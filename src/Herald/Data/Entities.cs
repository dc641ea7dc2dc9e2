namespace Herald.Data;

/// <summary>Role of a user in one workspace, strongest last: every endpoint names the weakest role it accepts.</summary>
public enum Role
{
    Viewer = 0,
    Contributor = 1,
    Editor = 2,
    Admin = 3,
    Owner = 4,
}

/// <summary>A person who signs in to Herald.</summary>
public sealed class User
{
    public string Id { get; set; } = Ids.New();
    public required string Email { get; set; }
    public required string PasswordHash { get; set; }
    public string? DisplayName { get; set; }
    public string TimeZone { get; set; } = "UTC";
    /// <summary>"en", "fr", or "auto" (the browser's language).</summary>
    public string Culture { get; set; } = "auto";
    public bool IsAdmin { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A brand, or one client of an agency: holds accounts, posts and members.</summary>
public sealed class Workspace
{
    public string Id { get; set; } = Ids.New();
    public required string Name { get; set; }
    public string TimeZone { get; set; } = "UTC";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A user's role in a workspace.</summary>
public sealed class Membership
{
    public required string WorkspaceId { get; set; }
    public required string UserId { get; set; }
    public Role Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A personal API token; only its SHA-256 hash is stored.</summary>
public sealed class ApiToken
{
    public string Id { get; set; } = Ids.New();
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    public required string Prefix { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>Connection state of a social account.</summary>
public enum AccountStatus
{
    Active,
    NeedsReconnect,
    Disconnected,
}

/// <summary>A connected account on one network (a Bluesky identity, a Mastodon account, a Sandbox account).</summary>
public sealed class Account
{
    public string Id { get; set; } = Ids.New();
    public required string WorkspaceId { get; set; }
    public required string Network { get; set; }
    public required string Name { get; set; }
    public string? Handle { get; set; }
    public string? RemoteId { get; set; }
    public string? ServiceUrl { get; set; }
    /// <summary>Credentials as JSON, encrypted with ASP.NET Core Data Protection. Never returned, never logged.</summary>
    public string? ProtectedCredentials { get; set; }
    /// <summary>The network's rules for this account (limits read from the instance), as JSON.</summary>
    public string? RulesJson { get; set; }
    public AccountStatus Status { get; set; }
    public string TimeZone { get; set; } = "UTC";
    public DateTimeOffset? LastSuccessAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? TokenExpiresAt { get; set; }
    /// <summary>The network asked us to wait (429) until then: no delivery of this account is attempted before.</summary>
    public DateTimeOffset? RateLimitedUntil { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A weekly time slot of an account's queue, in the account's time zone.</summary>
public sealed class QueueSlot
{
    public string Id { get; set; } = Ids.New();
    public required string AccountId { get; set; }
    public DayOfWeek DayOfWeek { get; set; }
    /// <summary>Minutes after local midnight.</summary>
    public int MinuteOfDay { get; set; }
}

/// <summary>An uploaded image or video, stored in the data folder.</summary>
public sealed class MediaItem
{
    public string Id { get; set; } = Ids.New();
    public required string WorkspaceId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public string? AltText { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>What the author asked for: a draft, a time, the next queue slot, or now.</summary>
public enum ScheduleKind
{
    Draft,
    At,
    Queue,
    Now,
}

/// <summary>A post written once and delivered to one or more accounts.</summary>
public sealed class Post
{
    public string Id { get; set; } = Ids.New();
    public required string WorkspaceId { get; set; }
    public required string AuthorId { get; set; }
    public required string Text { get; set; }
    public ScheduleKind Kind { get; set; }
    /// <summary>The wall-clock time the user chose ("2026-11-24T09:30:00"), kept so time-zone rule changes do what they meant.</summary>
    public string? ScheduledLocal { get; set; }
    public string? TimeZone { get; set; }
    /// <summary>The UTC instant the wall-clock time meant when it was last resolved.</summary>
    public DateTimeOffset? ScheduledAt { get; set; }
    /// <summary>Split a text too long for a network into a numbered thread where the network supports replies.</summary>
    public bool SplitIntoThread { get; set; }
    /// <summary>Media ids (JSON array) shared by every account unless a variant says otherwise.</summary>
    public string MediaIdsJson { get; set; } = "[]";
    public string? ImportBatch { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<Delivery> Deliveries { get; set; } = [];
}

/// <summary>Where a delivery stands. A delivery is one post sent to one account.</summary>
public enum DeliveryStatus
{
    Draft,
    Scheduled,
    Publishing,
    Published,
    Failed,
    /// <summary>The outcome of an attempt is not known (crash, time-out): it is reconciled against the network before any retry.</summary>
    Unknown,
    /// <summary>Waiting for a retry after a transient failure or a rate limit.</summary>
    Retrying,
    /// <summary>Held because the account needs reconnecting; resumes when it is reconnected.</summary>
    Held,
    Cancelled,
}

/// <summary>One post sent to one account: the unit the dispatcher claims, publishes and records.</summary>
public sealed class Delivery
{
    public string Id { get; set; } = Ids.New();
    public required string PostId { get; set; }
    public required string AccountId { get; set; }
    public required string WorkspaceId { get; set; }
    public required string Network { get; set; }
    public DeliveryStatus Status { get; set; }
    /// <summary>When the dispatcher should next act on it (the scheduled instant, or the next retry).</summary>
    public DateTimeOffset? DueAt { get; set; }
    /// <summary>The account's variant text, if any; otherwise the post's text.</summary>
    public string? VariantText { get; set; }
    public string? VariantMediaIdsJson { get; set; }
    /// <summary>The parts (one, or a thread), each with its fixed record key or idempotency key and, once sent, its remote id.</summary>
    public string PartsJson { get; set; } = "[]";
    public string? RemoteId { get; set; }
    public string? Url { get; set; }
    public string? Error { get; set; }
    public string? ErrorCategory { get; set; }
    public int AttemptCount { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Post? Post { get; set; }
}

/// <summary>One attempt to publish a delivery, recorded before the network call and completed after it.</summary>
public sealed class DeliveryAttempt
{
    public string Id { get; set; } = Ids.New();
    public required string DeliveryId { get; set; }
    public int Number { get; set; }
    public required string Worker { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>started, published, reconciled, failed, rate_limited, transient, auth, unknown.</summary>
    public string Outcome { get; set; } = "started";
    public int? LatencyMs { get; set; }
    public string? Error { get; set; }
}

/// <summary>A post published on the Sandbox network.</summary>
public sealed class SandboxPost
{
    public string Id { get; set; } = Ids.New();
    public required string AccountId { get; set; }
    public required string IdempotencyKey { get; set; }
    public required string Text { get; set; }
    public string? ReplyToId { get; set; }
    public int MediaCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public bool Deleted { get; set; }
}

/// <summary>Something simulated people do on the Sandbox network (reply, mention, like, repost, follow), visible once its time has come.</summary>
public sealed class SandboxEvent
{
    public string Id { get; set; } = Ids.New();
    public required string AccountId { get; set; }
    public string? PostId { get; set; }
    public required string Kind { get; set; }
    public required string AuthorHandle { get; set; }
    public required string AuthorName { get; set; }
    public string? Text { get; set; }
    public string? Lang { get; set; }
    public DateTimeOffset OccursAt { get; set; }
}
