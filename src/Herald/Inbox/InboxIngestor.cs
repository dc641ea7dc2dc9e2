using System.Data.Common;
using System.Text.Json;
using Dapper;
using Herald.Crisis;
using Herald.Data;
using Herald.Networks;
using Herald.Scheduling;
using Herald.Sentiment;
using Npgsql;

namespace Herald.Inbox;

/// <summary>What one ingestion run of an account did.</summary>
public sealed record IngestResult(int New, int Seen, int Engagements, NetworkFailure? Failure)
{
    public static readonly IngestResult Nothing = new(0, 0, 0, null);
}

/// <summary>
/// Reads every source of an account page by page from its cursor, works out language and sentiment, and saves each page
/// with its cursor in one transaction, in which every <see cref="IConversationSignals"/> also records the items that were new.
/// </summary>
public sealed class InboxIngestor(
    IEnumerable<IInboxSource> sources,
    AccountDirectory accounts,
    InboxWriter writer,
    DeliveryStore store,
    IDbConnectionFactory connections,
    IServiceProvider services,
    IEnumerable<IConversationSignals> signals,
    RetryPolicy retry,
    InboxOptions options,
    TimeProvider time,
    ILogger<InboxIngestor> log)
{
    private readonly Dictionary<string, IInboxSource> _sources = sources.ToDictionary(s => s.Network, StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyList<IConversationSignals> _signals = [.. signals];
    // Written in parallel by another capability: used when it is registered, skipped when it is not.
    private readonly ISentimentAnalyzer? _sentiment = services.GetService<ISentimentAnalyzer>();

    public IInboxSource? SourceFor(string network) => _sources.GetValueOrDefault(network);

    /// <summary>Ingests everything new for one account; failures are returned (and acted upon: rate limit, reconnect), never thrown.</summary>
    public async Task<IngestResult> IngestAccountAsync(string accountId, CancellationToken ct)
    {
        var snapshot = await accounts.GetAsync(accountId, ct);
        if (snapshot is null || snapshot.Status != nameof(AccountStatus.Active) || SourceFor(snapshot.Network) is not { } source)
        {
            return IngestResult.Nothing;
        }
        var account = new InboxAccount(snapshot.Id, snapshot.WorkspaceId, snapshot.Network);
        var context = accounts.ContextFor(snapshot);
        int fresh = 0, seen = 0, engagements = 0;
        foreach (var name in source.Sources)
        {
            var cursor = await writer.ReadCursorAsync(account.Id, name, ct);
            for (var page = 0; page < options.MaxPagesPerRun; page++)
            {
                var fetched = await source.FetchAsync(context, name, cursor, ct);
                if (!fetched.Ok)
                {
                    await OnFailureAsync(account, fetched.Failure!, ct);
                    return new IngestResult(fresh, seen, engagements, fetched.Failure);
                }
                var result = fetched.Value!;
                var (added, total) = await SavePageAsync(account, name, result, ct);
                fresh += added;
                seen += total;
                engagements += result.Engagements.Count;
                cursor = result.Cursor;
                if (!result.More)
                {
                    break;
                }
            }
        }
        return new IngestResult(fresh, seen, engagements, null);
    }

    /// <summary>Prepares, saves and signals one page; returns (new items, items read).</summary>
    public async Task<(int New, int Read)> SavePageAsync(InboxAccount account, string source, InboxPage page, CancellationToken ct)
    {
        var mark = InboxStages.Start();
        page = WellFormedText.Of(page);
        var items = await LookUpAsync(account, page.Items, ct);
        InboxStages.Stop(InboxStage.Lookup, mark);
        mark = InboxStages.Start();
        var prepared = new List<PreparedItem>(items.Count);
        foreach (var item in items)
        {
            var language = item.Language;
            string? label = null;
            double? score = null;
            if (_sentiment is not null && item.Text.Length > 0)
            {
                var s = _sentiment.Analyze(item.Text, language);
                label = Stored(s.Label);
                score = s.Score;
                language ??= s.Language;
            }
            prepared.Add(new PreparedItem(item, Ids.New(), language, label, score, TextFolding.Fold(item.Author.Name + " " + item.Author.Handle + " " + item.Text)));
        }
        InboxStages.Stop(InboxStage.Prepare, mark);
        // On PostgreSQL a receiver may record in the page's own round trip; the others are told the inserted items after it.
        var afterItems = new List<NpgsqlBatchCommand>();
        var told = _signals;
        if (writer.Kind == DatabaseKind.Postgres && prepared.Count > 0 && _signals.Count > 0)
        {
            var candidates = prepared.Select(p => Signal(account, p)).ToList();
            var rest = new List<IConversationSignals>();
            foreach (var signal in _signals)
            {
                if (signal.RecordInBatch(candidates) is { } command)
                {
                    afterItems.Add(command);
                }
                else
                {
                    rest.Add(signal);
                }
            }
            told = rest;
        }
        var inserted = await writer.SaveAsync(account, source, prepared, page.Engagements, page.Cursor, time.GetUtcNow(),
            told.Count == 0 ? null : (ids, tx) => RecordSignalsAsync(account, prepared, ids, told, tx, ct), afterItems, ct);
        if (inserted.Count > 0)
        {
            foreach (var signal in _signals)
            {
                signal.Committed();
            }
        }
        return (inserted.Count, page.Items.Count);
    }

    /// <summary>
    /// Tells every <see cref="IConversationSignals"/> about the new items inside the page's transaction, so a crash loses
    /// or doubles no crisis count; a failure there rolls the page back and the next poll reads it again.
    /// </summary>
    private static async Task RecordSignalsAsync(InboxAccount account, List<PreparedItem> prepared, IReadOnlyList<string> inserted,
        IReadOnlyList<IConversationSignals> signals, DbTransaction tx, CancellationToken ct)
    {
        if (inserted.Count == 0 || signals.Count == 0)
        {
            return;
        }
        var byId = prepared.ToDictionary(p => p.Id);
        var batch = inserted.Select(id => Signal(account, byId[id])).ToList();
        foreach (var signal in signals)
        {
            await signal.RecordAsync(batch, tx, ct);
        }
    }

    private static ConversationSignal Signal(InboxAccount account, PreparedItem p) =>
        new(account.WorkspaceId, account.Id, p.Id, p.Item.OccurredAt, Label(p.Sentiment));

    // The stored form of a label, a constant rather than a lower-cased copy per item.
    private static string Stored(SentimentLabel label) => label switch
    {
        SentimentLabel.Negative => "negative",
        SentimentLabel.Positive => "positive",
        _ => "neutral",
    };

    private static SentimentLabel Label(string? sentiment) => sentiment switch
    {
        "negative" => SentimentLabel.Negative,
        "positive" => SentimentLabel.Positive,
        _ => SentimentLabel.Neutral,
    };

    /// <summary>
    /// One query per page for two things: which items are already stored (dropped here, so a page read again after a crash
    /// costs no sentiment and no writes; the insert-if-absent still guards against a concurrent writer), and the
    /// conversation of what the replies answer. A reply to one of the team's answers (or to another item) belongs to the
    /// conversation of what it answers, so a back-and-forth stays under the brand's original post.
    /// </summary>
    private async Task<IReadOnlyList<IncomingItem>> LookUpAsync(InboxAccount account, IReadOnlyList<IncomingItem> page, CancellationToken ct)
    {
        if (page.Count == 0)
        {
            return page;
        }
        var parents = page.Where(i => i.ParentRemoteId is not null && i.ConversationKey == i.ParentRemoteId).Select(i => i.ParentRemoteId!).Distinct().ToArray();
        var ids = page.Select(i => i.RemoteId).Concat(parents).Distinct().ToArray();
        await using var connection = await connections.OpenAsync(ct);
        var pg = connections.Kind == DatabaseKind.Postgres;
        var rows = (await connection.QueryAsync<(string RemoteId, string Key, string Source)>(new CommandDefinition(pg
            ? """
              SELECT remote_id, conversation_key, 'item' FROM inbox_items WHERE account_id = @account AND remote_id = ANY(@ids)
              UNION ALL
              SELECT d.remote_id, r.conversation_key, 'reply' FROM inbox_replies r JOIN deliveries d ON d.id = r.delivery_id
              WHERE d.account_id = @account AND d.remote_id = ANY(@parents)
              """
            : """
              SELECT remote_id, conversation_key, 'item' FROM inbox_items
              WHERE account_id = @account AND remote_id IN (SELECT value FROM json_each(@ids))
              UNION ALL
              SELECT d.remote_id, r.conversation_key, 'reply' FROM inbox_replies r JOIN deliveries d ON d.id = r.delivery_id
              WHERE d.account_id = @account AND d.remote_id IN (SELECT value FROM json_each(@parents))
              """, pg ? new { account = account.Id, ids, parents }
                  // One JSON parameter per list: Dapper would expand each into one named parameter per element.
                  : new { account = account.Id, ids = JsonSerializer.Serialize(ids), parents = JsonSerializer.Serialize(parents) },
              cancellationToken: ct))).ToList();
        var stored = rows.Where(r => r.Source == "item").Select(r => r.RemoteId).ToHashSet(StringComparer.Ordinal);
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            known.TryAdd(r.RemoteId, r.Key);
        }
        // Within the page too: a reply to a reply read in the same page. An item sent twice in one page is kept once.
        var fresh = new List<IncomingItem>(page.Count);
        foreach (var i in page)
        {
            known.TryAdd(i.RemoteId, i.ConversationKey);
            if (stored.Add(i.RemoteId))
            {
                fresh.Add(i);
            }
        }
        return fresh.Select(i => i.ParentRemoteId is { } p && i.ConversationKey == p && known.TryGetValue(p, out var key) && key != i.RemoteId
            ? i with { ConversationKey = key } : i).ToList();
    }

    private async Task OnFailureAsync(InboxAccount account, NetworkFailure failure, CancellationToken ct)
    {
        switch (failure.Kind)
        {
            case FailureKind.RateLimited:
                await store.SetAccountRateLimitAsync(account.Id, time.GetUtcNow() + (failure.RetryAfter ?? retry.DefaultRateLimitWait), ct);
                break;
            case FailureKind.AuthExpired:
                // As the publisher does: the account needs reconnecting, its scheduled posts are held.
                await store.HoldAccountAsync(account.Id, failure.Message, time.GetUtcNow(), ct);
                accounts.Forget(account.Id);
                break;
        }
        log.LogInformation("Inbox ingestion of account {AccountId} stopped: {Failure}", account.Id, failure);
    }
}
