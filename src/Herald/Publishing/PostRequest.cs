namespace Herald.Publishing;

/// <summary>
/// A post as the API and CLI submit it. Exactly one of <see cref="ScheduledAt"/>, <see cref="PublishNow"/>,
/// <see cref="Queue"/> or <see cref="Draft"/>; none means a draft.
/// </summary>
public sealed class PostRequest
{
    public string? WorkspaceId { get; set; }
    public string? Text { get; set; }
    public List<string>? AccountIds { get; set; }
    /// <summary>Per-account overrides, keyed by account id.</summary>
    public Dictionary<string, VariantRequest>? Variants { get; set; }
    public List<string>? MediaIds { get; set; }
    /// <summary>Wall-clock time in <see cref="TimeZone"/> ("2026-11-24T09:30:00"), or an instant with an offset.</summary>
    public string? ScheduledAt { get; set; }
    public string? TimeZone { get; set; }
    public bool PublishNow { get; set; }
    public bool Queue { get; set; }
    public bool Draft { get; set; }
    /// <summary>Split a text too long for a network into a numbered thread where the network has replies.</summary>
    public bool Thread { get; set; }
}

/// <summary>What one account gets instead of the shared text or media.</summary>
public sealed class VariantRequest
{
    public string? Text { get; set; }
    public List<string>? MediaIds { get; set; }
}
