using Herald.Data;
using Herald.Teams;
using Microsoft.EntityFrameworkCore;

namespace Herald.Listening;

/// <summary>/api/v1/listening: queries (CRUD, preview), mentions, volume, share of voice, trends, authors.</summary>
public static class ListeningEndpoints
{
    public static IEndpointRouteBuilder MapListeningEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/listening").RequireAuthorization().WithTags("Listening");

        api.MapGet("/queries", async (WorkspaceAccess access, HeraldDb db, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Viewer, null, ct);
            return (await db.Set<ListeningQuery>().AsNoTracking().Where(q => q.WorkspaceId == ws.WorkspaceId).OrderBy(q => q.CreatedAt).ToListAsync(ct)).Select(QueryDto.From);
        });
        api.MapPost("/queries", async (QueryInput input, string? workspaceId, WorkspaceAccess access, ListeningQueries queries, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Editor, workspaceId, ct);
            var q = await queries.CreateAsync(ws.WorkspaceId, input, ct);
            return Results.Created($"/api/v1/listening/queries/{q.Id}", QueryDto.From(q));
        });
        api.MapGet("/queries/{id}", async (string id, WorkspaceAccess access, HeraldDb db, CancellationToken ct) =>
            QueryDto.From(await FindAsync(id, Role.Viewer, access, db, ct)));
        api.MapPut("/queries/{id}", async (string id, QueryInput input, WorkspaceAccess access, HeraldDb db, ListeningQueries queries, CancellationToken ct) =>
            QueryDto.From(await queries.UpdateAsync(await FindAsync(id, Role.Editor, access, db, ct), input, ct)));
        api.MapDelete("/queries/{id}", async (string id, WorkspaceAccess access, HeraldDb db, ListeningQueries queries, CancellationToken ct) =>
        {
            await queries.DeleteAsync(await FindAsync(id, Role.Editor, access, db, ct), ct);
            return Results.NoContent();
        });
        api.MapPost("/preview", async (QueryInput input, WorkspaceAccess access, ListeningQueries queries, CancellationToken ct) =>
        {
            await access.RequireAsync(Role.Viewer, null, ct);
            var (matches, scanned) = queries.Preview(input.Query, 50);
            return new { scanned, matches = matches.Select(PostDto.From) };
        });

        api.MapGet("/mentions", async (string? queryId, string? source, string? sentiment, DateTimeOffset? from, DateTimeOffset? to, int? limit,
            WorkspaceAccess access, HeraldDb db, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Viewer, null, ct);
            var q = db.Set<Mention>().AsNoTracking().Where(m => m.WorkspaceId == ws.WorkspaceId);
            q = queryId is null ? q : q.Where(m => m.QueryId == queryId);
            q = source is null ? q : q.Where(m => m.Source == source);
            q = sentiment is null ? q : q.Where(m => m.Sentiment == sentiment);
            q = from is null ? q : q.Where(m => m.PublishedAt >= from);
            q = to is null ? q : q.Where(m => m.PublishedAt < to);
            return await q.OrderByDescending(m => m.PublishedAt).ThenByDescending(m => m.Id).Take(Math.Clamp(limit ?? 100, 1, 500)).ToListAsync(ct);
        });
        api.MapGet("/volume", async (string? queryId, string? interval, DateTimeOffset? from, DateTimeOffset? to, WorkspaceAccess access, ListeningStats stats, TimeProvider time, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Viewer, null, ct);
            var bucket = interval switch
            {
                null or "hour" => TimeSpan.FromHours(1),
                "day" => TimeSpan.FromDays(1),
                _ => throw new HeraldProblem(422, "Invalid interval", "interval is hour or day."),
            };
            var end = to ?? time.GetUtcNow();
            return await stats.VolumeAsync(ws.WorkspaceId, queryId, bucket, from ?? end.AddDays(bucket.TotalDays >= 1 ? -30 : -2), end, ct);
        });
        api.MapGet("/share-of-voice", async (DateTimeOffset? from, DateTimeOffset? to, WorkspaceAccess access, HeraldDb db, ListeningStats stats, TimeProvider time, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Viewer, null, ct);
            var queries = await db.Set<ListeningQuery>().AsNoTracking().Where(q => q.WorkspaceId == ws.WorkspaceId).ToListAsync(ct);
            var end = to ?? time.GetUtcNow();
            return await stats.ShareOfVoiceAsync(ws.WorkspaceId, queries, from ?? end.AddDays(-30), end, ct);
        });
        api.MapGet("/trends", async (int? hours, WorkspaceAccess access, ListeningStats stats, TimeProvider time, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Viewer, null, ct);
            return await stats.TrendsAsync(ws.WorkspaceId, time.GetUtcNow(), TimeSpan.FromHours(Math.Clamp(hours ?? 24, 1, 168)), 30, ct);
        });
        api.MapGet("/authors", async (string? queryId, WorkspaceAccess access, ListeningStats stats, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Viewer, null, ct);
            return await stats.AuthorsAsync(ws.WorkspaceId, queryId, 50, ct);
        });
        return app;
    }

    private static async Task<ListeningQuery> FindAsync(string id, Role role, WorkspaceAccess access, HeraldDb db, CancellationToken ct)
    {
        var query = await db.Set<ListeningQuery>().FirstOrDefaultAsync(q => q.Id == id, ct)
            ?? throw new HeraldProblem(404, "Not found", "No such listening query.");
        await access.RequireAsync(role, query.WorkspaceId, ct);
        return query;
    }

    private sealed record QueryDto(string Id, string WorkspaceId, string Name, string Query, QueryRole Role, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
    {
        public static QueryDto From(ListeningQuery q) => new(q.Id, q.WorkspaceId, q.Name, q.Text, q.Role, q.CreatedAt, q.UpdatedAt);
    }

    private sealed record PostDto(string Source, string SourceUri, string? Url, string Text, string AuthorId, string? AuthorHandle, DateTimeOffset PublishedAt)
    {
        public static PostDto From(IncomingPost p) => new(p.Source, p.SourceUri, p.Url, p.Text, p.AuthorId, p.AuthorHandle, p.PublishedAt);
    }
}
