using Herald.Data;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Web.Pages;

/// <summary>The workspace switcher: remembers the chosen workspace (if the user is a member) and goes back.</summary>
public sealed class WorkspaceModel : HeraldPageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(string workspaceId, string? returnUrl)
    {
        var ws = await Access.RequireAsync(Role.Viewer, workspaceId, HttpContext.RequestAborted);
        CurrentWorkspace.Remember(Response, ws.WorkspaceId);
        // A page of one workspace (a post, an edit) makes no sense in another: go to the section's start.
        var back = Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
        if (back.StartsWith("/posts/", StringComparison.Ordinal) || back.StartsWith("/compose/", StringComparison.Ordinal))
        {
            back = "/";
        }
        return LocalRedirect(back);
    }
}
