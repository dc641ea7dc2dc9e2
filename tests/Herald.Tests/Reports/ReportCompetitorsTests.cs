using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Analytics;
using Herald.Competitors;
using Herald.Data;
using Herald.Tests.Analytics;
using Herald.Tests.Competitors;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Reports;

/// <summary>The report's Competitors section: the workspace's account beside followed competitors, checked against figures
/// worked out by hand in the PDF text (pdftotext), the French HTML, the CSV and the XLSX.</summary>
public sealed class ReportCompetitorsTests : IAsyncLifetime
{
    private HeraldInstance _herald = null!;
    private string _brand = null!;

    // Period 2026-11-01..2026-11-14 (UTC workspace).
    private static readonly object Period = new { from = "2026-11-01", to = "2026-11-14", name = "Two weeks" };

    public async Task InitializeAsync()
    {
        _herald = await HeraldInstance.StartAsync(TestClock.At("2026-11-20T12:00:00Z"), s =>
        {
            s.AddSingleton(new MetricsCollectorOptions { Enabled = false });
            s.AddSingleton(new CompetitorOptions { Enabled = false });
        });
        _brand = await _herald.ConnectSandboxAsync("brand");
        // Brand: 2 posts in the period (15 and 25 engagements, 1,000 followers each; the one of the 16th is after it),
        // followers 1,000 before the period and 1,100 at its end.
        await KpiFixture.WriteAsync(_herald,
            [
                KpiFixture.Post(_herald.WorkspaceId, _brand, "sandbox", "2026-11-03", 9, "text", 10, 2, 3, 0, null, 1000),
                KpiFixture.Post(_herald.WorkspaceId, _brand, "sandbox", "2026-11-10", 9, "text", 20, 5, 0, 0, null, 1000),
                KpiFixture.Post(_herald.WorkspaceId, _brand, "sandbox", "2026-11-16", 9, "text", 900, 0, 0, 0, null, 1000),
            ],
            [(_brand, "sandbox", "2026-10-30", 1000L), (_brand, "sandbox", "2026-11-14", 1100L)]);

        var rival = await CompetitorComparisonTests.AddAsync(_herald.Client, "sandbox", "rival");
        await using var scope = _herald.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
        foreach (var (day, followers) in new[] { ("2026-10-25", 5000L), ("2026-11-05", 5100L), ("2026-11-14", 5250L) })
        {
            db.Add(new CompetitorDaily { CompetitorId = rival, WorkspaceId = _herald.WorkspaceId, Day = Day(day), Followers = followers });
        }
        db.AddRange(
            Post(rival, "a", "2026-10-31", 500, 0, 0, 0, 5000),
            Post(rival, "b", "2026-11-02", 30, 10, 5, 5, 5000),
            Post(rival, "c", "2026-11-06", 100, 20, 10, 0, 5100),
            Post(rival, "d", "2026-11-12", 10, 0, 0, 0, 5100),
            Post(rival, "e", "2026-11-15", 1000, 0, 0, 0, 5250));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _herald.DisposeAsync();

    private async Task<byte[]> PreviewAsync(string format, string lang = "en", object? body = null)
    {
        var response = await _herald.PostAsync($"/api/v1/reports/preview?format={format}&lang={lang}", body ?? Period);
        await HeraldInstance.EnsureAsync(response, 200);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task The_pdf_compares_the_brand_with_its_competitors_with_the_figures_worked_out_by_hand()
    {
        var text = await ReportTests.PdfTextAsync(await PreviewAsync("pdf"));
        Assert.Contains("Competitors", text);
        Assert.Contains("Engagement rate per post", text);
        // Brand: 1,100 followers, +100 since 1,000 (+10.0%), 2 posts, 40 engagements = 20.0 a post, 40 / (1,000 + 1,000) = 2.00%.
        // (pdftotext lays the table out in lines: a name or a growth too wide for its column goes on to the next one.)
        Assert.Matches(@"brand \(sandbox,\s+1,100\s+\+100\s+2\s+20\.0\s+2\.00%\s+ours\)\s+\(\+10\.0%\)", text);
        // Rival: 5,250, +250 from the reading before the period (5,000, +5.0%); posts b, c, d = 3 posts, 50 + 130 + 10 = 190
        // engagements, 63.3 a post, 190 / (5,000 + 5,100 + 5,100) = 1.25%. Posts a (before) and e (after) are left out.
        Assert.Matches(@"Rival \(sandbox,\s+5,250\s+\+250\s+3\s+63\.3\s+1\.25%\s+competitor\)\s+\(\+5\.0%\)", text);
    }

    [Fact]
    public async Task The_section_is_in_french_in_the_html_and_left_out_when_not_chosen()
    {
        var html = System.Text.Encoding.UTF8.GetString(await PreviewAsync("html", "fr"));
        Assert.Contains("<h2>Concurrents</h2>", html);
        Assert.Contains("Rival (sandbox, concurrent)", html);
        Assert.Contains("+250 (+5,0 %)", html);
        Assert.Contains("1,25 %", html);

        var without = System.Text.Encoding.UTF8.GetString(await PreviewAsync("html", "en",
            new { from = "2026-11-01", to = "2026-11-14", name = "Two weeks", sections = new[] { "kpis" } }));
        Assert.DoesNotContain("Competitors", without);
    }

    [Fact]
    public async Task Csv_and_xlsx_hold_the_competitor_rows_as_numbers()
    {
        var csv = System.Text.Encoding.UTF8.GetString(await PreviewAsync("csv")).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var header = csv.IndexOf("kind,account,network,handle,followers,follower_growth,follower_growth_percent,posts,engagements,engagements_per_post,engagement_rate_per_post_percent");
        Assert.True(header > 0, "the competitor table follows the deliveries' table");
        Assert.Equal("", csv[header - 1]);
        Assert.StartsWith("brand,brand,sandbox,", csv[header + 1]);
        Assert.EndsWith(",1100,100,10,2,40,20,2", csv[header + 1]);
        Assert.Equal("competitor,Rival,sandbox,rival,5250,250,5,3,190,63.33,1.25", csv[header + 2]);

        using var zip = new ZipArchive(new MemoryStream(await PreviewAsync("xlsx")));
        Assert.Contains("name=\"Competitors\"", new StreamReader(zip.GetEntry("xl/workbook.xml")!.Open()).ReadToEnd());
        var sheet = System.Xml.Linq.XDocument.Load(zip.GetEntry("xl/worksheets/sheet5.xml")!.Open());
        System.Xml.Linq.XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var rows = sheet.Descendants(ns + "row").Select(r => r.Elements(ns + "c").Select(c => c.Value).ToList()).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(["competitor", "Rival", "sandbox", "rival", "5250", "250", "5", "3", "190", "63.33", "1.25"], rows[2]);
    }

    private static int Day(string day) => DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture).DayNumber;

    private CompetitorPost Post(string competitor, string id, string day, int likes, int reposts, int replies, int quotes, long followers) => new()
    {
        CompetitorId = competitor, RemoteId = id, WorkspaceId = _herald.WorkspaceId, Text = "post " + id,
        PublishedAt = DateTimeOffset.Parse(day + "T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), Day = Day(day),
        Likes = likes, Reposts = reposts, Replies = replies, Quotes = quotes, FollowersAtPublish = followers,
    };
}
