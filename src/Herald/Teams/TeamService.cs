using Herald.Data;
using Microsoft.EntityFrameworkCore;

namespace Herald.Teams;

/// <summary>Users, workspaces and memberships: the use cases shared by the API, the CLI and first-run setup.</summary>
public sealed class TeamService(HeraldDb db, TimeProvider time)
{
    public async Task<User> AddUserAsync(string email, string password, bool admin, CancellationToken ct)
    {
        email = email.Trim().ToLowerInvariant();
        if (!email.Contains('@', StringComparison.Ordinal))
        {
            throw new HeraldProblem(422, "Invalid e-mail", $"'{email}' is not an e-mail address.");
        }
        if (Passwords.Problem(password) is { } problem)
        {
            throw new HeraldProblem(422, "Weak password", problem);
        }
        if (await db.Users.AnyAsync(u => u.Email == email, ct))
        {
            throw new HeraldProblem(409, "User exists", $"A user with the e-mail {email} already exists.");
        }
        var user = new User { Email = email, PasswordHash = Passwords.Hash(password), IsAdmin = admin, CreatedAt = time.GetUtcNow() };
        db.Users.Add(user);
        // Every user starts with a workspace of their own, so they can try everything at once.
        var workspace = new Workspace { Name = admin ? "My brand" : $"{email.Split('@')[0]}'s workspace", CreatedAt = time.GetUtcNow() };
        if (!await db.Workspaces.AnyAsync(ct))
        {
            db.Workspaces.Add(workspace);
            db.Memberships.Add(new Membership { WorkspaceId = workspace.Id, UserId = user.Id, Role = Role.Owner, CreatedAt = time.GetUtcNow() });
        }
        else if (admin)
        {
            // An admin joins every existing workspace as owner.
            foreach (var ws in await db.Workspaces.Select(w => w.Id).ToListAsync(ct))
            {
                db.Memberships.Add(new Membership { WorkspaceId = ws, UserId = user.Id, Role = Role.Owner, CreatedAt = time.GetUtcNow() });
            }
        }
        await db.SaveChangesAsync(ct);
        return user;
    }

    public async Task<Workspace> CreateWorkspaceAsync(string name, string ownerId, string timeZone, CancellationToken ct)
    {
        var workspace = new Workspace { Name = name.Trim(), TimeZone = timeZone, CreatedAt = time.GetUtcNow() };
        db.Workspaces.Add(workspace);
        db.Memberships.Add(new Membership { WorkspaceId = workspace.Id, UserId = ownerId, Role = Role.Owner, CreatedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return workspace;
    }

    public async Task SetMemberAsync(string workspaceId, string userId, Role role, CancellationToken ct)
    {
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId, ct);
        if (membership is null)
        {
            db.Memberships.Add(new Membership { WorkspaceId = workspaceId, UserId = userId, Role = role, CreatedAt = time.GetUtcNow() });
        }
        else
        {
            membership.Role = role;
        }
        await db.SaveChangesAsync(ct);
    }

    public Task<User?> FindUserAsync(string email, CancellationToken ct) =>
        db.Users.FirstOrDefaultAsync(u => u.Email == email.Trim().ToLowerInvariant(), ct);
}
