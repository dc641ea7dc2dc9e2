using Herald.Sentiment;

namespace Herald.Crisis;

/// <summary>One new item people said to or about the brand (a reply, mention, quote or message), as crisis detection sees it.</summary>
public readonly record struct ConversationSignal(string WorkspaceId, string AccountId, string ItemId, DateTimeOffset OccurredAt, SentimentLabel Sentiment);

/// <summary>Receives every newly ingested inbox item, once (after deduplication), so rolling-window rules can run.</summary>
/// <remarks>The inbox takes <c>IEnumerable&lt;IConversationSignals&gt;</c>, so it runs before crisis detection is registered.</remarks>
public interface IConversationSignals
{
    Task RecordAsync(IReadOnlyList<ConversationSignal> signals, CancellationToken cancellationToken);
}
