using Microsoft.AspNetCore.Authentication.Cookies;

namespace Herald.Web;

/// <summary>The workspace a signed-in person chose in the switcher, kept in a cookie and handed to <see cref="Teams.WorkspaceAccess"/>.</summary>
public static class CurrentWorkspace
{
    public const string CookieName = "herald.ws";

    public static Task ApplyAsync(HttpContext context, Func<Task> next)
    {
        if (context.User.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme
            && context.Request.Cookies[CookieName] is { Length: > 0 } id)
        {
            context.Items[Teams.WorkspaceAccess.ItemKey] = id;
        }
        return next();
    }

    public static void Remember(HttpResponse response, string workspaceId) =>
        response.Cookies.Append(CookieName, workspaceId, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(365),
        });
}
