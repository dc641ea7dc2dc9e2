using System.Globalization;
using System.Text.Json;
using Herald.Accounts;
using Herald.Data;
using Herald.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages;

/// <summary>Accounts: connect, health, reconnect, disconnect, and each account's weekly queue slots.</summary>
public sealed class AccountsModel(AccountService service, AccountDirectory directory) : HeraldPageModel
{
    public IReadOnlyList<Account> Accounts { get; private set; } = [];
    public ILookup<string, QueueSlot> Slots { get; private set; } = null!;
    public string? Error { get; private set; }
    public string? ErrorFor { get; private set; }

    [BindProperty]
    public ConnectForm Form { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostConnectAsync(CancellationToken ct)
    {
        var ws = await RequireAsync(Role.Admin);
        try
        {
            var account = await service.ConnectAsync(ws.WorkspaceId, Form.ToJson(), ct);
            Flash = Localizer["Accounts.Connected", account.Name];
            return RedirectToPage();
        }
        catch (HeraldProblem p) when (p.Status is 422 or 429 or 502)
        {
            return await FailAsync(p, "connect-" + Form.Network, ct);
        }
    }

    public async Task<IActionResult> OnPostReconnectAsync(string accountId, CancellationToken ct)
    {
        var account = await AccountEndpoints.FindAsync(Db, Access, accountId, Role.Admin, ct);
        try
        {
            Form.Network = account.Network;
            await service.ReconnectAsync(account, Form.ToJson(), ct);
            directory.Forget(account.Id);
            Flash = Localizer["Accounts.Reconnected", account.Name];
            return RedirectToPage();
        }
        catch (HeraldProblem p) when (p.Status is 422 or 429 or 502)
        {
            return await FailAsync(p, "account-" + account.Id, ct);
        }
    }

    public async Task<IActionResult> OnPostDisconnectAsync(string accountId, CancellationToken ct)
    {
        var account = await AccountEndpoints.FindAsync(Db, Access, accountId, Role.Admin, ct);
        await service.DisconnectAsync(account, ct);
        directory.Forget(account.Id);
        Flash = Localizer["Accounts.Disconnected", account.Name];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAddSlotAsync(string accountId, DayOfWeek day, string time, CancellationToken ct)
    {
        var account = await AccountEndpoints.FindAsync(Db, Access, accountId, Role.Editor, ct);
        var slot = AccountEndpoints.SlotDto.Parse(new AccountEndpoints.SlotDto(day.ToString(), time));
        if (!await Db.QueueSlots.AnyAsync(s => s.AccountId == account.Id && s.DayOfWeek == slot.DayOfWeek && s.MinuteOfDay == slot.MinuteOfDay, ct))
        {
            slot.AccountId = account.Id;
            Db.QueueSlots.Add(slot);
            await Db.SaveChangesAsync(ct);
        }
        return Redirect($"/accounts#account-{account.Id}");
    }

    public async Task<IActionResult> OnPostRemoveSlotAsync(string accountId, string slotId, CancellationToken ct)
    {
        var account = await AccountEndpoints.FindAsync(Db, Access, accountId, Role.Editor, ct);
        await Db.QueueSlots.Where(s => s.Id == slotId && s.AccountId == account.Id).ExecuteDeleteAsync(ct);
        return Redirect($"/accounts#account-{account.Id}");
    }

    private async Task<IActionResult> FailAsync(HeraldProblem p, string where, CancellationToken ct)
    {
        Error = p.Detail;
        ErrorFor = where;
        Response.StatusCode = p.Status;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Accounts = await Db.Accounts.AsNoTracking().Where(a => a.WorkspaceId == Workspace.WorkspaceId && a.Status != AccountStatus.Disconnected)
            .OrderBy(a => a.CreatedAt).ToListAsync(ct);
        var ids = Accounts.Select(a => a.Id).ToList();
        Slots = (await Db.QueueSlots.AsNoTracking().Where(s => ids.Contains(s.AccountId)).ToListAsync(ct))
            .OrderBy(s => ((int)s.DayOfWeek + 6) % 7).ThenBy(s => s.MinuteOfDay).ToLookup(s => s.AccountId);
    }

    public static string SlotLabel(QueueSlot s) =>
        CultureInfo.CurrentCulture.DateTimeFormat.GetAbbreviatedDayName(s.DayOfWeek) + " "
        + new TimeOnly(s.MinuteOfDay / 60, s.MinuteOfDay % 60).ToString("t", CultureInfo.CurrentCulture);

    /// <summary>The connect and reconnect forms: what each network's connector reads.</summary>
    public sealed class ConnectForm
    {
        public string Network { get; set; } = "sandbox";
        public string? Name { get; set; }
        public string? Identifier { get; set; }
        public string? Password { get; set; }
        public string? Service { get; set; }
        public string? Instance { get; set; }
        public string? AccessToken { get; set; }

        public JsonElement ToJson() => JsonSerializer.SerializeToElement(new Dictionary<string, string?>
        {
            ["network"] = Network,
            ["name"] = string.IsNullOrWhiteSpace(Name) ? null : Name,
            ["identifier"] = Identifier,
            ["password"] = Password,
            ["service"] = string.IsNullOrWhiteSpace(Service) ? null : Service,
            ["instance"] = Instance,
            ["accessToken"] = AccessToken,
        }.Where(kv => kv.Value is not null).ToDictionary());
    }
}
