using Herald.Data;
using Herald.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Herald.Crisis;

/// <summary>One step as the API takes it: a member (by id or e-mail) or a channel, and the minutes to wait for an acknowledgement.</summary>
public sealed record StepRequest(string? UserId, string? Email, string? ChannelId, int? WaitMinutes);

/// <summary>A step as the API shows it, with who or what it names.</summary>
public sealed record StepDto(string Id, int Position, string? UserId, string? ChannelId, string Target, int WaitMinutes);

/// <summary>Reads and replaces a workspace's escalation chain.</summary>
public sealed class EscalationChain(HeraldDb db)
{
    public async Task<List<StepDto>> ListAsync(string workspaceId, CancellationToken ct)
    {
        var steps = await db.Set<EscalationStep>().AsNoTracking().Where(s => s.WorkspaceId == workspaceId).OrderBy(s => s.Position).ToListAsync(ct);
        var userIds = steps.Where(s => s.UserId != null).Select(s => s.UserId!).ToList();
        var channelIds = steps.Where(s => s.ChannelId != null).Select(s => s.ChannelId!).ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.Email, ct);
        var channels = await db.Set<NotificationChannel>().AsNoTracking().Where(c => channelIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return steps.Select(s => new StepDto(s.Id, s.Position, s.UserId, s.ChannelId,
            s.UserId is { } u ? users.GetValueOrDefault(u, u) : channels.GetValueOrDefault(s.ChannelId!, s.ChannelId!), s.WaitMinutes)).ToList();
    }

    public async Task<List<StepDto>> ReplaceAsync(string workspaceId, IReadOnlyList<StepRequest> request, CancellationToken ct)
    {
        var steps = new List<EscalationStep>();
        foreach (var (r, i) in request.Select((r, i) => (r, i)))
        {
            var step = new EscalationStep { WorkspaceId = workspaceId, Position = i, WaitMinutes = r.WaitMinutes ?? 15 };
            if (step.WaitMinutes is < 1 or > 1440)
            {
                throw Invalid("Each step waits between 1 and 1440 minutes.");
            }
            if (r.ChannelId is { Length: > 0 } channelId)
            {
                step.ChannelId = await db.Set<NotificationChannel>().AnyAsync(c => c.Id == channelId && c.WorkspaceId == workspaceId, ct)
                    ? channelId : throw Invalid($"Step {i + 1}: no such notification channel in this workspace.");
            }
            else
            {
                var userId = r.UserId;
                if (string.IsNullOrEmpty(userId) && r.Email is { Length: > 0 } email)
                {
                    var lowered = email.Trim().ToLowerInvariant();
                    userId = await db.Users.Where(u => u.Email == lowered).Select(u => u.Id).FirstOrDefaultAsync(ct);
                }
                if (string.IsNullOrEmpty(userId) || !await db.Memberships.AnyAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId, ct))
                {
                    throw Invalid($"Step {i + 1}: name a member of this workspace (userId or email) or a channel (channelId).");
                }
                step.UserId = userId;
            }
            steps.Add(step);
        }
        await db.Set<EscalationStep>().Where(s => s.WorkspaceId == workspaceId).ExecuteDeleteAsync(ct);
        db.Set<EscalationStep>().AddRange(steps);
        await db.SaveChangesAsync(ct);
        return await ListAsync(workspaceId, ct);
    }

    private static HeraldProblem Invalid(string message) => new(422, "Invalid escalation chain", message);
}
