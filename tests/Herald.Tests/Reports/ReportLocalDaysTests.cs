using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Analytics;
using Herald.Data;
using Herald.Links;
using Herald.Reports;
using Herald.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Reports;

/// <summary>
/// A report of a workspace far from UTC counts every figure over the same local days: posts, their engagements, clicks
/// and followers placed a minute either side of local midnight land on the same side in every section.
/// </summary>
public sealed class ReportLocalDaysTests
{
    // The period under report, 1–7 December 2026 in the workspace's zone; the previous one is 24–30 November.
    private static readonly DateOnly From = new(2026, 12, 1);
    private static readonly DateOnly To = new(2026, 12, 7);

    [Theory]
    [InlineData("Pacific/Auckland")]
    [InlineData("America/Los_Angeles")]
    public async Task Every_section_of_a_report_counts_the_workspaces_local_days(string zoneId)
    {
        DateTimeOffset Local(DateOnly day, int hour, int minute) => LocalTime(zoneId, day, hour, minute);
        var time = TestClock.At("2026-11-20T00:00:00Z");
        await using var herald = await HeraldInstance.StartAsync(time, s => s.AddSingleton(new MetricsCollectorOptions { Enabled = false }));
        using var visitors = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = herald.BaseAddress };
        var account = await herald.ConnectSandboxAsync("Brand");
        await UseZoneAsync(herald, zoneId);

        // A minute before and after the period's first and last local midnights: 10, 20, 40 and 80 engagements.
        var posts = new[]
        {
            (At: Local(From.AddDays(-1), 23, 59), Engagements: 10),
            (At: Local(From, 0, 1), Engagements: 20),
            (At: Local(To, 23, 59), Engagements: 40),
            (At: Local(To.AddDays(1), 0, 1), Engagements: 80),
        };
        var deliveries = new List<string>();
        foreach (var (at, engagements) in posts)
        {
            deliveries.Add(await PublishedAsync(herald, account, at, engagements));
        }
        // One human click for each post, half an hour from it: 23:29 on 30 November (the previous period), 00:31 on
        // 1 December, 23:29 on 7 December, 00:31 on 8 December (after the period).
        var clicks = new[] { (deliveries[0], posts[0].At.AddMinutes(-30)), (deliveries[1], posts[1].At.AddMinutes(30)), (deliveries[2], posts[2].At.AddMinutes(-30)), (deliveries[3], posts[3].At.AddMinutes(30)) };
        var n = 0;
        foreach (var (delivery, at) in clicks)
        {
            time.SetUtcNow(at);
            var link = (await (await herald.PostAsync("/api/v1/links", new { url = "https://shop.example/", deliveryId = delivery, accountId = account, network = "sandbox" }))
                .Content.ReadFromJsonAsync<JsonObject>())!;
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/l/{link["code"]}");
            request.Headers.TryAddWithoutValidation("User-Agent", $"Mozilla/5.0 (visitor {n++}) Firefox/135.0");
            await visitors.SendAsync(request);
        }
        await herald.Services.GetRequiredService<ClickRecorder>().FlushAsync(default);

        // Follower readings are dated by UTC day and taken just after its UTC midnight: a reading belongs to the period
        // when its UTC midnight does. Readings on the UTC day of the first instant after the period (U) and the days
        // around it: U's midnight is before the period's end (the last reading in it), U + 1's after. In Los Angeles U is
        // 8 December: a report in UTC days would take the reading of the 7th.
        var u = DateOnly.FromDateTime(posts[3].At.UtcDateTime);
        var store = herald.Services.GetRequiredService<MetricsStore>();
        await store.RecordFollowersAsync(account, herald.WorkspaceId, "sandbox", u.AddDays(-1).DayNumber, 1000, default);
        await store.RecordFollowersAsync(account, herald.WorkspaceId, "sandbox", u.DayNumber, 1100, default);
        await store.RecordFollowersAsync(account, herald.WorkspaceId, "sandbox", u.AddDays(1).DayNumber, 1200, default);

        ReportModel report;
        await using (var scope = herald.Services.CreateAsyncScope())
        {
            report = await scope.ServiceProvider.GetRequiredService<ReportBuilder>()
                .BuildAsync(new ReportRequest(herald.WorkspaceId, From, To, [], [], null, null), default);
        }
        double Kpi(string key, bool previous = false) => report.Kpis.Single(k => k.Key == key) is var k && previous ? k.Previous : k.Current;

