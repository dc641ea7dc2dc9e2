namespace Herald.Networks.Bluesky;

/// <summary>Bluesky's limits as data (lexicons app.bsky.feed.post and app.bsky.embed.images).</summary>
public static class BlueskyRules
{
    public static readonly NetworkRules Default = new()
    {
        MaxGraphemes = 300,
        MaxBytes = 3_000,
        MaxImages = 4,
        MaxImageBytes = 1_000_000,
        ImageTypes = ["image/jpeg", "image/png", "image/webp", "image/gif"],
        MaxAltTextGraphemes = 2_000,
        // Video needs Bluesky's video service (app.bsky.video.uploadVideo) to be playable; not implemented yet.
        SupportsVideo = false,
        SupportsThreads = true,
        // The PDS allows 5,000 write points an hour per account and a post costs 3: about 1,666 posts an hour.
        MaxPostsPerWindow = 1_600,
        PostWindow = TimeSpan.FromHours(1),
    };
}
