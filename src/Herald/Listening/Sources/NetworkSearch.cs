using Herald.Listening.Query;

namespace Herald.Listening.Sources;

/// <summary>
/// Drives a network's post search for listening: every <c>every</c>, one poll per search string, the strings being the
/// configured ones followed by those that cover the workspaces' queries (<see cref="SearchTerms"/>), so a new query is
/// searched for from the next round without any configuration.
/// </summary>
internal sealed class NetworkSearch(ListeningMatcher matcher, TimeProvider time, ILogger logger)
{
    /// <summary>The search strings of one round: <paramref name="configured"/> first, then the queries' own, at most <paramref name="max"/> in all.</summary>
    public async Task<IReadOnlyList<string>> TermsAsync(IReadOnlyList<string> configured, int max, CancellationToken ct)
    {
        var snapshot = await matcher.CurrentAsync(ct);
        var nodes = new List<QueryNode>(snapshot.Queries.Length);
        foreach (var query in snapshot.Queries)
        {
            try
            {
                nodes.Add(QueryParser.Parse(query.Text));
            }
            catch (QuerySyntaxException)
            {
                // the matcher skipped it too
            }
        }
        var terms = new List<string>(configured.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct(StringComparer.OrdinalIgnoreCase));
        foreach (var term in SearchTerms.Collect(nodes, max))
        {
            if (terms.Count >= max)
            {
                break;
            }
            if (!terms.Contains(term, StringComparer.OrdinalIgnoreCase))
            {
                terms.Add(term);
            }
        }
        return terms;
    }

    /// <summary>Polls every term, then waits for the next round; a failing term is logged and the others still run.</summary>
    public async Task RunAsync(string network, IReadOnlyList<string> configured, int max, TimeSpan every,
        Func<string, CancellationToken, Task<int>> poll, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(every, time);
        do
        {
            IReadOnlyList<string> terms;
            try
            {
                terms = await TermsAsync(configured, max, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("{Network} search: the queries could not be read: {Error}", network, e.Message);
                continue;
            }
            foreach (var term in terms)
            {
                try
                {
                    await poll(term, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("{Network} search {Term}: {Error}", network, term, e.Message);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(ct));
    }
}
