using Herald.Data;
using Herald.Teams;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages;

/// <summary>First-run setup: creates the first administrator, only while the database has no user at all.</summary>
public sealed class SetupModel(HeraldDb db, TeamService teams) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await db.Users.AnyAsync(ct) ? RedirectToPage("/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await db.Users.AnyAsync(ct))
        {
            return RedirectToPage("/SignIn");
        }
        try
        {
            var user = await teams.AddUserAsync(Email ?? "", Password ?? "", admin: true, ct);
            await WebAuth.SignInAsync(HttpContext, user);
            return LocalRedirect("/");
        }
        catch (HeraldProblem p)
        {
            Error = p.Detail;
            return Page();
        }
    }
}
