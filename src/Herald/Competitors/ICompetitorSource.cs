using Herald.Networks;

namespace Herald.Competitors;

/// <summary>Reads a network's public profiles and recent posts without credentials. One per network, resolved by <see cref="Network"/>.</summary>
public interface ICompetitorSource
{
    string Network { get; }

    /// <summary>Normalizes what the user typed ("@Name.bsky.social", "user@instance") or returns null when it is no handle of this network.</summary>
    string? Normalize(string handle);

    /// <summary>The public profile of <paramref name="competitor"/> (its handle, or its remote id once known).</summary>
    Task<NetworkResult<CompetitorProfile>> GetProfileAsync(CompetitorRef competitor, CancellationToken ct);

    /// <summary>The account's own recent posts, newest first, back to <paramref name="since"/> (at most <paramref name="limit"/>).</summary>
    Task<NetworkResult<IReadOnlyList<CompetitorPostCounts>>> GetRecentPostsAsync(CompetitorRef competitor, DateTimeOffset since, int limit, CancellationToken ct);
}

/// <summary>What a source needs to find an account: the handle, the remote id once resolved, the instance for Mastodon.</summary>
public sealed record CompetitorRef(string Handle, string? RemoteId, string? InstanceUrl)
{
    public static CompetitorRef Of(Competitor c) => new(c.Handle, c.RemoteId, c.InstanceUrl);
}

/// <summary>A public profile: who it is and its audience now.</summary>
public sealed record CompetitorProfile(string RemoteId, string Handle, string? DisplayName, long Followers, long? Following, long? PostsTotal, string? ProfileUrl);

/// <summary>One own post and its public counts.</summary>
public sealed record CompetitorPostCounts(string RemoteId, string? Url, string Text, DateTimeOffset PublishedAt, int Likes, int Reposts, int Replies, int Quotes);

/// <summary>Finds a competitor source by network key.</summary>
public sealed class CompetitorSources(IEnumerable<ICompetitorSource> sources)
{
    private readonly Dictionary<string, ICompetitorSource> _byKey = sources.ToDictionary(s => s.Network, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Networks => _byKey.Keys;

    public ICompetitorSource? Find(string network) => _byKey.GetValueOrDefault(network);
}