        var days = Enumerable.Range(0, 7).Select(From.AddDays).ToList();
        Assert.Equal(days, report.Days.Select(d => d.Day));
        Assert.Equal(days, report.Audience!.Select(d => d.Day));
        // The posts of 1 December 00:01 and 7 December 23:59, nothing else: in the KPIs, the daily rows, the chart and the list.
        Assert.Equal((2.0, 1.0), (Kpi("posts"), Kpi("posts", previous: true)));
        Assert.Equal((60.0, 10.0), (Kpi("engagements"), Kpi("engagements", previous: true)));
        Assert.Equal([1L, 0, 0, 0, 0, 0, 1], report.Days.Select(d => d.Posts));
        Assert.Equal(report.Days.Select(d => d.Posts), report.Audience!.Select(d => (long)d.Posts));
        Assert.Equal([20L, 0, 0, 0, 0, 0, 40], report.Audience!.Select(d => d.Engagements));
        Assert.Equal(new[] { deliveries[1], deliveries[2] }.Order(), report.Posts.Select(p => p.DeliveryId).Order());
        // Clicks: 00:31 on the 1st and 23:29 on the 7th; the previous period's, 23:29 on 30 November.
        Assert.Equal([1L, 0, 0, 0, 0, 0, 1], report.Days.Select(d => d.Clicks));
        Assert.Equal((2.0, 1.0), (Kpi("clicks"), Kpi("clicks", previous: true)));
        Assert.Equal(Kpi("clicks"), report.Days.Sum(d => d.Clicks));
        Assert.Equal(Kpi("engagements"), report.Audience!.Sum(d => d.Engagements));
        Assert.Equal(1100, Kpi("followers_end"));
        // The top posts show their local time of publication.
        var html = ReportHtml.Render(report, CultureInfo.InvariantCulture);
        Assert.Contains("<td>2026-12-01 00:01</td>", html);
        Assert.Contains("<td>2026-12-07 23:59</td>", html);
    }

    /// <summary>The instant of a local time of day in the zone.</summary>
    internal static DateTimeOffset LocalTime(string zoneId, DateOnly day, int hour, int minute) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, minute)), TimeZoneInfo.FindSystemTimeZoneById(zoneId)), TimeSpan.Zero);

    /// <summary>Sets the test workspace's time zone, whose days its reports count.</summary>
    internal static async Task UseZoneAsync(HeraldInstance herald, string zoneId)
    {
        await using var scope = herald.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
        db.Workspaces.First(w => w.Id == herald.WorkspaceId).TimeZone = zoneId;
        await db.SaveChangesAsync();
    }

    internal static async Task<string> PublishedAsync(HeraldInstance herald, string account, DateTimeOffset when, int engagements)
    {
        await using var scope = herald.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
        var post = new Post { WorkspaceId = herald.WorkspaceId, AuthorId = db.Users.First().Id, Text = $"Post of {when:O}", Kind = ScheduleKind.Now, ScheduledAt = when, CreatedAt = when, UpdatedAt = when };
        var delivery = new Delivery
        {
            PostId = post.Id, AccountId = account, WorkspaceId = herald.WorkspaceId, Network = "sandbox", Status = DeliveryStatus.Published, PublishedAt = when,
            Url = $"https://sandbox.example/{post.Id}", CreatedAt = when, UpdatedAt = when,
        };
        post.Deliveries.Add(delivery);
        db.Posts.Add(post);
        // Its latest reading, as the collector would have written it: the whole engagement counts toward its day.
        db.Set<PostMetrics>().Add(new PostMetrics
        {
            DeliveryId = delivery.Id, PostId = post.Id, WorkspaceId = herald.WorkspaceId, AccountId = account, Network = "sandbox", ContentType = ContentTypes.Text,
            PublishedAt = when, Day = Days.Of(when), LocalHour = when.Hour, LocalWeekday = (int)when.DayOfWeek, FollowersAtPublish = 1000, Likes = engagements,
        });
        await db.SaveChangesAsync();
        await herald.Services.GetRequiredService<MetricsStore>().RollUpAsync(account, Days.Of(when), default);
        return delivery.Id;
    }
}
