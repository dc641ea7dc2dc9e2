using Herald.Data;
using Herald.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Herald.Crisis;

/// <summary>
/// Tells people about an alert, step by step: step 1 at once; if nobody acknowledges within its wait, step 2; and so on.
/// Without a chain, every notification channel of the workspace hears at once. Acknowledging or resolving stops the chain.
/// </summary>
public sealed class Escalation(HeraldDb db, NotificationQueue queue, TimeProvider time)
{
    public async Task StartAsync(CrisisAlert alert, CancellationToken ct)
    {
        var steps = await StepsAsync(alert.WorkspaceId, ct);
        var now = time.GetUtcNow();
        if (steps.Count == 0)
        {
            var sent = await queue.EnqueueAsync(Message(alert, null, 0), null, [], ct);
            Event(alert, "notified", $"Every notification channel of the workspace ({sent}).");
            alert.NextEscalationAt = null;
            await db.SaveChangesAsync(ct);
            return;
        }
        await NotifyStepAsync(alert, steps, 0, ct);
        alert.NextStep = 1;
        alert.NextEscalationAt = steps.Count > 1 ? now + TimeSpan.FromMinutes(steps[0].WaitMinutes) : null;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Moves every open alert whose wait has run out to its next step. Returns how many steps were notified.</summary>
    public async Task<int> EscalateDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = await db.Set<CrisisAlert>().Where(a => a.Status == AlertStatus.Open && a.NextEscalationAt != null && a.NextEscalationAt <= now).ToListAsync(ct);
        var notified = 0;
        foreach (var alert in due)
        {
            // Another process may have taken this step already: only the one that moves NextStep notifies.
            var step = alert.NextStep;
            var won = await db.Set<CrisisAlert>().Where(a => a.Id == alert.Id && a.NextStep == step && a.Status == AlertStatus.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.NextStep, step + 1), ct);
            if (won == 0)
            {
                continue;
            }
            var steps = await StepsAsync(alert.WorkspaceId, ct);
            alert.NextStep = step + 1;
            if (step < steps.Count)
            {
                await NotifyStepAsync(alert, steps, step, ct);
                notified++;
            }
            alert.NextEscalationAt = step + 1 < steps.Count ? now + TimeSpan.FromMinutes(steps[step].WaitMinutes) : null;
            await db.SaveChangesAsync(ct);
        }
        return notified;
    }

    private async Task NotifyStepAsync(CrisisAlert alert, List<EscalationStep> steps, int index, CancellationToken ct)
    {
        var step = steps[index];
        var previousWait = index == 0 ? 0 : steps[index - 1].WaitMinutes;
        var message = Message(alert, $"step {index + 1} of {steps.Count}", previousWait);
        if (step.ChannelId is { } channelId)
        {
            var name = await db.Set<NotificationChannel>().Where(c => c.Id == channelId).Select(c => c.Name).FirstOrDefaultAsync(ct);
            await queue.EnqueueAsync(message, [channelId], [], ct);
            Event(alert, "notified", $"Step {index + 1}: channel {name ?? channelId}.");
        }
        else if (step.UserId is { } userId)
        {
            var email = await db.Memberships.Where(m => m.WorkspaceId == alert.WorkspaceId && m.UserId == userId)
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email).FirstOrDefaultAsync(ct);
            if (email is null)
            {
                Event(alert, "skipped", $"Step {index + 1}: that member has left the workspace.");
                return;
            }
            await queue.EnqueueAsync(message, [], [email], ct);
            Event(alert, "notified", $"Step {index + 1}: {email}.");
        }
    }

    private static Notification Message(CrisisAlert alert, string? step, int waited)
    {
        var body = alert.Summary + "\n\n"
            + (step is null || waited == 0 ? "" : $"Escalation {step}: nobody acknowledged within {waited} minutes.\n")
            + "Acknowledge it in Herald to stop the escalation.";
        return new Notification(alert.WorkspaceId, "crisis.alert", $"Crisis alert: {alert.RuleName}", body, $"/crisis/alerts/{alert.Id}");
    }

    private void Event(CrisisAlert alert, string what, string detail) =>
        db.Set<CrisisAlertEvent>().Add(new CrisisAlertEvent { AlertId = alert.Id, At = time.GetUtcNow(), What = what, Detail = detail });

    private async Task<List<EscalationStep>> StepsAsync(string workspaceId, CancellationToken ct) =>
        await db.Set<EscalationStep>().AsNoTracking().Where(s => s.WorkspaceId == workspaceId).OrderBy(s => s.Position).ToListAsync(ct);
}
