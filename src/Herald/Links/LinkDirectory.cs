using System.Collections.Concurrent;
using Dapper;
using Herald.Data;

namespace Herald.Links;

/// <summary>What a redirect needs to know about a link.</summary>
public sealed record LinkTarget(string Id, string TargetUrl)
{
    private readonly (string Before, string After) _clickSlot = UrlMerge.Slot(TargetUrl, "hc");

    /// <summary>The target with ?hc={clickId} merged in (computed once per link, not per click).</summary>
    public string WithClickId(string clickId) => string.Concat(_clickSlot.Before, clickId, _clickSlot.After);
}

/// <summary>
/// Code → target, cached in memory: the redirect's hot path touches the database once per link, not once per click.
/// Entries expire (5 minutes; unknown codes after 1 minute) so a link disabled by another process stops redirecting soon.
/// </summary>
public sealed class LinkDirectory(IDbConnectionFactory connections)
{
    private const int MaxEntries = 200_000;
    private readonly ConcurrentDictionary<string, (LinkTarget? Link, long Until)> _cache = new(StringComparer.Ordinal);

    public async ValueTask<LinkTarget?> FindAsync(string code, CancellationToken ct)
    {
        // A cache lifetime, not a schedule: the monotonic tick count is what fits.
        var now = Environment.TickCount64;
        if (_cache.TryGetValue(code, out var entry) && entry.Until > now)
        {
            return entry.Link;
        }
        await using var c = await connections.OpenAsync(ct);
        var link = await c.QueryFirstOrDefaultAsync<LinkTarget>(new CommandDefinition(
            "SELECT id AS Id, target_url AS TargetUrl FROM tracked_link WHERE code = @code AND NOT disabled", new { code }, cancellationToken: ct));
        if (_cache.Count >= MaxEntries)
        {
            _cache.Clear();
        }
        _cache[code] = (link, now + (link is null ? 60_000 : 300_000));
        return link;
    }

    public void Forget(string code) => _cache.TryRemove(code, out _);
}
