namespace Herald.Inbox;

/// <summary>What the inbox list is narrowed to; every field optional.</summary>
public sealed class InboxFilter
{
    public string? AccountId { get; set; }
    public string? Network { get; set; }
    public string? Status { get; set; }
    /// <summary>A member's user id, "me", or "none" for unassigned items.</summary>
    public string? Assignee { get; set; }
    public string? Tag { get; set; }
    public string? Sentiment { get; set; }
    public string? Kind { get; set; }
    public bool? Unread { get; set; }
    /// <summary>Words to find in the author's name, handle or text, ignoring case and accents.</summary>
    public string? Q { get; set; }
    public bool? IncludeHidden { get; set; }
    /// <summary>The cursor of the previous page ("{unix ms}.{id}").</summary>
    public string? Before { get; set; }
    public int? Limit { get; set; }
}
