using Dapper;
using Herald.Data;
using Herald.Notifications;

namespace Herald.Listening;

/// <summary>Raises "listening.spike" when a query's last hour has at least 3× its hourly average of the previous day (and 10+ mentions).</summary>
/// <remarks>Notifiers are resolved per check in a scope, whatever lifetime their capability gives them.</remarks>
internal sealed class SpikeAlerts(IDbConnectionFactory connections, IServiceScopeFactory scopes, TimeProvider time, ILogger<SpikeAlerts> logger)
{
    public const int MinimumMentions = 10;
    public const double Factor = 3;
    private readonly Dictionary<string, DateTimeOffset> _lastAlert = [];
    private readonly Lock _lock = new();

    public async Task CheckAsync(ListeningQuery[] queries, IReadOnlyList<string> queryIds, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var notifier = scope.ServiceProvider.GetServices<INotifier>().ToList();
        if (notifier.Count == 0)
        {
            return;
        }
        var now = time.GetUtcNow();
        var hourAgo = now.AddHours(-1).ToUnixTimeMilliseconds();
        var dayAgo = now.AddHours(-25).ToUnixTimeMilliseconds();
        await using var connection = await connections.OpenAsync(ct);
        foreach (var id in queryIds)
        {
            var counts = await connection.QuerySingleAsync<(long Last, long Before)>(new CommandDefinition("""
                SELECT COALESCE(SUM(CASE WHEN seen_at >= @hourAgo THEN 1 ELSE 0 END), 0) AS last,
                       COALESCE(SUM(CASE WHEN seen_at < @hourAgo THEN 1 ELSE 0 END), 0) AS before
                FROM listening_mentions WHERE query_id = @id AND seen_at >= @dayAgo
                """, new { id, hourAgo, dayAgo }, cancellationToken: ct));
            var usual = counts.Before / 24.0;
            if (counts.Last < MinimumMentions || counts.Last < Factor * Math.Max(usual, 1))
            {
                continue;
            }
            lock (_lock)
            {
                if (_lastAlert.TryGetValue(id, out var last) && now - last < TimeSpan.FromHours(1))
                {
                    continue;
                }
                _lastAlert[id] = now;
            }
            var query = queries.First(q => q.Id == id);
            var notification = new Notification(query.WorkspaceId, "listening.spike", $"Spike of mentions for {query.Name}",
                $"{counts.Last} mentions in the last hour, against about {usual:F1} per hour over the previous day.", $"/listening/mentions?queryId={id}");
            foreach (var n in notifier)
            {
                try
                {
                    await n.NotifyAsync(notification, ct);
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "Spike alert for query {Query} not delivered", id);
                }
            }
        }
    }
}
