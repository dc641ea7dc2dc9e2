using Dapper;
using Herald.Data;

namespace Herald.Inbox;

/// <summary>Inbox tuning ("Inbox" configuration section).</summary>
public sealed class InboxOptions
{
    /// <summary>Poll connected accounts in the background (off for a CLI or a benchmark).</summary>
    public bool Poll { get; set; } = true;

    /// <summary>The longest the poller sleeps before looking for due accounts again.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Pages read per source and run, so one busy account cannot starve the others; the rest waits for the next run.</summary>
    public int MaxPagesPerRun { get; set; } = 50;

    /// <summary>
    /// Accounts ingested at once. One account's pages stay in order; several accounts overlap their network calls, and on
    /// SQLite their pages meet at the single writer, which commits the pages waiting for it together (one commit, and the
    /// index leaves they share written once, instead of one commit per page).
    /// </summary>
    public int PollConcurrency { get; set; } = 4;
}

/// <summary>
/// Polls every active account whose network has an <see cref="IInboxSource"/>, each at its network's interval, on the
/// injected clock, <see cref="InboxOptions.PollConcurrency"/> accounts at a time; skips accounts the network asked to wait
/// (429) until they may be called again.
/// </summary>
internal sealed class InboxPoller(IDbConnectionFactory connections, InboxIngestor ingestor, InboxOptions options, TimeProvider time, ILogger<InboxPoller> log)
    : BackgroundService
{
    private readonly Dictionary<string, DateTimeOffset> _nextDue = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Poll)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(ex, "Inbox polling failed; trying again on the next tick");
            }
            try
            {
                await Task.Delay(options.Tick, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: every due account ingested, <see cref="InboxOptions.PollConcurrency"/> at a time; what each did
    /// (the benchmark drives this, so its figures are the poller's).</summary>
    internal async Task<IReadOnlyList<IngestResult>> PollDueAsync(CancellationToken ct)
    {
        List<(string Id, string Network, long? RateLimitedUntil)> due;
        await using (var connection = await connections.OpenAsync(ct))
        {
            due = [.. await connection.QueryAsync<(string, string, long?)>(new CommandDefinition(
                "SELECT id, network, rate_limited_until FROM accounts WHERE status = 'Active'", cancellationToken: ct))];
        }
        var picked = new List<string>(due.Count);
        foreach (var (id, network, limitedUntil) in due)
        {
            var now = time.GetUtcNow();
            if (ingestor.SourceFor(network) is not { } source
                || (_nextDue.TryGetValue(id, out var next) && next > now)
                || (limitedUntil is { } until && until > now.ToUnixTimeMilliseconds()))
            {
                continue;
            }
            _nextDue[id] = now + source.PollInterval;
            picked.Add(id);
        }
        // Each account is one task (its sources and pages in order); ingestion returns failures rather than throwing them.
        var results = new IngestResult[picked.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, picked.Count), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.PollConcurrency), CancellationToken = ct },
            async (i, token) => results[i] = await ingestor.IngestAccountAsync(picked[i], token));
        return results;
    }
}
