using Herald.Data;
using Herald.Teams;
using Microsoft.EntityFrameworkCore;

namespace Herald.Crisis;

/// <summary>An alert as the API shows it.</summary>
public sealed record AlertDto(string Id, string RuleId, string RuleName, string Kind, string Status, string Summary, int Count, int Negative, double? Baseline,
    int WindowMinutes, DateTimeOffset RaisedAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, DateTimeOffset? ResolvedAt, string? ResolvedBy,
    int NextStep, DateTimeOffset? NextEscalationAt)
{
    public static AlertDto From(CrisisAlert a) => new(a.Id, a.RuleId, a.RuleName, Kinds.Name(a.Kind), a.Status.ToString().ToLowerInvariant(), a.Summary, a.Count, a.Negative,
        a.Baseline, a.WindowMinutes, a.RaisedAt, a.AcknowledgedAt, a.AcknowledgedBy, a.ResolvedAt, a.ResolvedBy, a.NextStep, a.NextEscalationAt);
}

/// <summary>A request to turn crisis mode on or off.</summary>
public sealed record CrisisModeRequest(string? Note, bool? PublishMissed);

/// <summary>/api/v1/crisis: rules, escalation chain, alerts (acknowledge, resolve) and crisis mode (on, off, status, log).</summary>
public static class CrisisEndpoints
{
    public static IEndpointRouteBuilder MapCrisisEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/crisis").RequireAuthorization().WithTags("Crisis");

        api.MapGet("/rules", async (WorkspaceAccess access, CrisisRules rules, CancellationToken ct) =>
            (await rules.ListAsync((await access.RequireAsync(Role.Viewer, null, ct)).WorkspaceId, ct)).Select(RuleDto.From));
        api.MapPost("/rules", async (RuleRequest body, WorkspaceAccess access, CrisisRules rules, CancellationToken ct) =>
        {
            var rule = await rules.AddAsync((await access.RequireAsync(Role.Admin, null, ct)).WorkspaceId, body, ct);
            return Results.Created($"/api/v1/crisis/rules/{rule.Id}", RuleDto.From(rule));
        });
        api.MapPut("/rules/{id}", async (string id, RuleRequest body, WorkspaceAccess access, CrisisRules rules, CancellationToken ct) =>
            RuleDto.From(await rules.UpdateAsync((await access.RequireAsync(Role.Admin, null, ct)).WorkspaceId, id, body, ct)));
        api.MapDelete("/rules/{id}", async (string id, WorkspaceAccess access, CrisisRules rules, CancellationToken ct) =>
        {
            await rules.DeleteAsync((await access.RequireAsync(Role.Admin, null, ct)).WorkspaceId, id, ct);
            return Results.NoContent();
        });

        api.MapGet("/escalation", async (WorkspaceAccess access, EscalationChain chain, CancellationToken ct) =>
            await chain.ListAsync((await access.RequireAsync(Role.Viewer, null, ct)).WorkspaceId, ct));
        api.MapPut("/escalation", async (List<StepRequest> body, WorkspaceAccess access, EscalationChain chain, CancellationToken ct) =>
            await chain.ReplaceAsync((await access.RequireAsync(Role.Admin, null, ct)).WorkspaceId, body, ct));

        api.MapGet("/alerts", async (string? status, WorkspaceAccess access, HeraldDb db, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Viewer, null, ct);
            var query = db.Set<CrisisAlert>().AsNoTracking().Where(a => a.WorkspaceId == ws.WorkspaceId);
            if (Enum.TryParse<AlertStatus>(status, true, out var s))
            {
                query = query.Where(a => a.Status == s);
            }
            return (await query.OrderByDescending(a => a.RaisedAt).Take(200).ToListAsync(ct)).Select(AlertDto.From);
        });
        api.MapGet("/alerts/{id}", async (string id, WorkspaceAccess access, CrisisMonitor monitor, HeraldDb db, CancellationToken ct) =>
        {
            var alert = await monitor.FindAsync((await access.RequireAsync(Role.Viewer, null, ct)).WorkspaceId, id, ct);
            var events = (await db.Set<CrisisAlertEvent>().AsNoTracking().Where(e => e.AlertId == id).ToListAsync(ct)).OrderBy(e => e.At).ThenBy(e => e.Id)
                .Select(e => new { e.At, e.What, e.Detail, e.UserId });
            return Results.Ok(new { alert = AlertDto.From(alert), events });
        });
        // Anyone who can schedule posts can acknowledge and resolve: the person on call is rarely an admin.
        api.MapPost("/alerts/{id}/acknowledge", async (string id, WorkspaceAccess access, CrisisMonitor monitor, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Editor, null, ct);
            return AlertDto.From(await monitor.AcknowledgeAsync(ws.WorkspaceId, id, ws.UserId, ct));
        });
        api.MapPost("/alerts/{id}/resolve", async (string id, WorkspaceAccess access, CrisisMonitor monitor, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Editor, null, ct);
            return AlertDto.From(await monitor.ResolveAsync(ws.WorkspaceId, id, ws.UserId, ct));
        });

        api.MapGet("/mode", async (WorkspaceAccess access, CrisisMode mode, CancellationToken ct) =>
        {
            var state = await mode.StateAsync((await access.RequireAsync(Role.Viewer, null, ct)).WorkspaceId, ct);
            return new { state.Active, state.Since, state.By };
        });
        // Pausing is open to editors (stopping is always safe); resuming takes an admin.
        api.MapPost("/mode/on", async (CrisisModeRequest? body, WorkspaceAccess access, CrisisMode mode, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Editor, null, ct);
            var change = await mode.PauseAsync(ws.WorkspaceId, ws.UserId, body?.Note, ct);
            return new { active = true, held = change.Deliveries, inFlight = change.Other, log = change.Log };
        });
        api.MapPost("/mode/off", async (CrisisModeRequest? body, WorkspaceAccess access, CrisisMode mode, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Admin, null, ct);
            var change = await mode.ResumeAsync(ws.WorkspaceId, ws.UserId, body?.PublishMissed ?? false, body?.Note, ct);
            return new { active = false, resumed = change.Deliveries, keptForReview = change.Other, log = change.Log };
        });
        api.MapGet("/mode/log", async (WorkspaceAccess access, CrisisMode mode, CancellationToken ct) =>
            await mode.LogAsync((await access.RequireAsync(Role.Viewer, null, ct)).WorkspaceId, 100, ct));
        return app;
    }

    /// <summary>Registers signal rollups, rules, alerts, escalation, crisis mode and the worker that drives them.</summary>
    public static IServiceCollection AddCrisis(this IServiceCollection services)
    {
        services.AddOptions<CrisisOptions>().BindConfiguration("Crisis");
        services.AddSingleton<CrisisSignal>();
        services.AddSingleton<SignalRecorder>();
        services.AddSingleton<IConversationSignals>(sp => sp.GetRequiredService<SignalRecorder>());
        services.AddSingleton<RuleEvaluator>();
        services.AddScoped<CrisisRules>();
        services.AddScoped<CrisisMonitor>();
        services.AddScoped<Escalation>();
        services.AddScoped<EscalationChain>();
        services.AddScoped<CrisisMode>();
        services.AddSingleton<CrisisWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<CrisisWorker>());
        return services;
    }
}
