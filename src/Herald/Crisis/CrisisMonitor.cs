using Herald.Data;
using Microsoft.EntityFrameworkCore;

namespace Herald.Crisis;

/// <summary>Runs every enabled rule and raises an alert when a rule's condition starts to hold: once per episode.</summary>
public sealed class CrisisMonitor(HeraldDb db, RuleEvaluator evaluator, Escalation escalation, TimeProvider time)
{
    /// <summary>Evaluates all rules (of one workspace, or all). Returns the alerts raised.</summary>
    public async Task<List<CrisisAlert>> EvaluateAsync(string? workspaceId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var rules = await db.Set<CrisisRule>().AsNoTracking()
            .Where(r => r.Enabled && (workspaceId == null || r.WorkspaceId == workspaceId)).ToListAsync(ct);
        var raised = new List<CrisisAlert>();
        foreach (var rule in rules)
        {
            var figures = await evaluator.EvaluateAsync(rule, now, ct);
            if (figures.Holds == rule.Firing)
            {
                continue;
            }
            // The flip is a conditional update, so two processes never both start an episode; the alert is written in the
            // same transaction, so an episode is never marked started without its alert.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var flipped = await db.Set<CrisisRule>().Where(r => r.Id == rule.Id && r.Firing == rule.Firing)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Firing, figures.Holds), ct);
            // An alert still open or acknowledged for this rule covers this episode too.
            if (flipped == 0 || !figures.Holds || await db.Set<CrisisAlert>().AnyAsync(a => a.RuleId == rule.Id && a.Status != AlertStatus.Resolved, ct))
            {
                await tx.CommitAsync(ct);
                continue;
            }
            var alert = new CrisisAlert
            {
                WorkspaceId = rule.WorkspaceId,
                RuleId = rule.Id,
                RuleName = rule.Name,
                Kind = rule.Kind,
                Status = AlertStatus.Open,
                Summary = figures.Summary,
                Count = figures.Count,
                Negative = figures.Negative,
                Baseline = figures.Baseline,
                WindowMinutes = rule.WindowMinutes,
                RaisedAt = now,
            };
            db.Set<CrisisAlert>().Add(alert);
            db.Set<CrisisAlertEvent>().Add(new CrisisAlertEvent { AlertId = alert.Id, At = now, What = "raised", Detail = figures.Summary });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            await escalation.StartAsync(alert, ct);
            raised.Add(alert);
        }
        return raised;
    }

    public async Task<CrisisAlert> AcknowledgeAsync(string workspaceId, string alertId, string userId, CancellationToken ct)
    {
        var alert = await FindAsync(workspaceId, alertId, ct);
        if (alert.Status == AlertStatus.Open)
        {
            alert.Status = AlertStatus.Acknowledged;
            alert.AcknowledgedAt = time.GetUtcNow();
            alert.AcknowledgedBy = userId;
            alert.NextEscalationAt = null;
            db.Set<CrisisAlertEvent>().Add(new CrisisAlertEvent { AlertId = alert.Id, At = alert.AcknowledgedAt.Value, What = "acknowledged", UserId = userId });
            await db.SaveChangesAsync(ct);
        }
        return alert;
    }

    public async Task<CrisisAlert> ResolveAsync(string workspaceId, string alertId, string userId, CancellationToken ct)
    {
        var alert = await FindAsync(workspaceId, alertId, ct);
        if (alert.Status != AlertStatus.Resolved)
        {
            var now = time.GetUtcNow();
            if (alert.Status == AlertStatus.Open)
            {
                alert.AcknowledgedAt = now;
                alert.AcknowledgedBy = userId;
            }
            alert.Status = AlertStatus.Resolved;
            alert.ResolvedAt = now;
            alert.ResolvedBy = userId;
            alert.NextEscalationAt = null;
            db.Set<CrisisAlertEvent>().Add(new CrisisAlertEvent { AlertId = alert.Id, At = now, What = "resolved", UserId = userId });
            await db.SaveChangesAsync(ct);
        }
        return alert;
    }

    public async Task<CrisisAlert> FindAsync(string workspaceId, string alertId, CancellationToken ct) =>
        await db.Set<CrisisAlert>().FirstOrDefaultAsync(a => a.Id == alertId && a.WorkspaceId == workspaceId, ct)
            ?? throw new HeraldProblem(404, "Not found", "No such alert in this workspace.");
}
