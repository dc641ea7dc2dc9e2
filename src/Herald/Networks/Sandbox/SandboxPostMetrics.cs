namespace Herald.Networks.Sandbox;

/// <summary>A Sandbox post's engagement so far. Impressions are an estimate, as they are on most real networks.</summary>
public sealed record SandboxPostMetrics(
    string PostId,
    int Likes,
    int Reposts,
    int Replies,
    int Quotes,
    int Mentions,
    int Follows,
    long Impressions,
    DateTimeOffset AsOf);
