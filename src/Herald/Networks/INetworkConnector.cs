using System.Text.Json;

namespace Herald.Networks;

/// <summary>One network. One implementation (and one typed HttpClient) per network, resolved by <see cref="Network"/>.</summary>
public interface INetworkConnector
{
    /// <summary>The key stored on accounts: "bluesky", "mastodon", "sandbox".</summary>
    string Network { get; }

    /// <summary>Rules before an account tells better (Mastodon reads its instance's).</summary>
    NetworkRules DefaultRules { get; }

    /// <summary>Whether it can answer a direct message privately (<see cref="ThreadRefs.Direct"/>). The dispatcher refuses a
    /// direct reply for a connector that cannot, so a private conversation is never answered in public.</summary>
    bool SendsPrivateReplies => false;

    /// <summary>Checks the credentials in a connect request against the network and returns what to store.</summary>
    Task<NetworkResult<ConnectedAccount>> ConnectAsync(JsonElement request, CancellationToken ct);

    /// <summary>A key fixed for a part before its first attempt, so a retry finds what an earlier attempt created (a Bluesky TID); null where the network has none.</summary>
    string? NewRecordKey();

    /// <summary>Publishes one part (a post, or one post of a thread) as a reply to <paramref name="parent"/> when given.</summary>
    Task<NetworkResult<RemotePost>> PublishAsync(PublishContext context, PartToPublish part, ThreadRefs? thread, CancellationToken ct);

    /// <summary>Looks on the network for a part an earlier attempt may have created.</summary>
    Task<NetworkResult<LookupResult>> FindAsync(PublishContext context, PartToPublish part, CancellationToken ct);

    /// <summary>Deletes a published post.</summary>
    Task<NetworkResult<bool>> DeleteAsync(PublishContext context, string remoteId, CancellationToken ct);
}

/// <summary>What a successful connect returns: who the account is and the (secret) credentials to store encrypted.</summary>
public sealed record ConnectedAccount(
    string Name,
    string? Handle,
    string? RemoteId,
    string? ServiceUrl,
    string CredentialsJson,
    NetworkRules? Rules = null,
    DateTimeOffset? TokenExpiresAt = null);

/// <summary>The root and parent of a thread, for networks that need both (Bluesky) or only the parent (Mastodon).</summary>
/// <param name="Direct">The reply answers a direct message and must stay private (Mastodon <c>visibility: direct</c>).
/// The dispatcher refuses it for a connector without <see cref="INetworkConnector.SendsPrivateReplies"/> rather than publish it.</param>
public sealed record ThreadRefs(RemotePost Root, RemotePost Parent, bool Direct = false);

/// <summary>One part to publish: its text, media, and the keys that make a retry safe.</summary>
public sealed record PartToPublish(
    int Index,
    string Text,
    IReadOnlyList<MediaToPublish> Media,
    string? RecordKey,
    string IdempotencyKey,
    DateTimeOffset CreatedAt,
    string? Language = null);

/// <summary>A media file for a part: opened on demand from the data folder.</summary>
public sealed record MediaToPublish(string Id, string FileName, string ContentType, long Size, string? AltText, int? Width, int? Height, Func<CancellationToken, Task<Stream>> OpenAsync);

/// <summary>The account a call acts for, with its decrypted credentials and a way to store refreshed ones.</summary>
public sealed class PublishContext
{
    public required string AccountId { get; init; }
    public required string WorkspaceId { get; init; }
    public string? Handle { get; init; }
    public string? RemoteId { get; init; }
    public string? ServiceUrl { get; init; }
    public required NetworkRules Rules { get; init; }

    /// <summary>The current credentials (JSON); a connector that refreshes a session updates it through <see cref="SaveCredentialsAsync"/>.</summary>
    public required string CredentialsJson { get; set; }

    public required Func<string, DateTimeOffset?, CancellationToken, Task> SaveCredentialsAsync { get; init; }
}
