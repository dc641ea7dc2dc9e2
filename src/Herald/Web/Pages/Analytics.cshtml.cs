using Herald.Analytics;
using Herald.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages;

/// <summary>The analytics dashboard: KPIs against the previous period, daily charts, breakdowns and top posts.</summary>
public sealed class AnalyticsModel : HeraldPageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? AccountId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Network { get; set; }
    [BindProperty(SupportsGet = true)] public string? ContentType { get; set; }

    public KpiQuery Query { get; private set; } = null!;
    public KpiComparison Kpis { get; private set; } = null!;
    public IReadOnlyList<DailyPoint> Daily { get; private set; } = [];
    public IReadOnlyList<KpiBreakdownRow> ByNetwork { get; private set; } = [];
    public IReadOnlyList<KpiBreakdownRow> ByType { get; private set; } = [];
    public IReadOnlyList<KpiBreakdownRow> ByHour { get; private set; } = [];
    public IReadOnlyList<PostFigures> Top { get; private set; } = [];
    public Dictionary<string, Account> Accounts { get; private set; } = [];

    public async Task OnGetAsync([FromServices] IKpiService kpis, CancellationToken ct)
    {
        Query = KpiRequest.Parse(Workspace.WorkspaceId, Now, From, To, AccountId, Network, null, ContentType, null);
        Kpis = await kpis.CompareAsync(Query, ct);
        Daily = await kpis.DailyAsync(Query, ct);
        ByNetwork = await kpis.BreakdownAsync(Query, KpiDimension.Network, ct);
        ByType = await kpis.BreakdownAsync(Query, KpiDimension.ContentType, ct);
        ByHour = await kpis.BreakdownAsync(Query, KpiDimension.PostingHour, ct);
        Top = await kpis.TopPostsAsync(Query, 10, ct);
        Accounts = await Db.Accounts.AsNoTracking().Where(a => a.WorkspaceId == Workspace.WorkspaceId).ToDictionaryAsync(a => a.Id, ct);
    }

    public string AccountName(string id) => Accounts.TryGetValue(id, out var a) ? a.Name : id;
}
