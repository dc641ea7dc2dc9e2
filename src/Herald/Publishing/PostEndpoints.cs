using Herald.Data;
using Herald.Scheduling;
using Herald.Teams;

namespace Herald.Publishing;

/// <summary>/api/v1/posts and /api/v1/calendar.</summary>
public static class PostEndpoints
{
    public static IEndpointRouteBuilder MapPostEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization().WithTags("Posts");

        api.MapPost("/posts", async (PostRequest body, WorkspaceAccess access, PostComposer composer, PostQueries queries, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Contributor, body.WorkspaceId, ct);
            var (post, warnings) = await composer.CreateAsync(ws, body, ct);
            return Results.Created($"/api/v1/posts/{post.Id}", await queries.DetailAsync(post, warnings, ct));
        });

        api.MapGet("/posts", async (string? status, string? accountId, string? network, DateTimeOffset? from, DateTimeOffset? to, int? limit, int? offset,
            WorkspaceAccess access, PostQueries queries, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Viewer, null, ct);
            return await queries.ListAsync(ws.WorkspaceId, new PostFilter(status, accountId, network, from, to, limit, offset), ct);
        });

        api.MapGet("/posts/{id}", async (string id, WorkspaceAccess access, PostQueries queries, CancellationToken ct) =>
        {
            var post = await FindAsync(id, access, queries, Role.Viewer, ct);
            return await queries.DetailAsync(post, null, ct);
        });

        api.MapMethods("/posts/{id}", ["PATCH", "PUT"], async (string id, PostRequest body, WorkspaceAccess access, PostQueries queries, PostComposer composer, CancellationToken ct) =>
        {
            var post = await FindAsync(id, access, queries, Role.Viewer, ct);
            var ws = await access.RequireAsync(Role.Contributor, post.WorkspaceId, ct);
            var (updated, warnings) = await composer.UpdateAsync(ws, post, body, ct);
            var fresh = await queries.FindAsync(updated.Id, ct);
            return await queries.DetailAsync(fresh!, warnings, ct);
        });

        api.MapPost("/posts/{id}/cancel", async (string id, WorkspaceAccess access, PostQueries queries, PostCommands commands, CancellationToken ct) =>
        {
            var post = await FindAsync(id, access, queries, Role.Editor, ct);
            await commands.CancelAsync(post.Id, ct);
            return await DetailFreshAsync(queries, id, ct);
        });

        api.MapPost("/posts/{id}/retry", async (string id, WorkspaceAccess access, PostQueries queries, PostCommands commands, CancellationToken ct) =>
        {
            var post = await FindAsync(id, access, queries, Role.Editor, ct);
            await commands.RetryAsync(post.Id, ct);
            return await DetailFreshAsync(queries, id, ct);
        });

        api.MapPost("/posts/{id}/duplicate", async (string id, WorkspaceAccess access, PostQueries queries, PostCommands commands, CancellationToken ct) =>
        {
            var post = await FindAsync(id, access, queries, Role.Contributor, ct);
            var copy = await commands.DuplicateAsync(post, access.UserId, ct);
            return Results.Created($"/api/v1/posts/{copy.Id}", await DetailFreshAsync(queries, copy.Id, ct));
        });

        api.MapDelete("/posts/{id}", async (string id, bool? fromNetworks, WorkspaceAccess access, PostQueries queries, PostCommands commands, CancellationToken ct) =>
        {
            var post = await FindAsync(id, access, queries, Role.Editor, ct);
            await commands.DeleteAsync(post, fromNetworks ?? false, ct);
            return Results.NoContent();
        });

        api.MapGet("/calendar", async (DateOnly from, DateOnly to, string? timeZone, string? accountId, string? network, string? campaignId, WorkspaceAccess access, PostQueries queries, Data.HeraldDb db, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Viewer, null, ct);
            if (to <= from || to.DayNumber - from.DayNumber > 400)
            {
                throw new HeraldProblem(422, "Invalid range", "'to' must be after 'from', and at most 400 days later.");
            }
            var zone = timeZone is { Length: > 0 } ? TimeZones.Require(timeZone) : (await db.Workspaces.FindAsync([ws.WorkspaceId], ct))!.TimeZone;
            return new { timeZone = zone, from, to, entries = await queries.CalendarAsync(ws.WorkspaceId, from, to, zone, accountId, network, ct, campaignId) };
        });
        return app;
    }

    private static async Task<Post> FindAsync(string id, WorkspaceAccess access, PostQueries queries, Role role, CancellationToken ct)
    {
        var post = await queries.FindAsync(id, ct) ?? throw new HeraldProblem(404, "Not found", $"No post {id}.");
        await access.RequireAsync(role, post.WorkspaceId, ct);
        return post;
    }

    private static async Task<PostDto> DetailFreshAsync(PostQueries queries, string id, CancellationToken ct)
    {
        var post = await queries.FindAsync(id, ct) ?? throw new HeraldProblem(404, "Not found", $"No post {id}.");
        return await queries.DetailAsync(post, null, ct);
    }
}
