using System.Globalization;
using System.Net;
using System.Text;
using Herald.Charts;

namespace Herald.Reports;

/// <summary>
/// Renders a report as one self-contained HTML document (its CSS inline, its chart an SVG): the same document is the web
/// view, the shared view and what Chromium prints to PDF, so the three never differ.
/// </summary>
public static class ReportHtml
{
    private const string Css = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1d2430;margin:0;padding:32px;max-width:960px}
        h1{font-size:24px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:2px solid #3b5bdb;padding-bottom:4px}
        .meta{color:#5c6370;font-size:12px}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e3e6ea;vertical-align:top}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.up{color:#2b8a3e}.down{color:#c92a2a}ul.hl li{margin:3px 0}
        .chart{width:100%;height:auto}.chart-daily{color:#3b5bdb}.chart text{fill:#5c6370}.notes{white-space:pre-wrap;background:#f6f7f9;padding:10px;border-radius:6px}
        @page{size:A4;margin:14mm}@media print{body{padding:0}h2{break-after:avoid}tr,li{break-inside:avoid}}
        """;

    public static string Render(ReportModel m, CultureInfo culture)
    {
        string T(string key) => ReportText.T(key, culture);
        // Times are shown in the zone whose days the report counts.
        var zone = Analytics.LocalDays.Zone(m.TimeZone);
        var sb = new StringBuilder(16_384);
        sb.Append("<!DOCTYPE html><html lang=\"").Append(ReportText.IsFrench(culture) ? "fr" : "en").Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(m.Title)).Append("</title><style>").Append(Css).Append("</style></head><body>");
        sb.Append("<h1>").Append(E(m.Title)).Append("</h1><p class=\"meta\">").Append(E(T("period"))).Append(": ")
            .Append(E(ReportText.Date(m.From, culture))).Append(" – ").Append(E(ReportText.Date(m.To, culture))).Append(" (").Append(E(m.TimeZone)).Append(") · ")
            .Append(E(T("previous"))).Append(": ").Append(E(ReportText.Date(m.PreviousFrom, culture))).Append(" – ").Append(E(ReportText.Date(m.PreviousTo, culture)))
            .Append(" · ").Append(E(T("generated"))).Append(' ').Append(E(m.GeneratedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))).Append("</p>");

        foreach (var section in m.Sections)
        {
            switch (section)
            {
                case ReportSections.Highlights:
                    sb.Append("<h2>").Append(E(T("highlights"))).Append("</h2>");
                    if (m.Highlights.Count == 0)
                    {
                        sb.Append("<p>").Append(E(T("none"))).Append("</p>");
                        break;
                    }
                    sb.Append("<ul class=\"hl\">");
                    foreach (var h in m.Highlights)
                    {
                        sb.Append("<li>").Append(E(ReportText.Highlight(h, culture))).Append("</li>");
                    }
                    sb.Append("</ul>");
                    break;
                case ReportSections.Kpis:
                    sb.Append("<h2>").Append(E(T("kpis"))).Append("</h2><table><thead><tr><th>").Append(E(T("metric"))).Append("</th><th class=\"n\">")
                        .Append(E(T("this_period"))).Append("</th><th class=\"n\">").Append(E(T("previous"))).Append("</th><th class=\"n\">").Append(E(T("change"))).Append("</th></tr></thead><tbody>");
                    foreach (var k in m.Kpis)
                    {
                        var cls = k.Change is > 0 ? "n up" : k.Change is < 0 ? "n down" : "n";
                        sb.Append("<tr><td>").Append(E(T(k.Key))).Append("</td><td class=\"n\">").Append(E(ReportText.Value(k, k.Current, culture)))
                            .Append("</td><td class=\"n\">").Append(E(ReportText.Value(k, k.Previous, culture))).Append("</td><td class=\"").Append(cls).Append("\">")
                            .Append(E(ReportText.Change(k, culture))).Append("</td></tr>");
                    }
                    sb.Append("</tbody></table>");
                    break;
                case ReportSections.TopPosts:
                    sb.Append("<h2>").Append(E(T("top_posts"))).Append("</h2>");
                    if (m.Posts.Count == 0)
                    {
                        sb.Append("<p>").Append(E(T("none"))).Append("</p>");
                        break;
                    }
                    sb.Append("<table><thead><tr><th>").Append(E(T("text"))).Append("</th><th>").Append(E(T("account"))).Append("</th><th>").Append(E(T("published")))
                        .Append("</th><th class=\"n\">").Append(E(T("clicks"))).Append("</th><th class=\"n\">").Append(E(T("unique"))).Append("</th><th class=\"n\">")
                        .Append(E(T("conversions"))).Append("</th></tr></thead><tbody>");
                    foreach (var p in m.Posts.Take(10))
                    {
                        var text = p.Text.Length > 140 ? p.Text[..140] + "…" : p.Text;
                        sb.Append("<tr><td>").Append(E(text)).Append("</td><td>").Append(E(p.Account)).Append(" (").Append(E(p.Network)).Append(")</td><td>")
                            .Append(E(TimeZoneInfo.ConvertTime(p.PublishedAt, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))).Append("</td><td class=\"n\">").Append(p.Clicks.ToString("#,0", culture))
                            .Append("</td><td class=\"n\">").Append(p.Unique.ToString("#,0", culture)).Append("</td><td class=\"n\">").Append(p.Conversions.ToString("#,0", culture)).Append("</td></tr>");
                    }
                    sb.Append("</tbody></table>");
                    break;
                case ReportSections.Charts:
                    sb.Append("<h2>").Append(E(T("charts"))).Append("</h2>").Append(DailyBars(m.Days.Select(d => (d.Day, (double)d.Clicks)), T("clicks")));
                    if (m.Audience is { } audience && audience.Any(d => d.Engagements > 0))
                    {
                        sb.Append("<h2>").Append(E(T("engagement_chart"))).Append(" (").Append(E(m.TimeZone)).Append(")</h2>")
                            .Append(DailyBars(audience.Select(d => (d.Day, (double)d.Engagements)), T("engagements")));
                    }
                    break;
                case ReportSections.Campaigns when m.Campaigns.Count > 0:
                    sb.Append("<h2>").Append(E(T("campaigns"))).Append("</h2><table><thead><tr><th>").Append(E(T("campaign"))).Append("</th><th class=\"n\">")
                        .Append(E(T("clicks"))).Append("</th><th class=\"n\">").Append(E(T("unique"))).Append("</th><th class=\"n\">").Append(E(T("conversions")))
                        .Append("</th><th class=\"n\">").Append(E(T("conversion_rate"))).Append("</th></tr></thead><tbody>");
                    foreach (var c in m.Campaigns)
                    {
                        sb.Append("<tr><td>").Append(E(c.Campaign)).Append("</td><td class=\"n\">").Append(c.Clicks.ToString("#,0", culture)).Append("</td><td class=\"n\">")
                            .Append(c.Unique.ToString("#,0", culture)).Append("</td><td class=\"n\">").Append(c.Conversions.ToString("#,0", culture)).Append("</td><td class=\"n\">")
                            .Append((c.ConversionRate * 100).ToString("0.0", culture)).Append("%</td></tr>");
                    }
                    sb.Append("</tbody></table>");
                    break;
                case ReportSections.Competitors when m.Competitors is { Count: > 0 }:
                    Competitors(sb, m.Competitors, culture);
                    break;
                case ReportSections.Notes when !string.IsNullOrWhiteSpace(m.Notes):
                    sb.Append("<h2>").Append(E(T("notes"))).Append("</h2><div class=\"notes\">").Append(E(m.Notes!)).Append("</div>");
                    break;
            }
        }
        return sb.Append("</body></html>").ToString();
    }

    /// <summary>The workspace's accounts and the followed competitors over the period, one row each.</summary>
    private static void Competitors(StringBuilder sb, IReadOnlyList<Herald.Competitors.ComparisonRow> rows, CultureInfo culture)
    {
        string T(string key) => ReportText.T(key, culture);
        sb.Append("<h2>").Append(E(T("competitors"))).Append("</h2><table><thead><tr><th>").Append(E(T("account"))).Append("</th><th class=\"n\">")
            .Append(E(T("followers"))).Append("</th><th class=\"n\">").Append(E(T("follower_growth"))).Append("</th><th class=\"n\">").Append(E(T("posts_count")))
            .Append("</th><th class=\"n\">").Append(E(T("engagements_per_post"))).Append("</th><th class=\"n\">").Append(E(T("engagement_rate"))).Append("</th></tr></thead><tbody>");
        foreach (var r in rows)
        {
            var c = ReportText.CompetitorCells(r, culture);
            sb.Append("<tr><td>").Append(E(c.Name)).Append("</td><td class=\"n\">").Append(E(c.Followers)).Append("</td><td class=\"n\">").Append(E(c.Growth))
                .Append("</td><td class=\"n\">").Append(E(c.Posts)).Append("</td><td class=\"n\">").Append(E(c.PerPost)).Append("</td><td class=\"n\">")
                .Append(E(c.Rate)).Append("</td></tr>");
        }
        sb.Append("</tbody></table><p class=\"meta\">").Append(E(T("competitors_note"))).Append("</p>");
    }

    /// <summary>A count per day as the report's bar chart, days written MM-dd whatever the culture.</summary>
    private static string DailyBars(IEnumerable<(DateOnly Day, double Value)> days, string title) =>
        SvgCharts.Bars(title, [.. days.Select(d => new ChartPoint(d.Day.ToString("MM-dd", CultureInfo.InvariantCulture), d.Value))], BarStyle.Daily).Value!;

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
