using Herald.Crisis;
using Herald.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages.Crisis;

/// <summary>One alert: what triggered it, who was told and when, and the buttons to acknowledge and resolve it.</summary>
public sealed class AlertModel(CrisisMonitor monitor) : HeraldPageModel
{
    public CrisisAlert Alert { get; private set; } = null!;
    public IReadOnlyList<CrisisAlertEvent> Events { get; private set; } = [];
    public IReadOnlyDictionary<string, string> People { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (FollowTo(await Db.Set<CrisisAlert>().Where(a => a.Id == id).Select(a => a.WorkspaceId).FirstOrDefaultAsync(ct)) is { } elsewhere)
        {
            return elsewhere;
        }
        Alert = await monitor.FindAsync(Workspace.WorkspaceId, id, ct);
        Events = (await Db.Set<CrisisAlertEvent>().AsNoTracking().Where(e => e.AlertId == id).ToListAsync(ct)).OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
        var ids = Events.Where(e => e.UserId != null).Select(e => e.UserId!).Distinct().ToList();
        People = await Db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.Email, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(string id, CancellationToken ct)
    {
        var ws = await RequireAsync(Role.Editor);
        await monitor.AcknowledgeAsync(ws.WorkspaceId, id, ws.UserId, ct);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostResolveAsync(string id, CancellationToken ct)
    {
        var ws = await RequireAsync(Role.Editor);
        await monitor.ResolveAsync(ws.WorkspaceId, id, ws.UserId, ct);
        return RedirectToPage(new { id });
    }
}
