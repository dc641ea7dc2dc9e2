using Herald.Networks;

namespace Herald.Inbox;

/// <summary>
/// Reads what people do to or about an account on one network, page by page from a persisted cursor.
/// One implementation per network, resolved by <see cref="Network"/> like <see cref="INetworkConnector"/>.
/// </summary>
public interface IInboxSource
{
    /// <summary>The network key ("bluesky", "mastodon", "sandbox").</summary>
    string Network { get; }

    /// <summary>How often an account of this network is polled.</summary>
    TimeSpan PollInterval { get; }

    /// <summary>The account's feeds, each with its own cursor ("notifications", "conversations", "events").</summary>
    IReadOnlyList<string> Sources { get; }

    /// <summary>The next page after <paramref name="cursor"/> (null: from the start). Failures are categorized, never thrown.</summary>
    Task<NetworkResult<InboxPage>> FetchAsync(PublishContext account, string source, string? cursor, CancellationToken ct);

    /// <summary>Likes (favourites) an item on the network, where the network allows it.</summary>
    Task<NetworkResult<bool>> LikeAsync(PublishContext account, string remoteId, string? cid, CancellationToken ct);
}

/// <summary>One page read from a source: items for the inbox, engagement to count, and where to go on from.</summary>
/// <param name="Cursor">The cursor to store once this page is saved (in the same transaction).</param>
/// <param name="More">Whether another page is ready now (keep reading), or the source is caught up.</param>
public sealed record InboxPage(IReadOnlyList<IncomingItem> Items, IReadOnlyList<IncomingEngagement> Engagements, string? Cursor, bool More)
{
    public static InboxPage Empty(string? cursor) => new([], [], cursor, false);
}

/// <summary>Who did something, as the network describes them.</summary>
public sealed record IncomingAuthor(string Handle, string? Name = null, string? AvatarUrl = null);

/// <summary>A reply, mention, quote or message as a source reads it.</summary>
public sealed record IncomingItem(
    InboxKind Kind,
    string RemoteId,
    IncomingAuthor Author,
    string Text,
    DateTimeOffset OccurredAt,
    string ConversationKey,
    string? Url = null,
    string? Cid = null,
    string? ParentRemoteId = null,
    string? ParentCid = null,
    string? RootRemoteId = null,
    string? RootCid = null,
    string? Language = null);

/// <summary>A like, repost or follow as a source reads it.</summary>
public sealed record IncomingEngagement(string Kind, string RemoteId, IncomingAuthor Actor, string? SubjectRemoteId, DateTimeOffset OccurredAt);
