namespace Herald.Listening;

/// <summary>What a network says about a post's author that its stream leaves out: follower count and handle.</summary>
public sealed record AuthorProfile(string AuthorId, string? Handle, long Followers);

/// <summary>
/// Looks up the authors of matched posts on one source (for example Bluesky, whose event stream and search carry no
/// follower counts), so mentions can be ranked and tiered by audience. Only matched posts are looked up.
/// </summary>
internal interface IAuthorDirectory
{
    string Source { get; }

    /// <summary>The profiles it found among <paramref name="authorIds"/>; an author it cannot find (or a failed lookup) is left out, never an error.</summary>
    Task<IReadOnlyDictionary<string, AuthorProfile>> LookupAsync(IReadOnlyCollection<string> authorIds, CancellationToken ct);
}
