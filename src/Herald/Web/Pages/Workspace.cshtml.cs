using Herald.Data;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Web.Pages;

/// <summary>The workspace switcher: remembers the chosen workspace (if the user is a member) and goes back.</summary>
public sealed class WorkspaceModel : HeraldPageModel
{
    public IActionResult OnGet() => Redirect("/");

    internal static string SectionStart(string back) => back switch
    {
        _ when back.StartsWith("/posts/", StringComparison.Ordinal) || back.StartsWith("/compose/", StringComparison.Ordinal) => "/",
        _ when back.StartsWith("/inbox/", StringComparison.Ordinal) => "/inbox",
        _ when back.StartsWith("/contacts/", StringComparison.Ordinal) => "/contacts",
        _ when back.StartsWith("/crisis/", StringComparison.Ordinal) => "/crisis",
        _ when back.StartsWith("/campaigns/", StringComparison.Ordinal) => "/campaigns",
        _ when back.StartsWith("/analytics/posts/", StringComparison.Ordinal) => "/analytics",
        _ => back,
    };

    public async Task<IActionResult> OnPostAsync(string workspaceId, string? returnUrl)
    {
        var ws = await Access.RequireAsync(Role.Viewer, workspaceId, HttpContext.RequestAborted);
        CurrentWorkspace.Remember(Response, ws.WorkspaceId);
        // A page of one workspace's thing (a post, an edit, a conversation, a contact, an alert) makes no sense in another:
        // go to that section's start in the chosen workspace.
        var back = Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
        return LocalRedirect(SectionStart(back));
    }
}
