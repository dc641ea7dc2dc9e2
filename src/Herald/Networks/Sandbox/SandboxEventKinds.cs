namespace Herald.Networks.Sandbox;

/// <summary>The values of <see cref="Data.SandboxEvent.Kind"/>.</summary>
public static class SandboxEventKinds
{
    public const string Like = "like";
    public const string Repost = "repost";
    public const string Reply = "reply";
    public const string Quote = "quote";
    public const string Mention = "mention";
    public const string Follow = "follow";
}

/// <summary>How a simulated reply feels. Not stored: the inbox has to work it out, as it will on real networks.</summary>
internal enum SandboxTone
{
    Positive,
    Neutral,
    Negative,
}
