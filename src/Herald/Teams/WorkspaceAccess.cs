using System.Security.Claims;
using Herald.Data;
using Microsoft.EntityFrameworkCore;

namespace Herald.Teams;

/// <summary>The signed-in user acting in one workspace with one role.</summary>
public sealed record WorkspaceContext(string UserId, string WorkspaceId, Role Role);

/// <summary>
/// Checks the caller's role in a workspace. The workspace comes from the resource when there is one, else from
/// ?workspaceId=, the X-Herald-Workspace header, the web app's workspace switcher, or the caller's first workspace.
/// </summary>
public sealed class WorkspaceAccess(HeraldDb db, IHttpContextAccessor http)
{
    /// <summary>The HttpContext item where the web app puts the workspace chosen in its switcher.</summary>
    public const string ItemKey = "herald.workspace";

    public string UserId => http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new HeraldProblem(401, "Not signed in", "Sign in or send an API token.");

    /// <summary>Requires at least <paramref name="minimum"/> in the given workspace, or in the request's workspace when null.</summary>
    public async Task<WorkspaceContext> RequireAsync(Role minimum, string? workspaceId = null, CancellationToken ct = default)
    {
        var userId = UserId;
        workspaceId ??= RequestedWorkspace();
        Membership? membership;
        if (workspaceId is null)
        {
            membership = await db.Memberships.AsNoTracking()
                .Where(m => m.UserId == userId)
                .OrderBy(m => m.CreatedAt).ThenBy(m => m.WorkspaceId)
                .FirstOrDefaultAsync(ct);
            if (membership is null)
            {
                throw new HeraldProblem(403, "No workspace", "You are not a member of any workspace.");
            }
        }
        else
        {
            membership = await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.UserId == userId && m.WorkspaceId == workspaceId, ct);
            if (membership is null)
            {
                // Not a member: answer as if the workspace did not exist, so ids cannot be probed.
                throw new HeraldProblem(404, "Not found", "No such workspace, or you are not a member of it.");
            }
        }
        if (membership.Role < minimum)
        {
            throw new HeraldProblem(403, "Forbidden", $"This needs the {minimum.ToString().ToLowerInvariant()} role or higher; you are {membership.Role.ToString().ToLowerInvariant()} in this workspace.");
        }
        return new WorkspaceContext(userId, membership.WorkspaceId, membership.Role);
    }

    private string? RequestedWorkspace()
    {
        var request = http.HttpContext?.Request;
        if (request is null)
        {
            return null;
        }
        var fromQuery = request.Query["workspaceId"].ToString();
        if (!string.IsNullOrEmpty(fromQuery))
        {
            return fromQuery;
        }
        var fromHeader = request.Headers["X-Herald-Workspace"].ToString();
        if (!string.IsNullOrEmpty(fromHeader))
        {
            return fromHeader;
        }
        return http.HttpContext?.Items[ItemKey] as string;
    }
}
