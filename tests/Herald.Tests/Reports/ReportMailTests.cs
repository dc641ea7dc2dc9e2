using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Data;
using Herald.Reports;
using Herald.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Herald.Tests.Reports;

/// <summary>A scheduled report travels through a real SMTP server on 127.0.0.1 (aiosmtpd), PDF attached.</summary>
public sealed class ReportMailTests
{
    [Fact]
    public async Task A_weekly_report_reaches_its_stakeholders_through_a_real_smtp_server_with_its_pdf()
    {
        await using var smtp = await SmtpServer.StartAsync();
        var time = TestClock.At("2026-11-10T12:00:00Z");
        await using var herald = await HeraldInstance.StartAsync(time, smtp.Configure);
        var account = await herald.ConnectSandboxAsync("Brand");
        await PublishedAsync(herald, account, "Launch week", "2026-11-10T09:00:00Z");

        var saved = await herald.PostAsync("/api/v1/reports", new { from = "2026-11-09", to = "2026-11-15", name = "Weekly digest", frequency = "weekly", recipients = new[] { "boss@example.test", "cmo@example.test" } });
        await HeraldInstance.EnsureAsync(saved, 201);
        time.SetUtcNow(DateTimeOffset.Parse("2026-11-16T08:00:00Z", CultureInfo.InvariantCulture));
        await herald.Services.GetRequiredService<ReportScheduler>().RunDueAsync(default);

        var mail = await smtp.WaitForMessageAsync(m => SmtpServer.Recipients(m).Contains("cmo@example.test"), TimeSpan.FromSeconds(60));
        Assert.Equal("Weekly digest: 2026-11-09 – 2026-11-15", mail.Subject);
        Assert.Contains("boss@example.test", SmtpServer.Recipients(mail));
        var pdf = Assert.Single(mail.Attachments.OfType<MimePart>());
        Assert.Equal("application/pdf", pdf.ContentType.MimeType);
        using var bytes = new MemoryStream();
        await pdf.Content!.DecodeToAsync(bytes);
        var text = await ReportTests.PdfTextAsync(bytes.ToArray());
        Assert.Contains("Weekly digest", text);
        Assert.Contains("Nov 9, 2026", text);
    }

    [Fact]
    public async Task A_report_whose_time_zone_is_gone_from_tzdata_keeps_an_error_and_the_other_reports_still_go_out()
    {
        await using var smtp = await SmtpServer.StartAsync();
        var time = TestClock.At("2026-11-10T12:00:00Z");
        await using var herald = await HeraldInstance.StartAsync(time, smtp.Configure);
        var broken = await herald.PostAsync("/api/v1/reports", new { from = "2026-11-09", to = "2026-11-15", name = "Broken zone", frequency = "weekly", recipients = new[] { "lost@example.test" } });
        await HeraldInstance.EnsureAsync(broken, 201);
        var brokenId = (string)(await broken.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        var created = await herald.PostAsync("/api/v1/workspaces", new { name = "Client B", timeZone = "Europe/Paris" });
        await HeraldInstance.EnsureAsync(created, 201);
        var other = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports")
        {
            Content = JsonContent.Create(new { from = "2026-11-09", to = "2026-11-15", name = "Client B weekly", frequency = "weekly", recipients = new[] { "client-b@example.test" } }),
        };
        request.Headers.Add("X-Herald-Workspace", other);
        await HeraldInstance.EnsureAsync(await herald.Client.SendAsync(request), 201);

        // The first workspace's zone was valid when it was set and is unknown on this machine now (a tzdata update).
        await using (var scope = herald.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
            await db.Workspaces.Where(w => w.Id == herald.WorkspaceId).ExecuteUpdateAsync(u => u.SetProperty(w => w.TimeZone, "Mars/Olympus"));
        }
        time.SetUtcNow(DateTimeOffset.Parse("2026-11-16T08:00:00Z", CultureInfo.InvariantCulture));
        await herald.Services.GetRequiredService<ReportScheduler>().RunDueAsync(default);

        var mail = await smtp.WaitForMessageAsync(m => SmtpServer.Recipients(m).Contains("client-b@example.test"), TimeSpan.FromSeconds(60));
        Assert.Equal("Client B weekly: 2026-11-09 – 2026-11-15", mail.Subject);
        await using (var scope = herald.Services.CreateAsyncScope())
        {
            var report = await scope.ServiceProvider.GetRequiredService<HeraldDb>().Set<Report>().AsNoTracking().SingleAsync(r => r.Id == brokenId);
            Assert.Contains("Mars/Olympus", report.LastError);
            Assert.Null(report.LastSentAt);
            Assert.True(report.NextRunAt > time.GetUtcNow(), "the broken report's next run moved on instead of being retried every minute");
        }
    }

    private static async Task PublishedAsync(HeraldInstance herald, string account, string text, string at)
    {
        await using var scope = herald.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
        var when = DateTimeOffset.Parse(at, CultureInfo.InvariantCulture);
        var post = new Post { WorkspaceId = herald.WorkspaceId, AuthorId = db.Users.First().Id, Text = text, Kind = ScheduleKind.Now, ScheduledAt = when, CreatedAt = when, UpdatedAt = when };
        post.Deliveries.Add(new Delivery
        {
            PostId = post.Id, AccountId = account, WorkspaceId = herald.WorkspaceId, Network = "sandbox", Status = DeliveryStatus.Published, PublishedAt = when,
            Url = $"https://sandbox.example/{post.Id}", PartsJson = $$"""[{"Index":0,"Text":"{{text}}","MediaIds":[]}]""", CreatedAt = when, UpdatedAt = when,
        });
        db.Posts.Add(post);
        await db.SaveChangesAsync();
    }
}
