using System.Globalization;
using Herald.Data;
using Herald.Links;
using Herald.Teams;
using Microsoft.AspNetCore.Localization;

namespace Herald.Reports;

/// <summary>Body of POST /api/v1/reports/{id}/shares.</summary>
public sealed record ShareRequest(double? Days);

/// <summary>Reports: registration, /api/v1/reports and the public shared view /r/{token}.</summary>
public static class ReportEndpoints
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddScoped<IReportFigures, DeliveryReportFigures>();
        services.AddScoped<ReportBuilder>();
        services.AddScoped<ReportService>();
        services.AddSingleton<ReportPdf>();
        services.AddSingleton<ReportScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportScheduler>());
        return services;
    }

    public static WebApplication MapReportEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/reports").RequireAuthorization().WithTags("Reports");

        // An unsaved report, straight from the builder's fields.
        api.MapPost("/preview", async (ReportDefinition body, string? format, string? lang, WorkspaceAccess access, ReportService reports, HttpContext http, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Viewer, body.WorkspaceId, ct);
            return await FileAsync(reports, ReportService.ToRequest(ws.WorkspaceId, body), format, Culture(lang, http), ct, http: http);
        });

        api.MapPost("", async (ReportDefinition body, WorkspaceAccess access, ReportService reports, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Editor, body.WorkspaceId, ct);
            var report = await reports.SaveAsync(ws, body, null, ct);
            return Results.Created($"/api/v1/reports/{report.Id}", ReportService.ToDto(report));
        });

        api.MapGet("", async (WorkspaceAccess access, ReportService reports, CancellationToken ct) =>
            await reports.ListAsync((await access.RequireAsync(Role.Viewer, null, ct)).WorkspaceId, ct));

        api.MapGet("/{id}", async (string id, WorkspaceAccess access, ReportService reports, CancellationToken ct) =>
            ReportService.ToDto(await FindAsync(id, Role.Viewer, access, reports, ct)));

        api.MapPut("/{id}", async (string id, ReportDefinition body, WorkspaceAccess access, ReportService reports, CancellationToken ct) =>
        {
            var report = await FindAsync(id, Role.Editor, access, reports, ct);
            var ws = await access.RequireAsync(Role.Editor, report.WorkspaceId, ct);
            return ReportService.ToDto(await reports.SaveAsync(ws, body, report, ct));
        });

        api.MapGet("/{id}/render", async (string id, string? format, string? lang, WorkspaceAccess access, ReportService reports, HttpContext http, CancellationToken ct) =>
        {
            var report = await FindAsync(id, Role.Viewer, access, reports, ct);
            return await FileAsync(reports, ReportService.ToRequest(report), format, Culture(lang, http), ct, http: http);
        });

        api.MapPost("/{id}/shares", async (string id, ShareRequest? body, WorkspaceAccess access, ReportService reports, LinkBaseUrl baseUrl, CancellationToken ct) =>
        {
            var report = await FindAsync(id, Role.Editor, access, reports, ct);
            var share = await reports.ShareAsync(report, TimeSpan.FromDays(body?.Days ?? 7), baseUrl.Get(), ct);
            return Results.Created(share.Url, share);
        });

        api.MapDelete("/{id}/shares/{shareId}", async (string id, string shareId, WorkspaceAccess access, ReportService reports, CancellationToken ct) =>
        {
            var report = await FindAsync(id, Role.Editor, access, reports, ct);
            return await reports.RevokeAsync(report.Id, shareId, ct) ? Results.NoContent() : throw new HeraldProblem(404, "Not found", "No such active share link.");
        });

        // The shared view: anyone with the token, until it expires or is revoked.
        app.MapGet("/r/{token}", async (string token, string? format, string? lang, ReportService reports, HttpContext http, CancellationToken ct) =>
        {
            var report = await reports.OpenShareAsync(token, ct)
                ?? throw new HeraldProblem(404, "Link expired", "This report link does not exist, has expired or was revoked.");
            http.Response.Headers["X-Robots-Tag"] = "noindex";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            var f = format is "pdf" ? "pdf" : "html";
            return await FileAsync(reports, ReportService.ToRequest(report), f, Culture(lang, http), ct, download: f == "pdf", http: http);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>A report's HTML carries its own inline CSS (so it prints alone); it gets a policy allowing that and nothing else.</summary>
    public const string DocumentPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static async Task<IResult> FileAsync(ReportService reports, ReportRequest request, string? format, CultureInfo culture, CancellationToken ct, bool download = true, HttpContext? http = null)
    {
        var (content, type, extension) = await reports.RenderAsync(request, format ?? "html", culture, ct);
        if (http is not null && extension == "html")
        {
            http.Response.Headers.ContentSecurityPolicy = DocumentPolicy;
        }
        var name = $"report-{request.From:yyyy-MM-dd}-{request.To:yyyy-MM-dd}.{extension}";
        return extension == "html" ? Results.Bytes(content, type) : Results.File(content, type, download ? name : null);
    }

    private static CultureInfo Culture(string? lang, HttpContext http) =>
        lang is "fr" or "en" ? CultureInfo.GetCultureInfo(lang)
        : http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.GetCultureInfo("en");

    private static async Task<Report> FindAsync(string id, Role role, WorkspaceAccess access, ReportService reports, CancellationToken ct)
    {
        var report = await reports.FindAsync(id, ct) ?? throw new HeraldProblem(404, "Not found", "No such report.");
        await access.RequireAsync(role, report.WorkspaceId, ct);
        return report;
    }
}
