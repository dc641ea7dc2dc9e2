using Herald.Data;
using Herald.Teams;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Herald.Web.Pages;

/// <summary>Sign-in with e-mail and password; sends to first-run setup while nobody exists.</summary>
public sealed class SignInModel(HeraldDb db, TeamService teams, IStringLocalizer<Resources.Strings> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(ct))
        {
            return RedirectToPage("/Setup");
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await teams.FindUserAsync(Email, ct);
        if (user is null || string.IsNullOrEmpty(Password) || !Passwords.Verify(user.PasswordHash, Password))
        {
            Error = l["SignIn.Wrong"];
            Response.StatusCode = 401;
            return Page();
        }
        await WebAuth.SignInAsync(HttpContext, user);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
