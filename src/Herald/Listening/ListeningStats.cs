using Dapper;
using Herald.Data;
using Herald.Listening.Matching;
using Herald.Listening.Query;

namespace Herald.Listening;

/// <summary>Volume over time, share of voice, trending terms and top authors, from a workspace's stored mentions.</summary>
internal sealed class ListeningStats(IDbConnectionFactory connections)
{
    public sealed record VolumePoint(string QueryId, DateTimeOffset At, long Mentions);

    public sealed record Voice(string QueryId, string Name, QueryRole Role, long Mentions, double Share);

    public sealed record Trend(string Term, long Recent, double Usual, double Growth);

    public sealed record Author(string AuthorId, string? Handle, long Mentions, long Engagement, long? Followers, double? EngagementRate, string Tier);

    public async Task<List<VolumePoint>> VolumeAsync(string workspaceId, string? queryId, TimeSpan bucket, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        var size = (long)bucket.TotalMilliseconds;
        var rows = await c.QueryAsync<(string QueryId, long Bucket, long Mentions)>(new CommandDefinition("""
            SELECT query_id, published_at / @size AS bucket, COUNT(*) AS mentions FROM listening_mentions
            WHERE workspace_id = @workspaceId AND (@queryId IS NULL OR query_id = @queryId) AND published_at >= @from AND published_at < @to
            GROUP BY 1, 2 ORDER BY 2, 1
            """, new { workspaceId, queryId, size, from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() }, cancellationToken: ct));
        return [.. rows.Select(r => new VolumePoint(r.QueryId, DateTimeOffset.FromUnixTimeMilliseconds(r.Bucket * size), r.Mentions))];
    }

    public async Task<List<Voice>> ShareOfVoiceAsync(string workspaceId, IReadOnlyList<ListeningQuery> queries, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        var counts = (await c.QueryAsync<(string QueryId, long Mentions)>(new CommandDefinition("""
            SELECT query_id, COUNT(*) FROM listening_mentions
            WHERE workspace_id = @workspaceId AND published_at >= @from AND published_at < @to GROUP BY query_id
            """, new { workspaceId, from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() }, cancellationToken: ct)))
            .ToDictionary(x => x.QueryId, x => x.Mentions);
        // Share of voice compares the brand with its competitors; topics are not voices.
        var voices = queries.Where(q => q.Role != QueryRole.Topic).ToList();
        var total = voices.Sum(q => counts.GetValueOrDefault(q.Id));
        return [.. voices.Select(q => new Voice(q.Id, q.Name, q.Role, counts.GetValueOrDefault(q.Id), total == 0 ? 0 : Math.Round((double)counts.GetValueOrDefault(q.Id) / total, 4)))
            .OrderByDescending(v => v.Mentions)];
    }

    /// <summary>Terms and hashtags of the last <paramref name="window"/> against their usual rate over the previous week.</summary>
    public async Task<List<Trend>> TrendsAsync(string workspaceId, DateTimeOffset now, TimeSpan window, int limit, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        var since = now - window - TimeSpan.FromDays(7);
        var rows = await c.QueryAsync<(string SourceUri, string Text, long PublishedAt)>(new CommandDefinition("""
            SELECT source_uri, MIN(text), MIN(published_at) FROM listening_mentions
            WHERE workspace_id = @workspaceId AND published_at >= @since GROUP BY source_uri LIMIT 20000
            """, new { workspaceId, since = since.ToUnixTimeMilliseconds() }, cancellationToken: ct));
        var start = (now - window).ToUnixTimeMilliseconds();
        var recent = new Dictionary<string, long>(StringComparer.Ordinal);
        var before = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var counts = row.PublishedAt >= start ? recent : before;
            foreach (var (kind, text) in Tokenizer.Tokens(row.Text).Distinct())
            {
                if (kind == TermKind.Mention || (kind == TermKind.Word && (text.Length < 4 || StopWords.Contains(text))))
                {
                    continue;
                }
                var term = kind == TermKind.Hashtag ? "#" + text : text;
                counts[term] = counts.GetValueOrDefault(term) + 1;
            }
        }
        var windows = TimeSpan.FromDays(7) / window;
        return [.. recent.Where(r => r.Value >= 2)
            .Select(r => { var usual = before.GetValueOrDefault(r.Key) / windows; return new Trend(r.Key, r.Value, Math.Round(usual, 2), Math.Round((r.Value + 1) / (usual + 1), 2)); })
            .OrderByDescending(t => t.Growth).ThenByDescending(t => t.Recent).Take(limit)];
    }

    public async Task<List<Author>> AuthorsAsync(string workspaceId, string? queryId, int limit, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        var rows = await c.QueryAsync<(string AuthorId, string? Handle, long Mentions, long Engagement, long? Followers)>(new CommandDefinition("""
            SELECT author_id, MAX(author_handle), COUNT(DISTINCT source_uri), SUM(engagement), MAX(author_followers) FROM listening_mentions
            WHERE workspace_id = @workspaceId AND (@queryId IS NULL OR query_id = @queryId)
            GROUP BY author_id
            """, new { workspaceId, queryId }, cancellationToken: ct));
        return [.. rows.Select(r => new Author(r.AuthorId, r.Handle, r.Mentions, r.Engagement, r.Followers,
                r.Followers is > 0 ? Math.Round((double)r.Engagement / r.Mentions / r.Followers.Value, 4) : null, Tier(r.Followers)))
            .OrderByDescending(a => a.EngagementRate ?? -1).ThenByDescending(a => a.Followers ?? 0).ThenByDescending(a => a.Mentions).Take(limit)];
    }

    /// <summary>Influencer tiers by followers: nano under 10k, micro under 100k, macro above; unknown when the source gives no count (the Bluesky firehose does not).</summary>
    public static string Tier(long? followers) => followers switch
    {
        null => "unknown",
        < 10_000 => "nano",
        < 100_000 => "micro",
        _ => "macro",
    };

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "this", "that", "with", "have", "just", "from", "your", "about", "what", "been", "were", "they", "them", "their", "there", "will",
        "avec", "dans", "pour", "mais", "plus", "tres", "cette", "sont", "nous", "vous", "elle", "leur", "quelqu", "autre", "aujourd", "hui",
    };
}
