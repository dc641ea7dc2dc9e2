using System.Data.Common;
using Herald.Sentiment;
using Npgsql;

namespace Herald.Crisis;

/// <summary>One new item people said to or about the brand (a reply, mention, quote or message), as crisis detection sees it.</summary>
public readonly record struct ConversationSignal(string WorkspaceId, string AccountId, string ItemId, DateTimeOffset OccurredAt, SentimentLabel Sentiment);

/// <summary>Receives every newly ingested inbox item, once (after deduplication), so rolling-window rules can run.</summary>
/// <remarks>The inbox takes <c>IEnumerable&lt;IConversationSignals&gt;</c>, so it runs before crisis detection is registered.</remarks>
public interface IConversationSignals
{
    /// <summary>Records the signals in a transaction of their own.</summary>
    Task RecordAsync(IReadOnlyList<ConversationSignal> signals, CancellationToken cancellationToken);

    /// <summary>
    /// Records the signals inside the caller's open transaction (the inbox page that saved the items), so they are committed
    /// with the items or not at all: a crash can neither lose nor double them. The caller calls <see cref="Committed"/> after its commit.
    /// </summary>
    Task RecordAsync(IReadOnlyList<ConversationSignal> signals, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>
    /// PostgreSQL only, optional: a statement the inbox sends in the same round trip as the page's insert, after it, that
    /// records those of <paramref name="candidates"/> (every item the page tried to insert) whose item was inserted: their
    /// ids are fresh, so a candidate whose insert met an existing (account, remote id) has no row with its id. Null (the
    /// default) to be given the inserted signals through
    /// <see cref="RecordAsync(IReadOnlyList{ConversationSignal}, DbTransaction, CancellationToken)"/> instead.
    /// </summary>
    NpgsqlBatchCommand? RecordInBatch(IReadOnlyList<ConversationSignal> candidates) => null;

    /// <summary>The transaction given to <see cref="RecordAsync(IReadOnlyList{ConversationSignal}, DbTransaction, CancellationToken)"/> committed.</summary>
    void Committed();
}
