using System.Globalization;
using System.Text.Json;
using Herald.Data;
using Herald.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Herald.Reports;

/// <summary>
/// Sends scheduled reports by e-mail (PDF attached) when they are due, on the injected clock: it sleeps until the next
/// report is due (at most a minute, so reports saved meanwhile are seen), sends, and moves the report's next run on.
/// </summary>
public sealed class ReportScheduler(IServiceScopeFactory scopes, TimeProvider time, ILogger<ReportScheduler> logger) : BackgroundService
{
    private readonly SemaphoreSlim _running = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset? next;
            try
            {
                next = await RunDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Scheduled reports failed");
                next = null;
            }
            var now = time.GetUtcNow();
            var wait = next is { } n && n - now < TimeSpan.FromMinutes(1) ? n - now : TimeSpan.FromMinutes(1);
            try
            {
                await Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends every report due now; returns when the next one is due.</summary>
    public async Task<DateTimeOffset?> RunDueAsync(CancellationToken ct)
    {
        await _running.WaitAsync(ct);
        try
        {
            return await RunDueOnceAsync(ct);
        }
        finally
        {
            _running.Release();
        }
    }

    private async Task<DateTimeOffset?> RunDueOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
        var reports = scope.ServiceProvider.GetRequiredService<ReportService>();
        var mail = scope.ServiceProvider.GetService<IMailSender>();
        var now = time.GetUtcNow();
        var due = await db.Set<Report>().AsNoTracking().Where(r => r.Frequency != ReportFrequency.None && r.NextRunAt != null && r.NextRunAt <= now).ToListAsync(ct);
        foreach (var report in due)
        {
            var zone = await db.Workspaces.Where(w => w.Id == report.WorkspaceId).Select(w => w.TimeZone).FirstAsync(ct);
            if (Scheduling.TimeZones.Find(zone) is null)
            {
                // A zone checked when it was set, gone from this machine's tzdata: this report's schedule moves on in UTC
                // and the rendering's error is kept on it, instead of the exception stopping every report after it.
                logger.LogWarning("Report {Report}: time zone {Zone} is unknown here; its schedule moves on in UTC", report.Id, zone);
                zone = "UTC";
            }
            var sendDay = Analytics.LocalDays.Of(report.NextRunAt!.Value, Scheduling.TimeZones.Get(zone));
            var (from, to) = ReportSchedule.PeriodFor(report.Frequency, sendDay);
            // Claim the run by moving it on first (compare-and-set): another Herald process on the same database that
            // saw the same due report finds nothing to claim, so a report is mailed once. A failing mail server does
            // not resend every minute either; the error is kept on the report.
            var dueAt = report.NextRunAt;
            var nextRun = ReportSchedule.Next(report.Frequency, dueAt!.Value, zone);
            var claimed = await db.Set<Report>().Where(r => r.Id == report.Id && r.NextRunAt == dueAt)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.NextRunAt, nextRun), ct);
            if (claimed == 0)
            {
                continue;
            }
            string? error = null;
            try
            {
                if (mail is null)
                {
                    throw new InvalidOperationException("No mail sender is configured (Mail section).");
                }
                var request = ReportService.ToRequest(report) with { From = from, To = to };
                var (pdf, _, _) = await reports.RenderAsync(request, "pdf", CultureInfo.GetCultureInfo("en"), ct);
                var period = $"{from:yyyy-MM-dd} – {to:yyyy-MM-dd}";
                await mail.SendAsync(new OutgoingMail(
                    JsonSerializer.Deserialize<List<string>>(report.RecipientsJson) ?? [],
                    $"{report.Name}: {period}",
                    $"Your {report.Frequency.ToString().ToLowerInvariant()} Herald report for {period} is attached.",
                    Attachments: [new MailAttachment($"report-{from:yyyy-MM-dd}.pdf", "application/pdf", pdf)]), ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Report {Report} could not be sent", report.Id);
                error = ex.Message;
            }
            var sent = db.Set<Report>().Where(r => r.Id == report.Id);
            if (error is null)
            {
                DateTimeOffset? sentAt = now;
                await sent.ExecuteUpdateAsync(u => u.SetProperty(r => r.LastSentAt, sentAt).SetProperty(r => r.LastError, (string?)null), ct);
            }
            else
            {
                await sent.ExecuteUpdateAsync(u => u.SetProperty(r => r.LastError, error), ct);
            }
        }
        return await db.Set<Report>().Where(r => r.Frequency != ReportFrequency.None && r.NextRunAt != null).MinAsync(r => r.NextRunAt, ct);
    }
}
