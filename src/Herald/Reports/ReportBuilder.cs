using System.Globalization;
using Herald.Analytics;
using Herald.Competitors;
using Herald.Data;
using Microsoft.EntityFrameworkCore;

namespace Herald.Reports;

/// <summary>Builds a report: this period against the previous one of the same length, highlights first.</summary>
public sealed class ReportBuilder(HeraldDb db, IReportFigures figures, IKpiService analytics, CompetitorComparison competitors, TimeProvider time)
{
    public async Task<ReportModel> BuildAsync(ReportRequest request, CancellationToken ct)
    {
        if (request.To < request.From)
        {
            throw new HeraldProblem(422, "Invalid period", "The period ends before it starts.");
        }
        if (request.To.DayNumber - request.From.DayNumber > 366)
        {
            throw new HeraldProblem(422, "Invalid period", "A report covers at most a year.");
        }
        var workspace = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == request.WorkspaceId, ct)
            ?? throw new HeraldProblem(404, "Not found", "No such workspace.");
        var zone = workspace.TimeZone;
        var length = request.To.DayNumber - request.From.DayNumber + 1;
        var previousTo = request.From.AddDays(-1);
        var previousFrom = previousTo.AddDays(-(length - 1));
        var tz = LocalDays.Zone(zone);
        var current = await figures.ForPeriodAsync(request.WorkspaceId, request.AccountIds, LocalDays.Start(request.From, tz), LocalDays.Start(request.To.AddDays(1), tz), zone, ct);
        var previous = await figures.ForPeriodAsync(request.WorkspaceId, request.AccountIds, LocalDays.Start(previousFrom, tz), LocalDays.Start(request.From, tz), zone, ct);

