using System.Globalization;
using Herald.Data;
using Herald.Scheduling;
using Herald.Teams;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web;

/// <summary>One workspace in the switcher.</summary>
public sealed record WorkspaceChoice(string Id, string Name, string TimeZone, Role Role);

/// <summary>
/// Base of every signed-in page: loads the user and their workspaces, checks the page's minimum role through
/// <see cref="WorkspaceAccess"/> (the API's own check), and shows a <see cref="HeraldProblem"/> as an error page.
/// </summary>
public abstract class HeraldPageModel : PageModel
{
    public const string ItemKey = "herald.page";

    /// <summary>The weakest role that may open the page; actions check their own, stronger, role.</summary>
    protected virtual Role MinimumRole => Role.Viewer;

    public User CurrentUser { get; private set; } = null!;
    public WorkspaceContext Workspace { get; private set; } = null!;
    public IReadOnlyList<WorkspaceChoice> Workspaces { get; private set; } = [];
    public WorkspaceChoice ActiveWorkspace => Workspaces.First(w => w.Id == Workspace.WorkspaceId);

    /// <summary>The user's time zone: the calendar and every time on the pages are shown in it.</summary>
    public string TimeZone => CurrentUser.TimeZone;

    [TempData]
    public string? Flash { get; set; }

    protected HeraldDb Db => HttpContext.RequestServices.GetRequiredService<HeraldDb>();
    protected WorkspaceAccess Access => HttpContext.RequestServices.GetRequiredService<WorkspaceAccess>();
    protected WallClock Clock => HttpContext.RequestServices.GetRequiredService<WallClock>();
    protected Microsoft.Extensions.Localization.IStringLocalizer<Resources.Strings> Localizer =>
        HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Resources.Strings>>();
    protected DateTimeOffset Now => HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    public DateTimeOffset NowInstant => Now;

    public bool Can(Role role) => Workspace.Role >= role;

    /// <summary>Requires a stronger role than the page's for an action (the API's check, with the API's message).</summary>
    protected Task<WorkspaceContext> RequireAsync(Role role) => Access.RequireAsync(role, Workspace.WorkspaceId, HttpContext.RequestAborted);

    /// <summary>
    /// For the page of one thing (a conversation, a contact, an alert) opened from a link while another workspace is
    /// chosen (an alert e-mail, a colleague's link): when the thing belongs to another workspace of the user's, that one
    /// becomes the chosen workspace and the page opens again in it. Null when there is nothing to follow.
    /// </summary>
    protected IActionResult? FollowTo(string? workspaceId)
    {
        if (workspaceId is null || workspaceId == Workspace.WorkspaceId || Workspaces.All(w => w.Id != workspaceId))
        {
            return null;
        }
        CurrentWorkspace.Remember(Response, workspaceId);
        return LocalRedirect(Request.Path + Request.QueryString);
    }

    public DateTime Local(DateTimeOffset instant) => Clock.ToLocal(instant, TimeZone);

    /// <summary>A date and time in the user's zone and culture ("24 nov. 2026 09:30").</summary>
    public string When(DateTimeOffset? instant) => instant is { } i ? Local(i).ToString("g", CultureInfo.CurrentCulture) : "";

    public string Day(DateTime local) => local.ToString("D", CultureInfo.CurrentCulture);

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        HttpContext.Items[ItemKey] = this;
        try
        {
            await LoadAsync(HttpContext.RequestAborted);
        }
        catch (HeraldProblem problem)
        {
            context.Result = ProblemResult(problem);
            return;
        }
        if (context.Result is not null)
        {
            return;
        }
        var executed = await next();
        if (executed.Exception is HeraldProblem p && !executed.ExceptionHandled)
        {
            executed.Result = ProblemResult(p);
            executed.ExceptionHandled = true;
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var userId = Access.UserId;
        CurrentUser = await Db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct)
            ?? throw new HeraldProblem(401, "Not signed in", "Your account no longer exists.");
        Workspaces = (await Db.Memberships.AsNoTracking().Where(m => m.UserId == userId)
                .Join(Db.Workspaces, m => m.WorkspaceId, w => w.Id, (m, w) => new { w.Id, w.Name, w.TimeZone, m.Role, w.CreatedAt })
                .ToListAsync(ct))
            .OrderBy(w => w.CreatedAt).ThenBy(w => w.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(w => new WorkspaceChoice(w.Id, w.Name, w.TimeZone, w.Role)).ToList();
        var chosen = HttpContext.Items[WorkspaceAccess.ItemKey] as string;
        var current = Workspaces.FirstOrDefault(w => w.Id == chosen) ?? (Workspaces.Count > 0 ? Workspaces[0] : null)
            ?? throw new HeraldProblem(403, "No workspace", "You are not a member of any workspace yet; ask an administrator to add you.");
        HttpContext.Items[WorkspaceAccess.ItemKey] = current.Id;
        Workspace = await Access.RequireAsync(MinimumRole, current.Id, ct);
    }

    private IActionResult ProblemResult(HeraldProblem problem)
    {
        if (problem.Status == 401)
        {
            return Redirect("/signin?returnUrl=" + Uri.EscapeDataString(Request.Path + Request.QueryString));
        }
        var view = new ViewDataDictionary<HeraldProblem>(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = problem };
        return new ViewResult { ViewName = "/Web/Pages/Shared/Problem.cshtml", StatusCode = problem.Status, ViewData = view };
    }
}
