using System.Globalization;
using Herald.Data;
using Herald.Links;
using Herald.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Herald.Web.Pages;

/// <summary>Reports: the builder, saved reports, viewing and downloading them, share links and e-mail schedules.</summary>
public sealed class ReportsModel(ReportService reports, LinkBaseUrl baseUrl, IStringLocalizer<Resources.Reports> text) : HeraldPageModel
{
    public IReadOnlyList<ReportDto> Saved { get; private set; } = [];
    public IStringLocalizer<Resources.Reports> T => text;
    public string DefaultFrom { get; private set; } = "";
    public string DefaultTo { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Saved = await reports.ListAsync(Workspace.WorkspaceId, ct);
        var today = DateOnly.FromDateTime(Local(Now));
        DefaultFrom = today.AddDays(-7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        DefaultTo = today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public async Task<IActionResult> OnPostSaveAsync(string name, string from, string to, List<string>? sections, string? notes, string? frequency, string? recipients, CancellationToken ct)
    {
        var ws = await RequireAsync(Role.Editor);
        var list = (recipients ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries).ToList();
        await reports.SaveAsync(ws, new ReportDefinition(name, from, to, null, sections, notes, frequency, list, null), null, ct);
        Flash = text["Saved"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostShareAsync(string id, double days, CancellationToken ct)
    {
        var report = await FindAsync(id, Role.Editor, ct);
        var share = await reports.ShareAsync(report, TimeSpan.FromDays(days <= 0 ? 7 : days), baseUrl.Get(), ct);
        Flash = text["Shared", share.Url, When(share.ExpiresAt)];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnGetRenderAsync(string id, string? format, CancellationToken ct)
    {
        var report = await FindAsync(id, Role.Viewer, ct);
        var (content, type, extension) = await reports.RenderAsync(ReportService.ToRequest(report), format ?? "html", CultureInfo.CurrentUICulture, ct);
        if (extension == "html")
        {
            Response.Headers.ContentSecurityPolicy = ReportEndpoints.DocumentPolicy;
            return File(content, type);
        }
        return File(content, type, $"{report.Name}-{report.FromDay}-{report.ToDay}.{extension}");
    }

    private async Task<Report> FindAsync(string id, Role role, CancellationToken ct)
    {
        var report = await reports.FindAsync(id, ct);
        if (report is null || report.WorkspaceId != Workspace.WorkspaceId)
        {
            throw new HeraldProblem(404, "Not found", "No such report.");
        }
        await RequireAsync(role);
        return report;
    }
}
