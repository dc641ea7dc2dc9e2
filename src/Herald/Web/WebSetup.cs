using Herald.Teams;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.FileProviders;

namespace Herald.Web;

/// <summary>The web application for people: Razor Pages, cookie sign-in, English and French, a strict Content-Security-Policy.</summary>
public static class WebSetup
{
    public static readonly string[] Cultures = ["en", "fr"];

    /// <summary>Cookie sign-in beside the API's bearer tokens, Razor Pages, localization and antiforgery.</summary>
    public static IServiceCollection AddHeraldWeb(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = WebAuth.PolicyScheme;
                o.DefaultChallengeScheme = WebAuth.PolicyScheme;
            })
            .AddPolicyScheme(WebAuth.PolicyScheme, "Bearer token or cookie", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? TokenAuthentication.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(WebAuth.Configure);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "herald.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.HeaderName = "RequestVerificationToken";
        });
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture("en").AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
            o.ApplyCurrentCultureToResponseHeaders = true;
            // The user's saved language wins over the browser's; the browser's is the default.
            o.RequestCultureProviders.Insert(0, new CustomRequestCultureProvider(ctx =>
                Task.FromResult(WebAuth.Culture(ctx.User) is { } c ? new ProviderCultureResult(c) : null)));
        });
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Web/Pages";
                o.Conventions.AuthorizeFolder("/");
                o.Conventions.AllowAnonymousToPage("/SignIn");
                o.Conventions.AllowAnonymousToPage("/Setup");
            })
            .AddViewLocalization()
            // Herald's pages live in Herald.dll, which is not always the entry assembly (tests, benchmarks host it too).
            .ConfigureApplicationPartManager(parts =>
            {
                var assembly = typeof(WebSetup).Assembly;
                if (!parts.ApplicationParts.Any(p => p.Name == assembly.GetName().Name))
                {
                    foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                    {
                        parts.ApplicationParts.Add(part);
                    }
                }
            });
        return services;
    }

    /// <summary>Security headers, static files, the workspace chosen in the switcher, the user's language, and the pages.</summary>
    public static WebApplication MapHeraldWeb(this WebApplication app)
    {
        app.Use(SecurityHeaders.ApplyAsync);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "Web", "wwwroot")),
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "public, max-age=300",
        });
        app.Use(CurrentWorkspace.ApplyAsync);
        app.UseRequestLocalization();
        app.MapRazorPages();
        return app;
    }
}