        var kpis = new List<KpiRow>
        {
            new("posts", current.PostsPublished, previous.PostsPublished),
            new("deliveries", current.DeliveriesPublished, previous.DeliveriesPublished),
            new("failed", current.DeliveriesFailed, previous.DeliveriesFailed),
            new("clicks", current.Clicks, previous.Clicks),
            new("unique", current.Unique, previous.Unique),
            new("filtered", current.Filtered, previous.Filtered),
            new("conversions", current.Conversions, previous.Conversions),
            new("conversion_rate", current.Unique == 0 ? 0 : (double)current.Conversions / current.Unique, previous.Unique == 0 ? 0 : (double)previous.Conversions / previous.Unique, Percent: true),
            new("conversion_value", current.ConversionValue, previous.ConversionValue),
        };
        // The audience KPIs count the same local days as the figures above (KpiQuery.TimeZone).
        var audience = new KpiQuery(request.WorkspaceId, request.From, request.To, request.AccountIds.Count > 0 ? request.AccountIds : null, TimeZone: zone);
        kpis.InsertRange(1, await AudienceKpisAsync(audience, ct));
        var sections = request.Sections.Count == 0 ? ReportSections.All : ReportSections.All.Where(request.Sections.Contains).ToList();
        var rivals = sections.Contains(ReportSections.Competitors) ? await CompetitorRowsAsync(request, tz, ct) : [];
        var daily = sections.Contains(ReportSections.Charts) ? await analytics.DailyAsync(audience, ct) : null;
        return new ReportModel(
            request.Title is { Length: > 0 } t ? t : workspace.Name,
            workspace.Name, zone, request.From, request.To, previousFrom, previousTo, sections,
            Highlights(kpis, current), kpis, current.Posts, current.Days, current.Campaigns, request.Notes, time.GetUtcNow(), rivals, daily);
    }

    /// <summary>
    /// The workspace's accounts (those of the report, when it names some) beside the competitors it follows, with the
    /// competitor page's figures and definitions (docs/kpis.md, "Competitors") over the report's local days in
    /// <paramref name="zone"/>, as every other section (the page counts UTC days). Empty when the workspace follows no
    /// competitor, so the section is left out.
    /// </summary>
    private async Task<IReadOnlyList<ComparisonRow>> CompetitorRowsAsync(ReportRequest request, TimeZoneInfo zone, CancellationToken ct)
    {
        var comparison = await competitors.CompareAsync(request.WorkspaceId, request.From, request.To, 0, zone, ct);
        if (!comparison.Rows.Any(r => r.Kind == ComparisonRow.Competitor))
        {
            return [];
        }
        return [.. comparison.Rows.Where(r => r.Kind == ComparisonRow.Competitor || request.AccountIds.Count == 0 || request.AccountIds.Contains(r.Id))];
    }

    /// <summary>
    /// The analytics KPIs of the period against the previous one, exactly as docs/kpis.md defines them, over the report's
    /// local days (the analytics page shows UTC days): engagements, engagement rates, impressions, reach, followers, click-through rate,
    /// the share of negative conversations and the median first response. A figure with no denominator in either period
    /// (no impressions on Mastodon, no follower reading yet, no conversation) is left out rather than shown as zero.
    /// </summary>
    private async Task<List<KpiRow>> AudienceKpisAsync(KpiQuery query, CancellationToken ct)
    {
        var k = await analytics.CompareAsync(query, ct);
        var (c, p) = (k.Current, k.Previous);
        var rows = new List<KpiRow>
        {
            new("engagements", c.Engagements, p.Engagements),
        };
        void Add(string key, double? current, double? previous, bool percent = false)
        {
            if (current is not null || previous is not null)
            {
                // Analytics rates are percentages; a report row holds a fraction when it is a percent row.
                var scale = percent ? 100 : 1;
                rows.Add(new KpiRow(key, (current ?? 0) / scale, (previous ?? 0) / scale, percent));
            }
        }
        Add("engagement_rate_follower", c.EngagementRatePerFollower, p.EngagementRatePerFollower, percent: true);
        Add("engagement_rate_impression", c.EngagementRatePerImpression, p.EngagementRatePerImpression, percent: true);
        if (c.Impressions > 0 || p.Impressions > 0)
        {
            rows.Add(new("impressions", c.Impressions, p.Impressions));
            rows.Add(new("reach", c.Reach, p.Reach));
        }
        Add("followers_end", c.FollowersEnd, p.FollowersEnd);
        Add("follower_growth", c.FollowerGrowth, p.FollowerGrowth);
        Add("click_through_rate", c.ClickThroughRate, p.ClickThroughRate, percent: true);
        Add("negative_share", c.Sentiment?.Negative, p.Sentiment?.Negative, percent: true);
        Add("response_minutes", c.MedianResponseTime?.TotalMinutes, p.MedianResponseTime?.TotalMinutes);
        return rows;
    }

    /// <summary>Good news first: the KPIs that grew most, then the best post and campaign. Plain facts, in English and French.</summary>
    private static List<string> Highlights(List<KpiRow> kpis, PeriodFigures current)
    {
        var list = new List<string>();
        foreach (var k in kpis.Where(k => k.Key is "engagements" or "impressions" or "clicks" or "unique" or "conversions" or "posts" && k.Current > 0)
                     .OrderByDescending(k => k.Change ?? double.MaxValue))
        {
            list.Add(k.Change is { } c
                ? $"kpi:{k.Key}:{k.Current.ToString("0", CultureInfo.InvariantCulture)}:{(c * 100).ToString("0", CultureInfo.InvariantCulture)}"
                : $"kpi:{k.Key}:{k.Current.ToString("0", CultureInfo.InvariantCulture)}:new");
        }
        if (current.Posts is [var best, ..] && best.Clicks > 0)
        {
            list.Add($"post:{best.Clicks}:{best.Account}");
        }
        if (current.Campaigns is [var campaign, ..])
        {
            list.Add($"campaign:{campaign.Campaign}:{campaign.Clicks}:{campaign.Conversions}");
        }
        return list;
    }
}
