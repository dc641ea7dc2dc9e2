using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Herald.Data;
using Herald.Teams;
using Microsoft.EntityFrameworkCore;

namespace Herald.Reports;

/// <summary>Body of POST /api/v1/reports and of the preview: period, accounts, sections, notes, schedule.</summary>
public sealed record ReportDefinition(string? Name, string From, string To, List<string>? AccountIds, List<string>? Sections, string? Notes,
    string? Frequency, List<string>? Recipients, string? WorkspaceId);

/// <summary>A saved report as the API shows it.</summary>
public sealed record ReportDto(string Id, string Name, string From, string To, IReadOnlyList<string> AccountIds, IReadOnlyList<string> Sections, string? Notes,
    string Frequency, IReadOnlyList<string> Recipients, DateTimeOffset? NextRunAt, DateTimeOffset? LastSentAt, string? LastError, DateTimeOffset CreatedAt);

/// <summary>A share link, with its token shown once.</summary>
public sealed record ShareDto(string Id, string Url, DateTimeOffset ExpiresAt);

/// <summary>Saves report definitions, renders them in every format, shares them by expiring links, schedules them.</summary>
public sealed class ReportService(HeraldDb db, ReportBuilder builder, ReportPdf pdf, TimeProvider time)
{
    public static ReportRequest ToRequest(string workspaceId, ReportDefinition d) => new(workspaceId, Day(d.From, "from"), Day(d.To, "to"),
        d.AccountIds ?? [], Sections(d.Sections), d.Notes, d.Name);

    public static ReportRequest ToRequest(Report r) => new(r.WorkspaceId, Day(r.FromDay, "from"), Day(r.ToDay, "to"),
        JsonSerializer.Deserialize<List<string>>(r.AccountIdsJson) ?? [], JsonSerializer.Deserialize<List<string>>(r.SectionsJson) ?? [], r.Notes, r.Name);

    public async Task<Report> SaveAsync(WorkspaceContext ws, ReportDefinition d, Report? existing, CancellationToken ct)
    {
        var request = ToRequest(ws.WorkspaceId, d);
        var frequency = Frequency(d.Frequency);
        var recipients = (d.Recipients ?? []).Select(r => r.Trim()).Where(r => r.Length > 0).Distinct().ToList();
        if (recipients.Any(r => !System.Net.Mail.MailAddress.TryCreate(r, out _)))
        {
            throw new HeraldProblem(422, "Invalid recipients", "Every recipient must be an e-mail address.");
        }
        if (frequency != ReportFrequency.None && recipients.Count == 0)
        {
            throw new HeraldProblem(422, "No recipients", "A scheduled report needs at least one recipient.");
        }
        var report = existing ?? new Report { WorkspaceId = ws.WorkspaceId, Name = "", FromDay = "", ToDay = "", CreatedBy = ws.UserId, CreatedAt = time.GetUtcNow() };
        report.Name = d.Name is { Length: > 0 } n ? n : "Report";
        report.FromDay = request.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        report.ToDay = request.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        report.AccountIdsJson = JsonSerializer.Serialize(request.AccountIds);
        report.SectionsJson = JsonSerializer.Serialize(request.Sections);
        report.Notes = d.Notes;
        report.RecipientsJson = JsonSerializer.Serialize(recipients);
        if (report.Frequency != frequency || report.NextRunAt is null)
        {
            var zone = await db.Workspaces.Where(w => w.Id == ws.WorkspaceId).Select(w => w.TimeZone).FirstAsync(ct);
            report.NextRunAt = ReportSchedule.Next(frequency, time.GetUtcNow(), zone);
        }
        report.Frequency = frequency;
        if (existing is null)
        {
            db.Set<Report>().Add(report);
        }
        await db.SaveChangesAsync(ct);
        return report;
    }

    public async Task<Report?> FindAsync(string id, CancellationToken ct) => await db.Set<Report>().FirstOrDefaultAsync(r => r.Id == id, ct);

    public async Task<IReadOnlyList<ReportDto>> ListAsync(string workspaceId, CancellationToken ct) =>
        (await db.Set<Report>().AsNoTracking().Where(r => r.WorkspaceId == workspaceId).OrderByDescending(r => r.CreatedAt).ToListAsync(ct)).Select(ToDto).ToList();

