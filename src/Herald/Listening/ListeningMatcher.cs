using Herald.Data;
using Herald.Listening.Matching;
using Herald.Listening.Query;
using Microsoft.EntityFrameworkCore;

namespace Herald.Listening;

/// <summary>Every workspace's queries compiled into one engine, rebuilt when a query changes; readers take a snapshot.</summary>
internal sealed class ListeningMatcher(IServiceScopeFactory scopes) : IDisposable
{
    /// <summary>An engine and, for each query index, which query (and workspace) it is.</summary>
    public sealed record Snapshot(MatchEngine Engine, ListeningQuery[] Queries);

    private volatile Snapshot? _current;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    public async Task<Snapshot> CurrentAsync(CancellationToken ct) => _current ?? await RefreshAsync(ct);

    public async Task<Snapshot> RefreshAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
            var queries = await db.Set<ListeningQuery>().AsNoTracking().OrderBy(q => q.Id).ToArrayAsync(ct);
            var compiled = new List<ListeningQuery>(queries.Length);
            var nodes = new List<QueryNode>(queries.Length);
            foreach (var q in queries)
            {
                try
                {
                    nodes.Add(QueryParser.Parse(q.Text));
                    compiled.Add(q);
                }
                catch (QuerySyntaxException)
                {
                    // saved before a grammar change: skipped rather than stopping everyone's listening
                }
            }
            return _current = new Snapshot(MatchEngine.Build(nodes), [.. compiled]);
        }
        finally
        {
            _gate.Release();
        }
    }
}
