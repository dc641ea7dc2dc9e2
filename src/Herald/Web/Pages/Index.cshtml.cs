using Herald.Data;
using Herald.Publishing;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Web.Pages;

/// <summary>Today: the dashboard a social media manager opens first.</summary>
public sealed class IndexModel : HeraldPageModel
{
    public TodayBoard Board { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Board = await TodayBoard.LoadAsync(Db, Workspace.WorkspaceId, Now, ct);

    /// <summary>Retries a failed post from the dashboard (the API's retry, the API's role).</summary>
    public async Task<IActionResult> OnPostRetryAsync(string postId, [FromServices] PostQueries queries, [FromServices] PostCommands commands, CancellationToken ct)
    {
        var post = await queries.FindAsync(postId, ct) ?? throw new HeraldProblem(404, "Not found", $"No post {postId}.");
        await Access.RequireAsync(Role.Editor, post.WorkspaceId, ct);
        var n = await commands.RetryAsync(post.Id, ct);
        Flash = n > 0 ? Localizer["Flash.Retrying"] : Localizer["Flash.NothingToRetry"];
        return RedirectToPage();
    }
}
