using Herald.Data;
using Herald.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages;

/// <summary>One post: each account's delivery with its status, attempts and live link; retry, cancel, duplicate, reschedule.</summary>
public sealed class PostModel(PostQueries queries, PostCommands commands, PostComposer composer) : HeraldPageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public PostDto Post { get; private set; } = null!;
    public IReadOnlyDictionary<string, Account> Accounts { get; private set; } = null!;
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostRetryAsync(CancellationToken ct)
    {
        await FindAsync(Role.Editor, ct);
        var n = await commands.RetryAsync(Id, ct);
        Flash = n > 0 ? Localizer["Flash.Retrying"] : Localizer["Flash.NothingToRetry"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCancelAsync(CancellationToken ct)
    {
        await FindAsync(Role.Editor, ct);
        var n = await commands.CancelAsync(Id, ct);
        Flash = Localizer["Flash.Cancelled", n];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDuplicateAsync(CancellationToken ct)
    {
        var post = await FindAsync(Role.Contributor, ct);
        var copy = await commands.DuplicateAsync(post, Workspace.UserId, ct);
        Flash = Localizer["Flash.Duplicated"];
        return Redirect($"/compose/{copy.Id}");
    }

    public async Task<IActionResult> OnPostRescheduleAsync(string? scheduledAt, CancellationToken ct)
    {
        var post = await FindAsync(Role.Contributor, ct);
        try
        {
            var ws = await Access.RequireAsync(Role.Contributor, post.WorkspaceId, ct);
            await composer.UpdateAsync(ws, post, new PostRequest { ScheduledAt = scheduledAt, TimeZone = post.TimeZone ?? TimeZone }, ct);
            Flash = Localizer["Flash.Rescheduled"];
            return RedirectToPage();
        }
        catch (HeraldProblem p) when (p.Status is 403 or 409 or 422)
        {
            Error = p.Detail;
            Response.StatusCode = p.Status;
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task<Post> FindAsync(Role role, CancellationToken ct)
    {
        var post = await queries.FindAsync(Id, ct) ?? throw new HeraldProblem(404, "Not found", $"No post {Id}.");
        await Access.RequireAsync(role, post.WorkspaceId, ct);
        return post;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var post = await FindAsync(Role.Viewer, ct);
        Post = await queries.DetailAsync(post, null, ct);
        var ids = post.Deliveries.Select(d => d.AccountId).ToList();
        Accounts = await Db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
    }

    public bool Any(params string[] statuses) => Post.Deliveries.Any(d => statuses.Contains(d.Status));

    public string AccountName(string id) => Accounts.TryGetValue(id, out var a) ? a.Name : id;
}
