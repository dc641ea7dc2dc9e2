using Herald.Data;

namespace Herald.Links;

/// <summary>A short link (/l/{code}) to a target URL with its UTM parameters already merged in.</summary>
public sealed class TrackedLink
{
    public string Id { get; set; } = Ids.New();
    public required string WorkspaceId { get; set; }
    /// <summary>Base62 of 56 random bits: short, and unguessable enough that links cannot be enumerated.</summary>
    public required string Code { get; set; }
    /// <summary>The URL the author wrote.</summary>
    public required string OriginalUrl { get; set; }
    /// <summary>Where the redirect goes: the original URL with the UTM parameters merged into its query.</summary>
    public required string TargetUrl { get; set; }
    public string? PostId { get; set; }
    public string? DeliveryId { get; set; }
    public string? AccountId { get; set; }
    public string? Network { get; set; }
    /// <summary>The campaign's slug (utm_campaign).</summary>
    public string? Campaign { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>A disabled link answers 404 (a link pointing somewhere it should not any more).</summary>
    public bool Disabled { get; set; }
}

/// <summary>One request to a short link. Raw IP addresses are never stored: only a visitor key salted per day.</summary>
public sealed class LinkClick
{
    public required string Id { get; set; }
    public required string LinkId { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Days since 1970-01-01 (UTC): daily series without date functions that differ between databases.</summary>
    public int Day { get; set; }
    /// <summary>SHA-256 of the day's salt, the IP address and the user agent, truncated; the salt is deleted after two days.</summary>
    public required string Visitor { get; set; }
    /// <summary>A bot, a link-preview fetcher, a prefetch or a HEAD request: kept, counted apart.</summary>
    public bool Filtered { get; set; }
    public string? Reason { get; set; }
}

/// <summary>A conversion (a sign-up, a purchase) attributed to the click that led to it.</summary>
public sealed class LinkConversion
{
    public string Id { get; set; } = Ids.New();
    public required string ClickId { get; set; }
    public required string LinkId { get; set; }
    /// <summary>The goal's name ("signup", "purchase"); one conversion per click and goal.</summary>
    public string Goal { get; set; } = "conversion";
    public double? Value { get; set; }
    public DateTimeOffset At { get; set; }
    public int Day { get; set; }
}

/// <summary>A workspace's link settings.</summary>
public sealed class LinkSettings
{
    public required string WorkspaceId { get; set; }
    /// <summary>Replace the links of a post by tracked links, one per delivery, when it is scheduled.</summary>
    public bool ShortenLinks { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The random salt of one day's visitor keys; deleted after two days, so a key can no longer be linked to an address.</summary>
public sealed class LinkSalt
{
    public int Day { get; set; }
    public required string Salt { get; set; }
}
