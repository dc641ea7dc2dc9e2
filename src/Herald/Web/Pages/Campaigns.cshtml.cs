using Herald.Campaigns;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Web.Pages;

/// <summary>Campaigns: the list with pacing at a glance, and a form to start one.</summary>
public sealed class CampaignsModel : HeraldPageModel
{
    public List<CampaignReport> Reports { get; private set; } = [];

    public async Task OnGetAsync([FromServices] CampaignService campaigns, CancellationToken ct)
    {
        foreach (var c in await campaigns.ListAsync(Workspace.WorkspaceId, ct))
        {
            Reports.Add(await campaigns.ReportAsync(c, ct));
        }
    }

    public async Task<IActionResult> OnPostCreateAsync(string name, DateOnly startsOn, DateOnly endsOn, long? goalClicks, double? goalEngagementRate, int? goalPosts,
        [FromServices] CampaignService campaigns, CancellationToken ct)
    {
        var ws = await RequireAsync(Data.Role.Editor);
        var c = await campaigns.CreateAsync(ws.WorkspaceId, new CampaignRequest(name, startsOn, endsOn, goalClicks, null, null, goalEngagementRate, goalPosts), ct);
        return Redirect($"/campaigns/{c.Id}");
    }
}
