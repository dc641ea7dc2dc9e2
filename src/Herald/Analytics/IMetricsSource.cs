using Herald.Networks;

namespace Herald.Analytics;

/// <summary>Reads a network's public counts for Herald's posts and accounts. One per network, resolved by <see cref="Network"/>.</summary>
public interface IMetricsSource
{
    string Network { get; }

    /// <summary>The counts of one published post, by the remote id its delivery recorded.</summary>
    Task<NetworkResult<PostCounts>> GetPostAsync(PublishContext account, string remoteId, CancellationToken ct);

    /// <summary>The account's followers now.</summary>
    Task<NetworkResult<long>> GetFollowersAsync(PublishContext account, CancellationToken ct);
}

/// <summary>A source that reads the counts of many posts of one account in one call (Bluesky's getPosts, 25 a call).</summary>
public interface IBatchMetricsSource : IMetricsSource
{
    /// <summary>The counts of several posts of one account by remote id; a post missing from the answer is gone (deleted or hidden).</summary>
    Task<NetworkResult<IReadOnlyDictionary<string, PostCounts>>> GetPostsAsync(PublishContext account, IReadOnlyCollection<string> remoteIds, CancellationToken ct);
}

/// <summary>A post's counts; impressions and reach are null where the network does not give them.</summary>
public sealed record PostCounts(int Likes, int Reposts, int Replies, int Quotes, long? Impressions = null, long? Reach = null);

/// <summary>Finds a metrics source by network key.</summary>
public sealed class MetricsSources(IEnumerable<IMetricsSource> sources)
{
    private readonly Dictionary<string, IMetricsSource> _byKey = sources.ToDictionary(s => s.Network, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Networks => _byKey.Keys;

    public IMetricsSource? Find(string network) => _byKey.GetValueOrDefault(network);
}
