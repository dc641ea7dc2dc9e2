using Herald.Analytics;
using Herald.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages;

/// <summary>Best time to post: an account's weekday × hour heatmap and proposed queue slots, added in one click.</summary>
public sealed class BestTimeModel : HeraldPageModel
{
    [BindProperty(SupportsGet = true)] public string? AccountId { get; set; }

    public List<Account> Accounts { get; private set; } = [];
    public Account? Account { get; private set; }
    public BestTimeResult? Result { get; private set; }

    public async Task OnGetAsync([FromServices] BestTime best, CancellationToken ct)
    {
        Accounts = await Db.Accounts.AsNoTracking().Where(a => a.WorkspaceId == Workspace.WorkspaceId && a.Status != AccountStatus.Disconnected).OrderBy(a => a.Name).ToListAsync(ct);
        Account = Accounts.FirstOrDefault(a => a.Id == AccountId) ?? Accounts.FirstOrDefault();
        if (Account is not null)
        {
            Result = await best.ForAccountAsync(Account, ct);
        }
    }

    /// <summary>Adds the proposals to the account's queue slots (an editor's action, as in the API).</summary>
    public async Task<IActionResult> OnPostAddSlotsAsync([FromServices] BestTime best, CancellationToken ct)
    {
        await RequireAsync(Role.Editor);
        var account = await Db.Accounts.FirstOrDefaultAsync(a => a.Id == AccountId && a.WorkspaceId == Workspace.WorkspaceId, ct)
            ?? throw new HeraldProblem(404, "Not found", $"No account {AccountId}.");
        var proposals = (await best.ForAccountAsync(account, ct)).Proposals;
        var added = await best.AddSlotsAsync(account, proposals.Select(p => (p.Day, p.Hour)), ct);
        var localizer = HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Resources.Analytics>>();
        Flash = localizer["BestTime.Added", added];
        return RedirectToPage(new { accountId = account.Id });
    }
}
