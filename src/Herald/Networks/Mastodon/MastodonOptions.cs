namespace Herald.Networks.Mastodon;

/// <summary>Settings of the Mastodon connector (section "Mastodon" of the configuration).</summary>
public sealed class MastodonOptions
{
    /// <summary>
    /// Allows http:// instances and instances on loopback or private addresses. Off by default so a user-supplied
    /// instance URL cannot reach Herald's own network (SSRF); tests and a Mastodon on the LAN turn it on.
    /// Networks:AllowPrivateAddresses (every network) turns it on too; this key stays as an alias.
    /// </summary>
    public bool AllowLocalInstances { get; set; }

    /// <summary>How long one request may take before it is abandoned (a publishing POST then has an unknown outcome).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait between two looks at a media attachment the instance is still processing.</summary>
    public TimeSpan MediaPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many looks at a processing attachment before giving up (transient: the next attempt starts over).</summary>
    public int MediaPollAttempts { get; set; } = 60;

    /// <summary>How long a started OAuth authorization waits for its callback.</summary>
    public TimeSpan AuthorizationLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
