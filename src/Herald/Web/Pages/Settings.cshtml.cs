using Herald.Data;
using Herald.Scheduling;
using Herald.Teams;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages;

/// <summary>Settings: profile, time zone and language; password; workspace members and roles; API tokens.</summary>
public sealed class SettingsModel(TeamService teams, ApiTokens tokens) : HeraldPageModel
{
    public sealed record MemberLine(string UserId, string Email, string? DisplayName, Role Role);

    public IReadOnlyList<MemberLine> Members { get; private set; } = [];
    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];
    public string? Error { get; private set; }
    public string? ErrorFor { get; private set; }

    [TempData]
    public string? NewToken { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostProfileAsync(string? displayName, string timeZone, string culture, CancellationToken ct)
    {
        try
        {
            var user = await Db.Users.FirstAsync(u => u.Id == Workspace.UserId, ct);
            user.DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();
            user.TimeZone = TimeZones.Require(timeZone);
            user.Culture = WebSetup.Cultures.Contains(culture) ? culture : "auto";
            await Db.SaveChangesAsync(ct);
            await WebAuth.SignInAsync(HttpContext, user);
            // The new language applies from the next page: say it in that language.
            var previous = System.Globalization.CultureInfo.CurrentUICulture;
            System.Globalization.CultureInfo.CurrentUICulture = WebSetup.Cultures.Contains(user.Culture) ? new System.Globalization.CultureInfo(user.Culture) : previous;
            Flash = Localizer["Settings.Saved"];
            System.Globalization.CultureInfo.CurrentUICulture = previous;
            return RedirectToPage();
        }
        catch (HeraldProblem p)
        {
            return await FailAsync(p, "profile", ct);
        }
    }

    public async Task<IActionResult> OnPostPasswordAsync(string current, string next, CancellationToken ct)
    {
        var user = await Db.Users.FirstAsync(u => u.Id == Workspace.UserId, ct);
        if (!Passwords.Verify(user.PasswordHash, current ?? ""))
        {
            return await FailAsync(new HeraldProblem(422, "Wrong password", Localizer["Settings.WrongPassword"]), "password", ct);
        }
        if (Passwords.Problem(next ?? "") is { } problem)
        {
            return await FailAsync(new HeraldProblem(422, "Weak password", problem), "password", ct);
        }
        user.PasswordHash = Passwords.Hash(next!);
        await Db.SaveChangesAsync(ct);
        Flash = Localizer["Settings.PasswordChanged"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostMemberAsync(string email, Role role, CancellationToken ct)
    {
        var ws = await RequireAsync(Role.Admin);
        if (role == Role.Owner && ws.Role < Role.Owner)
        {
            return await FailAsync(new HeraldProblem(403, "Forbidden", Localizer["Settings.OnlyOwner"]), "members", ct);
        }
        var user = await teams.FindUserAsync(email ?? "", ct);
        if (user is null)
        {
            return await FailAsync(new HeraldProblem(404, "No such user", Localizer["Settings.NoUser", email ?? ""]), "members", ct);
        }
        await teams.SetMemberAsync(ws.WorkspaceId, user.Id, role, ct);
        Flash = Localizer["Settings.MemberSaved", user.Email];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostWorkspaceAsync(string name, string timeZone, CancellationToken ct)
    {
        try
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new HeraldProblem(422, "Invalid workspace", Localizer["Settings.WorkspaceName"]);
            }
            var ws = await teams.CreateWorkspaceAsync(name, Workspace.UserId, TimeZones.Require(timeZone), ct);
            CurrentWorkspace.Remember(Response, ws.Id);
            Flash = Localizer["Settings.WorkspaceCreated", ws.Name];
            return RedirectToPage();
        }
        catch (HeraldProblem p)
        {
            return await FailAsync(p, "workspace", ct);
        }
    }

    public async Task<IActionResult> OnPostTokenAsync(string? name, CancellationToken ct)
    {
        var (_, secret) = await tokens.CreateAsync(Workspace.UserId, string.IsNullOrWhiteSpace(name) ? "API token" : name.Trim(), ct);
        NewToken = secret;
        return RedirectToPage(null, null, "tokens");
    }

    public async Task<IActionResult> OnPostRevokeAsync(string tokenId, CancellationToken ct)
    {
        var now = Now;
        await Db.ApiTokens.Where(t => t.Id == tokenId && t.UserId == Workspace.UserId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        Flash = Localizer["Settings.TokenRevoked"];
        return RedirectToPage(null, null, "tokens");
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
        Members = (await Db.Memberships.AsNoTracking().Where(m => m.WorkspaceId == Workspace.WorkspaceId)
                .Join(Db.Users, m => m.UserId, u => u.Id, (m, u) => new MemberLine(u.Id, u.Email, u.DisplayName, m.Role)).ToListAsync(ct))
            .OrderByDescending(m => m.Role).ThenBy(m => m.Email, StringComparer.Ordinal).ToList();
        Tokens = (await Db.ApiTokens.AsNoTracking().Where(t => t.UserId == Workspace.UserId && t.RevokedAt == null).ToListAsync(ct))
            .OrderByDescending(t => t.CreatedAt).ToList();
    }
}
