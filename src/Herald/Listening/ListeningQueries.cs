using Herald.Data;
using Herald.Listening.Matching;
using Herald.Listening.Query;
using Microsoft.EntityFrameworkCore;

namespace Herald.Listening;

/// <summary>A query as written by a user: name, query text, role.</summary>
public sealed record QueryInput(string? Name, string? Query, QueryRole? Role);

/// <summary>Creates, edits and deletes a workspace's listening queries (validated), and previews one on recent posts.</summary>
internal sealed class ListeningQueries(HeraldDb db, ListeningMatcher matcher, RecentPosts recent, TimeProvider time)
{
    public const int MaxPerWorkspace = 1000;

    /// <summary>Parses the query or throws a 422 whose extensions carry the position and reason.</summary>
    public static QueryNode Validate(string? text)
    {
        try
        {
            return QueryParser.Parse(text ?? "");
        }
        catch (QuerySyntaxException e)
        {
            throw new HeraldProblem(422, "Invalid query", e.Message, new Dictionary<string, object?> { ["position"] = e.Position, ["reason"] = e.Reason });
        }
    }

    public async Task<ListeningQuery> CreateAsync(string workspaceId, QueryInput input, CancellationToken ct)
    {
        Validate(input.Query);
        var name = RequireName(input.Name);
        if (await db.Set<ListeningQuery>().CountAsync(q => q.WorkspaceId == workspaceId, ct) >= MaxPerWorkspace)
        {
            throw new HeraldProblem(422, "Too many queries", $"A workspace has at most {MaxPerWorkspace} listening queries.");
        }
        var now = time.GetUtcNow();
        var query = new ListeningQuery { Id = Ids.New(), WorkspaceId = workspaceId, Name = name, Text = input.Query!.Trim(), Role = input.Role ?? QueryRole.Topic, CreatedAt = now, UpdatedAt = now };
        db.Add(query);
        await db.SaveChangesAsync(ct);
        await matcher.RefreshAsync(ct);
        return query;
    }

    public async Task<ListeningQuery> UpdateAsync(ListeningQuery query, QueryInput input, CancellationToken ct)
    {
        if (input.Query is not null)
        {
            Validate(input.Query);
            query.Text = input.Query.Trim();
        }
        if (input.Name is not null)
        {
            query.Name = RequireName(input.Name);
        }
        query.Role = input.Role ?? query.Role;
        query.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await matcher.RefreshAsync(ct);
        return query;
    }

    public async Task DeleteAsync(ListeningQuery query, CancellationToken ct)
    {
        await db.Set<Mention>().Where(m => m.QueryId == query.Id).ExecuteDeleteAsync(ct);
        db.Remove(query);
        await db.SaveChangesAsync(ct);
        await matcher.RefreshAsync(ct);
    }

    /// <summary>The recent posts (newest first) this query text would match, and how many were looked at.</summary>
    public (List<IncomingPost> Matches, int Scanned) Preview(string? text, int limit)
    {
        var engine = MatchEngine.Build([Validate(text)]);
        var scratch = engine.CreateScratch();
        var posts = recent.Snapshot();
        var matches = posts.Where(p => engine.Match(p.Text, p.Langs, p.AuthorHandle, p.AuthorId, scratch).Length > 0).Take(limit).ToList();
        return (matches, posts.Count);
    }

    private static string RequireName(string? name) => string.IsNullOrWhiteSpace(name) || name.Length > 100
        ? throw new HeraldProblem(422, "Invalid name", "Give the query a name of 1 to 100 characters.", new Dictionary<string, object?> { ["field"] = "name" })
        : name.Trim();
}