    public static ReportDto ToDto(Report r) => new(r.Id, r.Name, r.FromDay, r.ToDay, JsonSerializer.Deserialize<List<string>>(r.AccountIdsJson) ?? [],
        JsonSerializer.Deserialize<List<string>>(r.SectionsJson) ?? [], r.Notes, r.Frequency.ToString().ToLowerInvariant(),
        JsonSerializer.Deserialize<List<string>>(r.RecipientsJson) ?? [], r.NextRunAt, r.LastSentAt, r.LastError, r.CreatedAt);

    /// <summary>Renders in one format: (bytes, content type, file extension).</summary>
    public async Task<(byte[] Content, string ContentType, string Extension)> RenderAsync(ReportRequest request, string format, CultureInfo culture, CancellationToken ct)
    {
        var model = await builder.BuildAsync(request, ct);
        return format.ToLowerInvariant() switch
        {
            "html" => (Encoding.UTF8.GetBytes(ReportHtml.Render(model, culture)), "text/html; charset=utf-8", "html"),
            "pdf" => (await pdf.RenderAsync(ReportHtml.Render(model, culture), ct), "application/pdf", "pdf"),
            "csv" => (ReportExport.Csv(model), "text/csv; charset=utf-8", "csv"),
            "xlsx" => (ReportExport.Xlsx(model), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
            _ => throw new HeraldProblem(422, "Invalid format", "format is one of html, pdf, csv, xlsx."),
        };
    }

    /// <summary>A link that shows the report until <paramref name="validFor"/> has passed or it is revoked; only the token's hash is kept.</summary>
    public async Task<ShareDto> ShareAsync(Report report, TimeSpan validFor, string baseUrl, CancellationToken ct)
    {
        if (validFor <= TimeSpan.Zero || validFor > TimeSpan.FromDays(365))
        {
            throw new HeraldProblem(422, "Invalid expiry", "A share link lasts between a minute and a year.");
        }
        var token = Base64Url(RandomNumberGenerator.GetBytes(24));
        var share = new ReportShare { ReportId = report.Id, TokenHash = Hash(token), ExpiresAt = time.GetUtcNow() + validFor, CreatedAt = time.GetUtcNow() };
        db.Set<ReportShare>().Add(share);
        await db.SaveChangesAsync(ct);
        return new ShareDto(share.Id, $"{baseUrl}/r/{token}", share.ExpiresAt);
    }

    public async Task<bool> RevokeAsync(string reportId, string shareId, CancellationToken ct) =>
        await db.Set<ReportShare>().Where(s => s.Id == shareId && s.ReportId == reportId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, time.GetUtcNow()), ct) > 0;

    /// <summary>The report a share token opens, or null when unknown, expired or revoked.</summary>
    public async Task<Report?> OpenShareAsync(string token, CancellationToken ct)
    {
        var hash = Hash(token);
        var share = await db.Set<ReportShare>().AsNoTracking().FirstOrDefaultAsync(s => s.TokenHash == hash, ct);
        if (share is null || share.RevokedAt is not null || share.ExpiresAt <= time.GetUtcNow())
        {
            return null;
        }
        return await db.Set<Report>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == share.ReportId, ct);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static DateOnly Day(string value, string field) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new HeraldProblem(422, "Invalid period", $"{field} must be a day such as 2026-11-01.");

    private static List<string> Sections(List<string>? sections)
    {
        var unknown = (sections ?? []).Where(s => !ReportSections.All.Contains(s)).ToList();
        return unknown.Count > 0
            ? throw new HeraldProblem(422, "Invalid sections", $"Unknown sections {string.Join(", ", unknown)}; use {string.Join(", ", ReportSections.All)}.")
            : sections ?? [];
    }

    private static ReportFrequency Frequency(string? value) =>
        string.IsNullOrEmpty(value) ? ReportFrequency.None
        : Enum.TryParse<ReportFrequency>(value, ignoreCase: true, out var f) ? f
        : throw new HeraldProblem(422, "Invalid frequency", "frequency is none, weekly or monthly.");
}
