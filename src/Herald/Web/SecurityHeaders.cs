namespace Herald.Web;

/// <summary>A strict Content-Security-Policy on every page (no inline script or style), and the usual hardening headers.</summary>
internal static class SecurityHeaders
{
    public const string Policy = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public static Task ApplyAsync(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        // The API reference at /api is a third-party page with its own scripts; it gets the hardening headers but not the page policy.
        if (!IsApiReference(context.Request.Path))
        {
            headers.ContentSecurityPolicy = Policy;
        }
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers.XFrameOptions = "DENY";
        return next();
    }

    private static bool IsApiReference(PathString path) =>
        path == "/api" || path == "/api/" || (path.StartsWithSegments("/api") && !path.StartsWithSegments("/api/v1")) || path.StartsWithSegments("/scalar");
}
