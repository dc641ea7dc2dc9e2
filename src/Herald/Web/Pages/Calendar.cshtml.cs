using System.Globalization;
using Herald.Data;
using Herald.Publishing;
using Herald.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages;

/// <summary>The calendar: month, week and list views in the user's time zone, filtered, with drag and drop to reschedule.</summary>
public sealed class CalendarModel(PostQueries queries, PostComposer composer, Herald.Campaigns.CampaignService campaigns) : HeraldPageModel
{
    /// <summary>The week view's working hours: it opens scrolled to <see cref="WorkStart"/>, and shades the hours outside.</summary>
    public const int WorkStart = 8, WorkEnd = 19;

    public static readonly string[] Statuses = ["draft", "scheduled", "retrying", "publishing", "published", "failed", "held", "unknown"];

    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Date { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Account { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Network { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Campaign { get; set; }

    public IReadOnlyList<Herald.Campaigns.Campaign> Campaigns { get; private set; } = [];

    public CalendarRange Range { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public IReadOnlyList<CalendarEntry> Entries { get; private set; } = [];
    public ILookup<DateOnly, CalendarEntry> ByDay { get; private set; } = null!;
    public ILookup<(DateOnly Day, int Hour), CalendarEntry> ByHour { get; private set; } = null!;
    public IReadOnlyDictionary<string, Account> Accounts { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = DateOnly.FromDateTime(Local(Now));
        var anchor = DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : Today;
        Range = CalendarRange.For(View is "week" or "list" ? View : "month", anchor, CultureInfo.CurrentCulture);
        Accounts = await Db.Accounts.AsNoTracking().Where(a => a.WorkspaceId == Workspace.WorkspaceId).ToDictionaryAsync(a => a.Id, ct);
        var entries = await queries.CalendarAsync(Workspace.WorkspaceId, Range.From, Range.To, TimeZone, Account, Network, ct, Campaign);
        Entries = Status is { Length: > 0 } s ? entries.Where(e => e.Status == s).ToList() : entries;
        Campaigns = await campaigns.ListAsync(Workspace.WorkspaceId, ct);
        _locals = Entries.ToDictionary(e => e.DeliveryId, e => WallClock.TryParseLocal(e.Local, out var l) ? l : Local(e.At));
        ByDay = Entries.ToLookup(e => DateOnly.FromDateTime(_locals[e.DeliveryId]));
        ByHour = Entries.OrderBy(e => _locals[e.DeliveryId]).ToLookup(e => (DateOnly.FromDateTime(_locals[e.DeliveryId]), _locals[e.DeliveryId].Hour));
    }

    /// <summary>Drag and drop: moves a post to another day or time, through the same update as the API's PATCH.</summary>
    public async Task<IActionResult> OnPostMoveAsync(string postId, string local, CancellationToken ct)
    {
        try
        {
            var post = await queries.FindAsync(postId, ct) ?? throw new HeraldProblem(404, "Not found", $"No post {postId}.");
            var ws = await Access.RequireAsync(Role.Contributor, post.WorkspaceId, ct);
            var (updated, _) = await composer.UpdateAsync(ws, post, new PostRequest { ScheduledAt = local, TimeZone = TimeZone }, ct);
            var at = Local(updated.ScheduledAt!.Value);
            return new JsonResult(new { ok = true, local = WallClock.Format(at), time = at.ToString("t", CultureInfo.CurrentCulture), message = Localizer["Calendar.Moved", When(updated.ScheduledAt)].Value });
        }
        catch (HeraldProblem p)
        {
            return new JsonResult(new { ok = false, message = p.Detail }) { StatusCode = p.Status };
        }
    }

    private Dictionary<string, DateTime> _locals = [];

    public DateTime LocalOf(CalendarEntry e) => _locals.TryGetValue(e.DeliveryId, out var l) ? l : Local(e.At);

    public static bool Movable(CalendarEntry e) => e.Status is "scheduled" or "retrying" or "held" or "failed";

    public string AccountName(string id) => Accounts.TryGetValue(id, out var a) ? a.Name : id;

    /// <summary>The calendar's URL with one value changed and the filters kept.</summary>
    public string Link(string? view = null, DateOnly? date = null) =>
        Url.Page("/Calendar", new { View = view ?? Range.View, Date = (date ?? Range.Anchor).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Account, Network, Status, Campaign })!;
}
