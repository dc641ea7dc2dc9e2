using Herald.Analytics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages;

/// <summary>What changed: spikes and drops in daily engagement, what moved around them, and the team's annotations.</summary>
public sealed class ChangesModel : HeraldPageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public WhatChangedResult Result { get; private set; } = null!;

    public async Task OnGetAsync([FromServices] WhatChanged changes, CancellationToken ct)
    {
        var q = KpiRequest.Parse(Workspace.WorkspaceId, Now, From, To, null, null, null, null, null);
        // Default to eight weeks: anomalies need a few weeks of history to stand out from.
        if (From is null)
        {
            q = q with { From = q.To.AddDays(-55) };
        }
        Result = await changes.FindAsync(q, ct);
    }

    public async Task<IActionResult> OnPostAnnotateAsync(string day, string text, CancellationToken ct)
    {
        var ws = await RequireAsync(Data.Role.Contributor);
        if (!DateOnly.TryParse(day, System.Globalization.CultureInfo.InvariantCulture, out var d) || string.IsNullOrWhiteSpace(text) || text.Length > 500)
        {
            throw new HeraldProblem(422, "Invalid annotation", "An annotation needs a day and a text of at most 500 characters.");
        }
        Db.Set<Annotation>().Add(new Annotation { WorkspaceId = ws.WorkspaceId, Day = d.DayNumber, Text = text.Trim(), AuthorId = ws.UserId, CreatedAt = Now });
        await Db.SaveChangesAsync(ct);
        return RedirectToPage(new { from = From, to = To });
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken ct)
    {
        var ws = await RequireAsync(Data.Role.Contributor);
        await Db.Set<Annotation>().Where(a => a.Id == id && a.WorkspaceId == ws.WorkspaceId).ExecuteDeleteAsync(ct);
        return RedirectToPage(new { from = From, to = To });
    }
}
