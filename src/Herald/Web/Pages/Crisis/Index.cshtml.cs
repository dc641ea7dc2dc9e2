using Herald.Crisis;
using Herald.Data;
using Herald.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages.Crisis;

/// <summary>Crisis: crisis mode, alerts to acknowledge and resolve, rules, the escalation chain, the crisis-mode log.</summary>
public sealed class IndexModel(CrisisMode mode, CrisisMonitor monitor, CrisisRules rules, EscalationChain chain, ChannelService channels) : HeraldPageModel
{
    public sealed record MemberChoice(string UserId, string Email);

    public CrisisModeState State { get; private set; } = null!;
    public IReadOnlyList<CrisisAlert> Alerts { get; private set; } = [];
    public IReadOnlyList<CrisisRule> Rules { get; private set; } = [];
    public IReadOnlyList<StepDto> Steps { get; private set; } = [];
    public IReadOnlyList<NotificationChannel> Channels { get; private set; } = [];
    public IReadOnlyList<MemberChoice> Members { get; private set; } = [];
    public IReadOnlyList<CrisisModeLog> Log { get; private set; } = [];
    public IReadOnlyDictionary<string, string> People { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var ws = Workspace.WorkspaceId;
        State = await mode.StateAsync(ws, ct);
        // Every alert not yet resolved, however old, then the latest resolved ones.
        var alerts = Db.Set<CrisisAlert>().AsNoTracking().Where(a => a.WorkspaceId == ws);
        Alerts = [.. await alerts.Where(a => a.Status != AlertStatus.Resolved).OrderByDescending(a => a.RaisedAt).ToListAsync(ct),
            .. await alerts.Where(a => a.Status == AlertStatus.Resolved).OrderByDescending(a => a.RaisedAt).Take(50).ToListAsync(ct)];
        Rules = await rules.ListAsync(ws, ct);
        Steps = await chain.ListAsync(ws, ct);
        Channels = await channels.ListAsync(ws, ct);
        Log = await mode.LogAsync(ws, 10, ct);
        Members = await Db.Memberships.AsNoTracking().Where(m => m.WorkspaceId == ws)
            .Join(Db.Users, m => m.UserId, u => u.Id, (m, u) => new MemberChoice(u.Id, u.Email)).ToListAsync(ct);
        People = Members.ToDictionary(m => m.UserId, m => m.Email);
    }

    public Task<IActionResult> OnPostModeOnAsync(string? note, CancellationToken ct) => ActAsync(Role.Editor, async ws =>
    {
        var change = await mode.PauseAsync(ws.WorkspaceId, ws.UserId, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), ct);
        return T["Mode.Paused", change.Deliveries];
    });

    public Task<IActionResult> OnPostModeOffAsync(bool publishMissed, CancellationToken ct) => ActAsync(Role.Admin, async ws =>
    {
        var change = await mode.ResumeAsync(ws.WorkspaceId, ws.UserId, publishMissed, null, ct);
        return T["Mode.Resumed", change.Deliveries, change.Other];
    });

    public Task<IActionResult> OnPostAcknowledgeAsync(string alertId, CancellationToken ct) => ActAsync(Role.Editor, async ws =>
    {
        await monitor.AcknowledgeAsync(ws.WorkspaceId, alertId, ws.UserId, ct);
        return T["Alerts.Acknowledged"];
    });

    public Task<IActionResult> OnPostResolveAsync(string alertId, CancellationToken ct) => ActAsync(Role.Editor, async ws =>
    {
        await monitor.ResolveAsync(ws.WorkspaceId, alertId, ws.UserId, ct);
        return T["Alerts.Resolved"];
    });

    /// <summary>A field left empty takes the kind's default (CrisisRules.Defaults). The threshold is read as "2.5" or "2,5"
    /// whatever the page's language: number fields post a dot, French users type a comma.</summary>
    public Task<IActionResult> OnPostAddRuleAsync(string kind, string? name, int? windowMinutes, string? threshold, int? minimumCount, int? baselineWeeks, CancellationToken ct) =>
        ActAsync(Role.Admin, async ws =>
        {
            double? ratio = null;
            if (!string.IsNullOrWhiteSpace(threshold))
            {
                ratio = double.TryParse(threshold.Trim().Replace(',', '.'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
                    ? v
                    : throw new HeraldProblem(422, "Invalid rule", T["Rules.ThresholdInvalid"]);
            }
            await rules.AddAsync(ws.WorkspaceId, new RuleRequest(name, kind, windowMinutes, ratio, minimumCount, baselineWeeks, true), ct);
            return T["Rules.Added"];
        });

    public Task<IActionResult> OnPostDeleteRuleAsync(string ruleId, CancellationToken ct) => ActAsync(Role.Admin, async ws =>
    {
        await rules.DeleteAsync(ws.WorkspaceId, ruleId, ct);
        return T["Rules.Deleted"];
    });

    public Task<IActionResult> OnPostAddStepAsync(string target, int waitMinutes, CancellationToken ct) => ActAsync(Role.Admin, async ws =>
    {
        var current = (await chain.ListAsync(ws.WorkspaceId, ct)).Select(s => new StepRequest(s.UserId, null, s.ChannelId, s.WaitMinutes)).ToList();
        current.Add(target.StartsWith("channel:", StringComparison.Ordinal)
            ? new StepRequest(null, null, target["channel:".Length..], waitMinutes)
            : new StepRequest(target.StartsWith("user:", StringComparison.Ordinal) ? target["user:".Length..] : target, null, null, waitMinutes));
        await chain.ReplaceAsync(ws.WorkspaceId, current, ct);
        return T["Steps.Added"];
    });

    public Task<IActionResult> OnPostRemoveStepAsync(string stepId, CancellationToken ct) => ActAsync(Role.Admin, async ws =>
    {
        var current = (await chain.ListAsync(ws.WorkspaceId, ct)).Where(s => s.Id != stepId)
            .Select(s => new StepRequest(s.UserId, null, s.ChannelId, s.WaitMinutes)).ToList();
        await chain.ReplaceAsync(ws.WorkspaceId, current, ct);
        return T["Steps.Removed"];
    });

    private Microsoft.Extensions.Localization.IStringLocalizer<Resources.Crisis> T =>
        HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Resources.Crisis>>();

    /// <summary>Checks the action's role, runs it, and shows its outcome (or the API's own message for a refusal) after a redirect.</summary>
    private async Task<IActionResult> ActAsync(Role role, Func<Teams.WorkspaceContext, Task<string>> action)
    {
        var ws = await RequireAsync(role);
        try
        {
            Flash = await action(ws);
        }
        catch (HeraldProblem problem) when (problem.Status == 422)
        {
            Flash = problem.Detail;
        }
        return RedirectToPage();
    }
}
