using Herald.Analytics;
using Herald.Data;
using Herald.Teams;

namespace Herald.Competitors;

/// <summary>The competitors API under analytics: viewers read the list and the comparison; editors and above add and remove.</summary>
public static class CompetitorEndpoints
{
    public static IEndpointRouteBuilder MapCompetitorEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/analytics/competitors").RequireAuthorization().WithTags("Analytics");

        api.MapGet("", async (string? workspaceId, WorkspaceAccess access, CompetitorCommands commands, CancellationToken ct) =>
            await commands.ListAsync((await access.RequireAsync(Role.Viewer, workspaceId, ct)).WorkspaceId, ct));

        api.MapPost("", async (AddCompetitorRequest body, string? workspaceId, WorkspaceAccess access, CompetitorCommands commands, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Editor, workspaceId, ct);
            var added = await commands.AddAsync(ws.WorkspaceId, ws.UserId, body, ct);
            return Results.Created($"/api/v1/analytics/competitors/{added.Id}", added);
        });

        api.MapDelete("/{id}", async (string id, string? workspaceId, WorkspaceAccess access, CompetitorCommands commands, CancellationToken ct) =>
        {
            await commands.RemoveAsync((await access.RequireAsync(Role.Editor, workspaceId, ct)).WorkspaceId, id, ct);
            return Results.NoContent();
        });

        api.MapGet("/compare", async (string? from, string? to, int? top, string? workspaceId, WorkspaceAccess access, CompetitorComparison comparison,
            TimeProvider time, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Viewer, workspaceId, ct);
            var q = KpiRequest.Parse(ws.WorkspaceId, time.GetUtcNow(), from, to, null, null, null, null, null);
            return await comparison.CompareAsync(ws.WorkspaceId, q.From, q.To, top ?? 10, ct);
        });
        return app;
    }
}
