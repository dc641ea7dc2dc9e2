using Herald.Data;
using Microsoft.EntityFrameworkCore;

namespace Herald.Teams;

/// <summary>/api/v1/me, workspaces, members and API tokens.</summary>
public static class TeamEndpoints
{
    public static IEndpointRouteBuilder MapTeamEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization().WithTags("Teams");

        api.MapGet("/me", async (WorkspaceAccess access, HeraldDb db, CancellationToken ct) =>
        {
            var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == access.UserId, ct);
            var workspaces = await db.Memberships.AsNoTracking().Where(m => m.UserId == user.Id)
                .Join(db.Workspaces, m => m.WorkspaceId, w => w.Id, (m, w) => new WorkspaceDto(w.Id, w.Name, w.TimeZone, m.Role.ToString().ToLowerInvariant()))
                .ToListAsync(ct);
            return Results.Ok(new { user.Id, user.Email, user.DisplayName, user.TimeZone, user.Culture, user.IsAdmin, workspaces });
        });

        api.MapGet("/workspaces", async (WorkspaceAccess access, HeraldDb db, CancellationToken ct) =>
            await db.Memberships.AsNoTracking().Where(m => m.UserId == access.UserId)
                .Join(db.Workspaces, m => m.WorkspaceId, w => w.Id, (m, w) => new WorkspaceDto(w.Id, w.Name, w.TimeZone, m.Role.ToString().ToLowerInvariant()))
                .ToListAsync(ct));

        api.MapPost("/workspaces", async (CreateWorkspace body, WorkspaceAccess access, TeamService teams, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(body.Name))
            {
                throw new HeraldProblem(422, "Invalid workspace", "A workspace needs a name.");
            }
            var ws = await teams.CreateWorkspaceAsync(body.Name, access.UserId, Scheduling.TimeZones.Require(body.TimeZone ?? "UTC"), ct);
            return Results.Created($"/api/v1/workspaces/{ws.Id}", new WorkspaceDto(ws.Id, ws.Name, ws.TimeZone, "owner"));
        });

        api.MapGet("/workspaces/{id}/members", async (string id, WorkspaceAccess access, HeraldDb db, CancellationToken ct) =>
        {
            await access.RequireAsync(Role.Viewer, id, ct);
            return await db.Memberships.AsNoTracking().Where(m => m.WorkspaceId == id)
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.Email, u.DisplayName, Role = m.Role.ToString().ToLowerInvariant() })
                .ToListAsync(ct);
        });

        api.MapPut("/workspaces/{id}/members", async (string id, SetMember body, WorkspaceAccess access, TeamService teams, HeraldDb db, CancellationToken ct) =>
        {
            var ctx = await access.RequireAsync(Role.Admin, id, ct);
            if (!Enum.TryParse<Role>(body.Role, true, out var role))
            {
                throw new HeraldProblem(422, "Invalid role", "Role must be owner, admin, editor, contributor or viewer.");
            }
            if (role == Role.Owner && ctx.Role < Role.Owner)
            {
                throw new HeraldProblem(403, "Forbidden", "Only an owner can make someone an owner.");
            }
            var user = await teams.FindUserAsync(body.Email ?? "", ct) ?? throw new HeraldProblem(404, "No such user", $"No user with the e-mail {body.Email}.");
            await teams.SetMemberAsync(id, user.Id, role, ct);
            return Results.Ok(new { user.Id, user.Email, Role = role.ToString().ToLowerInvariant() });
        });

        api.MapGet("/tokens", async (WorkspaceAccess access, HeraldDb db, CancellationToken ct) =>
            await db.ApiTokens.AsNoTracking().Where(t => t.UserId == access.UserId && t.RevokedAt == null)
                .Select(t => new { t.Id, t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt }).ToListAsync(ct));

        api.MapPost("/tokens", async (CreateToken body, WorkspaceAccess access, ApiTokens tokens, CancellationToken ct) =>
        {
            var (token, secret) = await tokens.CreateAsync(access.UserId, string.IsNullOrWhiteSpace(body.Name) ? "API token" : body.Name.Trim(), ct);
            return Results.Created($"/api/v1/tokens/{token.Id}", new { token.Id, token.Name, token = secret });
        });

        api.MapDelete("/tokens/{id}", async (string id, WorkspaceAccess access, HeraldDb db, TimeProvider time, CancellationToken ct) =>
        {
            var now = time.GetUtcNow();
            var n = await db.ApiTokens.Where(t => t.Id == id && t.UserId == access.UserId && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
            return n == 0 ? Results.NotFound() : Results.NoContent();
        });
        return app;
    }

    public sealed record WorkspaceDto(string Id, string Name, string TimeZone, string Role);

    public sealed record CreateWorkspace(string? Name, string? TimeZone);

    public sealed record SetMember(string? Email, string? Role);

    public sealed record CreateToken(string? Name);
}
