using System.Globalization;
using CsvHelper;

namespace Herald.Reports;

/// <summary>The data under a report as CSV (one row per published delivery) and XLSX (summary, posts, days, campaigns).</summary>
public static class ReportExport
{
    public static byte[] Csv(ReportModel m)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var h in PostHeader)
            {
                csv.WriteField(h);
            }
            csv.NextRecord();
            foreach (var row in PostRows(m))
            {
                foreach (var cell in row)
                {
                    csv.WriteField(cell is double d ? d.ToString(CultureInfo.InvariantCulture) : cell?.ToString());
                }
                csv.NextRecord();
            }
            if (m.Has(ReportSections.Competitors) && m.Competitors is { Count: > 0 })
            {
                // A second table after a blank line: the deliveries above stay the file's first table, unchanged.
                csv.NextRecord();
                foreach (var row in CompetitorRows(m))
                {
                    foreach (var cell in row)
                    {
                        csv.WriteField(cell is double d ? d.ToString(CultureInfo.InvariantCulture) : cell?.ToString());
                    }
                    csv.NextRecord();
                }
            }
        }
        return stream.ToArray();
    }

    public static byte[] Xlsx(ReportModel m)
    {
        var summary = new List<object?[]> { new object?[] { "metric", "current", "previous", "change" } };
        summary.AddRange(m.Kpis.Select(k => new object?[] { k.Key, k.Current, k.Previous, k.Change }));
        summary.Add([]);
        summary.Add(["period_from", m.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "period_to", m.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
        var posts = new List<object?[]> { PostHeader };
        posts.AddRange(PostRows(m));
        var days = new List<object?[]> { new object?[] { "day", "posts", "clicks", "unique", "conversions" } };
        days.AddRange(m.Days.Select(d => new object?[] { d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (double)d.Posts, (double)d.Clicks, (double)d.Unique, (double)d.Conversions }));
        var campaigns = new List<object?[]> { new object?[] { "campaign", "clicks", "unique", "conversions", "conversion_value", "conversion_rate" } };
        campaigns.AddRange(m.Campaigns.Select(c => new object?[] { c.Campaign, (double)c.Clicks, (double)c.Unique, (double)c.Conversions, c.ConversionValue, c.ConversionRate }));
        List<(string, List<object?[]>)> sheets = [("Summary", summary), ("Posts", posts), ("Days", days), ("Campaigns", campaigns)];
        if (m.Has(ReportSections.Competitors) && m.Competitors is { Count: > 0 })
        {
            sheets.Add(("Competitors", [.. CompetitorRows(m)]));
        }
        return XlsxWriter.Write(sheets);
    }

    /// <summary>The competitor section's rows, header first; percentages as numbers of percent (10.0 = 10 %), blank where unknown.</summary>
    private static IEnumerable<object?[]> CompetitorRows(ReportModel m)
    {
        yield return ["kind", "account", "network", "handle", "followers", "follower_growth", "follower_growth_percent", "posts", "engagements",
            "engagements_per_post", "engagement_rate_per_post_percent"];
        foreach (var r in m.Competitors!)
        {
            yield return [r.Kind, r.Name, r.Network, r.Handle, (double?)r.Followers, (double?)r.FollowerGrowth, r.FollowerGrowthPercent, (double)r.Posts,
                (double)r.Engagements, r.AverageEngagementPerPost, r.EngagementRatePerFollower];
        }
    }

    private static readonly object?[] PostHeader =
        ["published_at", "account", "network", "post_id", "delivery_id", "url", "clicks", "unique", "filtered", "conversions", "text"];

    private static IEnumerable<object?[]> PostRows(ReportModel m) => m.Posts.Select(p => new object?[]
    {
        p.PublishedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), p.Account, p.Network, p.PostId, p.DeliveryId, p.Url,
        (double)p.Clicks, (double)p.Unique, (double)p.Filtered, (double)p.Conversions, p.Text,
    });
}
