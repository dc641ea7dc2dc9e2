using System.Security.Claims;
using Herald.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Herald.Web;

/// <summary>Cookie sign-in for the pages: HttpOnly, SameSite=Lax, Secure over HTTPS; API paths answer 401/403 instead of redirecting.</summary>
public static class WebAuth
{
    public const string PolicyScheme = "HeraldAuth";
    public const string CultureClaim = "herald:culture";
    public const string TimeZoneClaim = "herald:tz";

    public static void Configure(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = "herald.auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.LoginPath = "/signin";
        o.LogoutPath = "/signout";
        o.AccessDeniedPath = "/signin";
        o.ExpireTimeSpan = TimeSpan.FromDays(14);
        o.SlidingExpiration = true;
        o.Events.OnRedirectToLogin = ctx => ApiOr(ctx, 401);
        o.Events.OnRedirectToAccessDenied = ctx => ApiOr(ctx, 403);
    }

    private static Task ApiOr(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/openapi"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Signs the user in (or refreshes the cookie after a profile change) with their language and time zone as claims.</summary>
    public static Task SignInAsync(HttpContext http, User user)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Email, user.Email),
            new(TimeZoneClaim, user.TimeZone),
        };
        if (WebSetup.Cultures.Contains(user.Culture))
        {
            claims.Add(new Claim(CultureClaim, user.Culture));
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
        return http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, new AuthenticationProperties { IsPersistent = true });
    }

    public static string? Culture(ClaimsPrincipal user) =>
        user.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme ? user.FindFirstValue(CultureClaim) : null;
}
