using Dapper;
using Herald.Data;
using Herald.Sentiment;

namespace Herald.Listening;

/// <summary>Matches incoming posts against every query and stores each match once per query and source URI.</summary>
/// <remarks>The sentiment analyzer is optional (resolved as a sequence), so listening runs without the inbox's analyzer.</remarks>
internal sealed class ListeningIngest(
    ListeningMatcher matcher,
    RecentPosts recent,
    IDbConnectionFactory connections,
    IServiceScopeFactory scopes,
    SpikeAlerts spikes,
    IEnumerable<IAuthorDirectory> directories,
    TimeProvider time)
{
    /// <summary>Returns how many new mentions were stored.</summary>
    public async Task<int> IngestAsync(IReadOnlyList<IncomingPost> posts, CancellationToken ct)
    {
        var snapshot = await matcher.CurrentAsync(ct);
        await using var scope = scopes.CreateAsyncScope();
        var sentimentAnalyzer = scope.ServiceProvider.GetServices<ISentimentAnalyzer>().FirstOrDefault();
        var scratch = snapshot.Engine.CreateScratch();
        var matches = new List<(IncomingPost Post, int[] Queries)>();
        foreach (var post in posts)
        {
            recent.Add(post);
            var matched = snapshot.Engine.Match(post.Text, post.Langs, post.AuthorHandle, post.AuthorId, scratch);
            if (!matched.IsEmpty)
            {
                matches.Add((post, matched.ToArray()));
            }
        }
        if (matches.Count == 0)
        {
            return 0;
        }
        await AddAuthorsAsync(matches, ct);
        var rows = new List<object>();
        var queryIds = new HashSet<string>();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (post, matched) in matches)
        {
            var lang = post.Langs.FirstOrDefault();
            string? sentiment = sentimentAnalyzer?.Analyze(post.Text, lang is "en" or "fr" ? lang : null).Label.ToString();
            foreach (var q in matched)
            {
                var query = snapshot.Queries[q];
                queryIds.Add(query.Id);
                rows.Add(new
                {
                    id = Ids.New(),
                    query_id = query.Id,
                    workspace_id = query.WorkspaceId,
                    source = post.Source,
                    source_uri = post.SourceUri,
                    url = post.Url,
                    author_id = post.AuthorId,
                    author_handle = post.AuthorHandle,
                    author_followers = post.AuthorFollowers,
                    text = post.Text,
                    lang,
                    sentiment,
                    engagement = post.Engagement,
                    published_at = post.PublishedAt.ToUnixTimeMilliseconds(),
                    seen_at = now,
                });
            }
        }
        if (rows.Count == 0)
        {
            return 0;
        }
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var stored = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO listening_mentions (id, query_id, workspace_id, source, source_uri, url, author_id, author_handle, author_followers,
                                            text, lang, sentiment, engagement, published_at, seen_at)
            VALUES (@id, @query_id, @workspace_id, @source, @source_uri, @url, @author_id, @author_handle, @author_followers,
                    @text, @lang, @sentiment, @engagement, @published_at, @seen_at)
            ON CONFLICT (query_id, source_uri) DO NOTHING
            """, rows, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        if (stored > 0)
        {
            await spikes.CheckAsync(snapshot.Queries, [.. queryIds], ct);
        }
        return stored;
    }

    /// <summary>Fills in follower counts (and missing handles) of matched posts from their network's author directory.</summary>
    private async Task AddAuthorsAsync(List<(IncomingPost Post, int[] Queries)> matches, CancellationToken ct)
    {
        foreach (var directory in directories)
        {
            var wanted = matches.Where(m => m.Post.AuthorFollowers is null && m.Post.Source == directory.Source).Select(m => m.Post.AuthorId).ToArray();
            if (wanted.Length == 0)
            {
                continue;
            }
            var found = await directory.LookupAsync(wanted, ct);
            for (var i = 0; i < matches.Count; i++)
            {
                var post = matches[i].Post;
                if (post.AuthorFollowers is null && post.Source == directory.Source && found.TryGetValue(post.AuthorId, out var profile))
                {
                    matches[i] = (post with { AuthorFollowers = profile.Followers, AuthorHandle = post.AuthorHandle ?? profile.Handle }, matches[i].Queries);
                }
            }
        }
    }

    /// <summary>Removes the mentions of a post its author deleted; returns how many.</summary>
    public async Task<int> WithdrawAsync(string source, string sourceUri, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM listening_mentions WHERE source = @source AND source_uri = @sourceUri", new { source, sourceUri }, cancellationToken: ct));
    }
}
