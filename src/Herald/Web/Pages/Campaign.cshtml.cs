using Herald.Campaigns;
using Herald.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages;

/// <summary>A campaign's analytics: pacing against each goal, its daily engagement, its posts; add recent posts to it.</summary>
public sealed class CampaignModel : HeraldPageModel
{
    public CampaignReport Report { get; private set; } = null!;
    public IReadOnlyList<Herald.Analytics.DailyPoint> Daily { get; private set; } = [];
    public List<Post> InCampaign { get; private set; } = [];
    public List<Post> Recent { get; private set; } = [];

    public async Task OnGetAsync(string id, [FromServices] CampaignService campaigns, [FromServices] Herald.Analytics.IKpiService kpis, CancellationToken ct)
    {
        var c = await FindAsync(id, campaigns, ct);
        Report = await campaigns.ReportAsync(c, ct);
        Daily = await kpis.DailyAsync(new Herald.Analytics.KpiQuery(c.WorkspaceId, c.StartsOn, c.EndsOn, CampaignId: c.Id), ct);
        var ids = await Db.Set<CampaignPost>().AsNoTracking().Where(p => p.CampaignId == c.Id).Select(p => p.PostId).ToListAsync(ct);
        InCampaign = await Db.Posts.AsNoTracking().Where(p => ids.Contains(p.Id)).OrderByDescending(p => p.CreatedAt).ToListAsync(ct);
        Recent = await Db.Posts.AsNoTracking().Where(p => p.WorkspaceId == c.WorkspaceId && !ids.Contains(p.Id)).OrderByDescending(p => p.CreatedAt).Take(30).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostAssignAsync(string id, List<string> postIds, bool remove, [FromServices] CampaignService campaigns, CancellationToken ct)
    {
        await RequireAsync(Role.Editor);
        var c = await FindAsync(id, campaigns, ct);
        await campaigns.AssignAsync(c, postIds, remove, ct);
        return RedirectToPage(new { id });
    }

    private async Task<Campaign> FindAsync(string id, CampaignService campaigns, CancellationToken ct)
    {
        var c = await campaigns.FindAsync(id, ct);
        return c is null || c.WorkspaceId != Workspace.WorkspaceId ? throw new HeraldProblem(404, "Not found", $"No campaign {id}.") : c;
    }
}
