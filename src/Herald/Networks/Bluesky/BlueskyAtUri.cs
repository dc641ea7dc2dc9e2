namespace Herald.Networks.Bluesky;

/// <summary>An <c>at://repo/collection/rkey</c> record address.</summary>
internal sealed record BlueskyAtUri(string Repo, string Collection, string RecordKey)
{
    public const string PostCollection = "app.bsky.feed.post";

    public override string ToString() => $"at://{Repo}/{Collection}/{RecordKey}";

    public static BlueskyAtUri? Parse(string? value)
    {
        if (value is null || !value.StartsWith("at://", StringComparison.Ordinal))
        {
            return null;
        }
        var parts = value["at://".Length..].Split('/');
        return parts.Length == 3 && parts.All(p => p.Length > 0) ? new BlueskyAtUri(parts[0], parts[1], parts[2]) : null;
    }
}
