using Herald.Analytics;
using Herald.Competitors;
using Herald.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Herald.Web.Pages;

/// <summary>Competitors: follow public accounts, and see the brand's accounts beside them over a period.</summary>
public sealed class CompetitorsModel : HeraldPageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public CompetitorReport Report { get; private set; } = null!;
    public IReadOnlyList<CompetitorDto> Followed { get; private set; } = [];
    public string? Error { get; private set; }

    private IStringLocalizer<Resources.Analytics> A => HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Resources.Analytics>>();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(string? network, string? handle, string? instance, CancellationToken ct)
    {
        var ws = await RequireAsync(Role.Editor);
        try
        {
            var added = await HttpContext.RequestServices.GetRequiredService<CompetitorCommands>().AddAsync(ws.WorkspaceId, ws.UserId, new AddCompetitorRequest(network, handle, instance), ct);
            Flash = A["Competitors.Added", added.Handle];
            return RedirectToPage(new { from = From, to = To });
        }
        catch (HeraldProblem p) when (p.Status is 409 or 422)
        {
            Error = p.Detail;
            await LoadAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostRemoveAsync(string id, CancellationToken ct)
    {
        var ws = await RequireAsync(Role.Editor);
        await HttpContext.RequestServices.GetRequiredService<CompetitorCommands>().RemoveAsync(ws.WorkspaceId, id, ct);
        Flash = A["Competitors.Removed"];
        return RedirectToPage(new { from = From, to = To });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var q = KpiRequest.Parse(Workspace.WorkspaceId, Now, From, To, null, null, null, null, null);
        Report = await HttpContext.RequestServices.GetRequiredService<CompetitorComparison>().CompareAsync(Workspace.WorkspaceId, q.From, q.To, 10, ct);
        Followed = await HttpContext.RequestServices.GetRequiredService<CompetitorCommands>().ListAsync(Workspace.WorkspaceId, ct);
    }
}
