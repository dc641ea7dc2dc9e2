using Herald.Crisis;
using Herald.Data;
using Herald.Inbox;
using Herald.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages;

/// <summary>Today: the dashboard a social media manager opens first.</summary>
public sealed class IndexModel : HeraldPageModel
{
    public TodayBoard Board { get; private set; } = null!;

    public async Task OnGetAsync([FromServices] InboxQueries inbox, CancellationToken ct)
    {
        var board = await TodayBoard.LoadAsync(Db, Workspace.WorkspaceId, Now, ct);
        var ws = Workspace.WorkspaceId;
        Board = board with
        {
            UnreadInbox = await inbox.UnreadAsync(Workspace, ct),
            OpenAlerts = await Db.Set<CrisisAlert>().AsNoTracking().CountAsync(a => a.WorkspaceId == ws && a.Status != AlertStatus.Resolved, ct),
        };
    }

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
