namespace Herald.Analytics;

/// <summary>
/// Sentiment and response times of conversations, implemented by the inbox. Optional: without it the sentiment share
/// and the response time are null.
/// </summary>
public interface IInboxStats
{
    /// <summary>Conversations received during [from, to) on the given accounts (all of the workspace's when null).</summary>
    Task<InboxFigures> GetAsync(string workspaceId, IReadOnlyCollection<string>? accountIds, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}

/// <summary>Counts of conversations by sentiment, and the median time to the team's first answer (null when none answered).</summary>
public sealed record InboxFigures(int Positive, int Neutral, int Negative, TimeSpan? MedianResponseTime);
