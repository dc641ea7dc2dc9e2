using Herald.Accounts;
using Herald.Data;
using Herald.Hosting;
using Herald.Teams;
using Microsoft.EntityFrameworkCore;

namespace Herald.Analytics;

/// <summary>The analytics API: KPIs with the previous period, breakdowns, daily series, top posts, a post's history, best times.</summary>
public static class AnalyticsEndpoints
{
    public static IEndpointRouteBuilder MapAnalyticsEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/analytics").RequireAuthorization().WithTags("Analytics");

        api.MapGet("/kpis", async (HttpContext http, WorkspaceAccess access, IKpiService kpis, TimeProvider time, CancellationToken ct) =>
            await kpis.CompareAsync(await QueryAsync(http, access, time, ct), ct));

        api.MapGet("/breakdown", async (string by, HttpContext http, WorkspaceAccess access, IKpiService kpis, TimeProvider time, CancellationToken ct) =>
        {
            if (!Enum.TryParse<KpiDimension>(by.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var dimension))
            {
                throw new HeraldProblem(422, "Invalid dimension", $"'by' is one of {string.Join(", ", Enum.GetNames<KpiDimension>())}.");
            }
            return await kpis.BreakdownAsync(await QueryAsync(http, access, time, ct), dimension, ct);
        });

        api.MapGet("/daily", async (HttpContext http, WorkspaceAccess access, IKpiService kpis, TimeProvider time, CancellationToken ct) =>
            await kpis.DailyAsync(await QueryAsync(http, access, time, ct), ct));

        api.MapGet("/top-posts", async (int? count, HttpContext http, WorkspaceAccess access, IKpiService kpis, TimeProvider time, CancellationToken ct) =>
            await kpis.TopPostsAsync(await QueryAsync(http, access, time, ct), count ?? 10, ct));

        api.MapGet("/posts/{postId}", async (string postId, WorkspaceAccess access, HeraldDb db, CancellationToken ct) =>
        {
            var post = await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == postId, ct) ?? throw new HeraldProblem(404, "Not found", $"No post {postId}.");
            await access.RequireAsync(Role.Viewer, post.WorkspaceId, ct);
            return await PostHistory.LoadAsync(db, postId, ct);
        });

        api.MapGet("/best-time/{accountId}", async (string accountId, WorkspaceAccess access, HeraldDb db, BestTime best, CancellationToken ct) =>
            await best.ForAccountAsync(await AccountEndpoints.FindAsync(db, access, accountId, Role.Viewer, ct), ct));

        // One click: adds the proposed slots (or the ones given) to the account's queue.
        api.MapPost("/best-time/{accountId}/slots", async (string accountId, AddSlots? body, WorkspaceAccess access, HeraldDb db, BestTime best, CancellationToken ct) =>
        {
            var account = await AccountEndpoints.FindAsync(db, access, accountId, Role.Editor, ct);
            var slots = body?.Slots is { Count: > 0 } given
                ? given.Select(s => (Enum.TryParse<DayOfWeek>(s.Day, true, out var d) ? d : throw new HeraldProblem(422, "Invalid slot", $"'{s.Day}' is not a weekday."), s.Hour)).ToList()
                : (await best.ForAccountAsync(account, ct)).Proposals.Select(p => (p.Day, p.Hour)).ToList();
            var added = await best.AddSlotsAsync(account, slots, ct);
            return Results.Ok(new { added });
        });

        AnnotationEndpoints.MapAnnotations(api);
        return app;
    }

    /// <summary>A requested slot: a weekday name and an hour.</summary>
    public sealed record SlotRequest(string Day, int Hour);

    /// <summary>Slots to add; empty means "the proposals".</summary>
    public sealed record AddSlots(List<SlotRequest>? Slots);

    private static async Task<KpiQuery> QueryAsync(HttpContext http, WorkspaceAccess access, TimeProvider time, CancellationToken ct)
    {
        var q = http.Request.Query;
        var ws = await access.RequireAsync(Role.Viewer, q["workspaceId"].FirstOrDefault(), ct);
        int? hour = int.TryParse(q["hour"].FirstOrDefault(), out var h) ? h : null;
        return KpiRequest.Parse(ws.WorkspaceId, time.GetUtcNow(), q["from"], q["to"], q["accountId"], q["network"], q["campaignId"], q["contentType"], hour);
    }
}
