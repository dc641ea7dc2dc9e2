namespace Herald.Inbox;

/// <summary>Who wrote an item.</summary>
public sealed record InboxAuthorDto(string Handle, string? Name, string? ContactId);

/// <summary>One inbox item as the API and pages show it.</summary>
public sealed record InboxItemDto(
    string Id, string AccountId, string Network, string Kind, string RemoteId, string? Url, string ConversationKey,
    InboxAuthorDto Author, string Text, string? Language, string? Sentiment, double? SentimentScore,
    string Status, string Priority, string? AssigneeId, IReadOnlyList<string> Tags,
    DateTimeOffset OccurredAt, DateTimeOffset? RespondedAt, bool Read, bool Overdue, bool Liked, bool Hidden)
{
    internal static InboxItemDto From(InboxItem i, bool read, DateTimeOffset overdueBefore) => new(
        i.Id, i.AccountId, i.Network, i.Kind.ToString().ToLowerInvariant(), i.RemoteId, i.Url, i.ConversationKey,
        new InboxAuthorDto(i.AuthorHandle, i.AuthorName, i.ContactId), i.Text, i.Language, i.Sentiment, i.SentimentScore,
        i.Status.ToString().ToLowerInvariant(), i.Priority.ToString().ToLowerInvariant(), i.AssigneeId, InboxTags.Split(i.Tags),
        i.OccurredAt, i.RespondedAt, read, IsOverdue(i, overdueBefore), i.Liked, i.Hidden);

    /// <summary>Still waiting for a first answer after the workspace's response-time target.</summary>
    public static bool IsOverdue(InboxItem i, DateTimeOffset overdueBefore) =>
        i.Status != InboxStatus.Closed && i.RespondedAt is null && i.OccurredAt < overdueBefore;
}

/// <summary>A page of the inbox; pass <see cref="Next"/> as ?before= for the following one.</summary>
public sealed record InboxPageDto(IReadOnlyList<InboxItemDto> Items, int Unread, string? Next);

/// <summary>The brand's post a conversation answers, when Herald knows it.</summary>
public sealed record RootPostDto(string RemoteId, string? Text, string? Url, string? PostId);

/// <summary>An answer the team sent from the inbox.</summary>
public sealed record InboxReplyDto(string Id, string ItemId, string Text, string UserId, string DeliveryId, string Status, string? Url, DateTimeOffset CreatedAt);

/// <summary>An internal note.</summary>
public sealed record InboxNoteDto(string Id, string UserId, string Text, DateTimeOffset CreatedAt);

/// <summary>A conversation: the brand's post, every item under it (oldest first), the team's answers and notes.</summary>
public sealed record ConversationDto(
    string Key, string AccountId, string Network, RootPostDto? Root, IReadOnlyList<InboxItemDto> Items,
    IReadOnlyList<InboxReplyDto> Replies, IReadOnlyList<InboxNoteDto> Notes, TimeSpan? FirstResponseTime, bool Overdue);

/// <summary>Tags stored as "|a|b|".</summary>
public static class InboxTags
{
    public static IReadOnlyList<string> Split(string tags) => tags.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public static string Join(IEnumerable<string> tags)
    {
        var list = tags.Select(Normalize).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "" : "|" + string.Join('|', list) + "|";
    }

    /// <summary>Lower case, no '|' or '%' (they delimit and match), trimmed, at most 40 characters.</summary>
    public static string Normalize(string tag)
    {
        var t = new string(tag.Trim().ToLowerInvariant().Where(c => c is not ('|' or '%' or '_' or '\\')).ToArray());
        return t.Length > 40 ? t[..40] : t;
    }
}
