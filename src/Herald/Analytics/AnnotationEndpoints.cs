using Herald.Data;
using Herald.Hosting;
using Herald.Teams;
using Microsoft.EntityFrameworkCore;

namespace Herald.Analytics;

/// <summary>Annotations CRUD and "what changed". Viewers read; contributors and above write notes.</summary>
internal static class AnnotationEndpoints
{
    public static void MapAnnotations(RouteGroupBuilder api)
    {
        api.MapGet("/annotations", async (string? from, string? to, string? workspaceId, WorkspaceAccess access, HeraldDb db, TimeProvider time, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Viewer, workspaceId, ct);
            var q = KpiRequest.Parse(ws.WorkspaceId, time.GetUtcNow(), from, to, null, null, null, null, null);
            return await db.Set<Annotation>().AsNoTracking()
                .Where(a => a.WorkspaceId == ws.WorkspaceId && a.Day >= q.From.DayNumber && a.Day <= q.To.DayNumber)
                .OrderBy(a => a.Day).Select(a => AnnotationDto.From(a)).ToListAsync(ct);
        });

        api.MapPost("/annotations", async (AnnotationRequest body, string? workspaceId, WorkspaceAccess access, HeraldDb db, TimeProvider time, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Contributor, workspaceId, ct);
            var a = new Annotation { WorkspaceId = ws.WorkspaceId, Day = Valid(body).Day!.Value.DayNumber, Text = body.Text!.Trim(), AccountId = body.AccountId, AuthorId = ws.UserId, CreatedAt = time.GetUtcNow() };
            db.Set<Annotation>().Add(a);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/api/v1/analytics/annotations/{a.Id}", AnnotationDto.From(a));
        });

        api.MapPatch("/annotations/{id}", async (string id, AnnotationRequest body, WorkspaceAccess access, HeraldDb db, CancellationToken ct) =>
        {
            var a = await FindAsync(db, access, id, ct);
            if (body.Text is not null)
            {
                a.Text = Valid(body with { Day = body.Day ?? Days.Date(a.Day) }).Text!.Trim();
            }
            a.Day = body.Day?.DayNumber ?? a.Day;
            await db.SaveChangesAsync(ct);
            return AnnotationDto.From(a);
        });

        api.MapDelete("/annotations/{id}", async (string id, WorkspaceAccess access, HeraldDb db, CancellationToken ct) =>
        {
            db.Set<Annotation>().Remove(await FindAsync(db, access, id, ct));
            await db.SaveChangesAsync(ct);
            return Results.NoContent();
        });

        api.MapGet("/what-changed", async (HttpContext http, WorkspaceAccess access, WhatChanged changes, TimeProvider time, CancellationToken ct) =>
        {
            var q = http.Request.Query;
            var ws = await access.RequireAsync(Role.Viewer, q["workspaceId"].FirstOrDefault(), ct);
            var query = KpiRequest.Parse(ws.WorkspaceId, time.GetUtcNow(), q["from"], q["to"], q["accountId"], q["network"], null, null, null);
            var result = await changes.FindAsync(query, ct);
            return new
            {
                result.Query.From,
                result.Query.To,
                anomalies = result.Anomalies.Select(a => new { a.Day, a.Kind, a.Value, a.Baseline, a.Score, a.Changes, annotations = a.Annotations.Select(AnnotationDto.From) }),
                series = result.Series,
            };
        });
    }

    private static AnnotationRequest Valid(AnnotationRequest body) =>
        string.IsNullOrWhiteSpace(body.Text) || body.Text.Length > 500 ? throw new HeraldProblem(422, "Invalid annotation", "An annotation needs a text of at most 500 characters.")
        : body.Day is null ? throw new HeraldProblem(422, "Invalid annotation", "An annotation needs a 'day' such as 2026-11-12.")
        : body;

    private static async Task<Annotation> FindAsync(HeraldDb db, WorkspaceAccess access, string id, CancellationToken ct)
    {
        var a = await db.Set<Annotation>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new HeraldProblem(404, "Not found", $"No annotation {id}.");
        await access.RequireAsync(Role.Contributor, a.WorkspaceId, ct);
        return a;
    }
}

/// <summary>An annotation to create or change.</summary>
public sealed record AnnotationRequest(DateOnly? Day, string? Text, string? AccountId);

/// <summary>An annotation as the API shows it.</summary>
public sealed record AnnotationDto(string Id, DateOnly Day, string Text, string? AccountId, string AuthorId, DateTimeOffset CreatedAt)
{
    public static AnnotationDto From(Annotation a) => new(a.Id, Days.Date(a.Day), a.Text, a.AccountId, a.AuthorId, a.CreatedAt);
}
