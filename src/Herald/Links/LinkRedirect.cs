using Herald.Data;

namespace Herald.Links;

/// <summary>
/// The public short-link surface, as middleware ahead of everything else: /l/{code} (302 to the target with the click id),
/// /l/p.gif (the conversion pixel) and POST /l/convert. No authentication, antiforgery, session or page work on this path.
/// </summary>
internal sealed class LinkRedirect(LinkDirectory links, ClickRecorder clicks, Conversions conversions, TimeProvider time)
{
    public const string ClickCookie = "hc";
    private static readonly byte[] Gif = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    // The Set-Cookie value around the click id, built once: the same as Cookies.Append with these options.
    private static readonly string CookieAttributes = "; max-age=" + (int)TimeSpan.FromDays(30).TotalSeconds + "; path=/l; samesite=lax; httponly";

    /// <summary>The middleware, over the app's singletons: resolving them per request would create a DI scope per redirect.</summary>
    public static Func<RequestDelegate, RequestDelegate> Middleware(IServiceProvider services)
    {
        var handler = new LinkRedirect(services.GetRequiredService<LinkDirectory>(), services.GetRequiredService<ClickRecorder>(),
            services.GetRequiredService<Conversions>(), services.GetRequiredService<TimeProvider>());
        return next => context => handler.HandleAsync(context, next);
    }

    public async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value;
        if (path is null || !path.StartsWith("/l/", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }
        var rest = path.AsSpan(3);
        if (rest.SequenceEqual("p.gif"))
        {
            await PixelAsync(context);
            return;
        }
        if (rest.SequenceEqual("convert") && HttpMethods.IsPost(context.Request.Method))
        {
            await ConvertAsync(context);
            return;
        }
        if (!ShortCodes.LooksValid(rest) || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            await next(context);
            return;
        }
        await RedirectAsync(context, rest.ToString());
    }

    private async Task RedirectAsync(HttpContext context, string code)
    {
        var link = await links.FindAsync(code, context.RequestAborted);
        var response = context.Response;
        if (link is null)
        {
            response.StatusCode = 404;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync("No such link.");
            return;
        }
        var request = context.Request;
        var headers = request.Headers;
        var userAgent = headers.UserAgent.ToString();
        var reason = BotFilter.Reason(request.Method, userAgent, headers["Purpose"], headers["Sec-Purpose"], headers["X-Purpose"]);
        var clickId = Ids.New();
        var now = time.GetUtcNow();
        await clicks.RecordAsync(
            new ClickEvent(clickId, link.Id, now, context.Connection.RemoteIpAddress?.ToString(), userAgent, reason));

        var location = link.TargetUrl;
        if (reason is null)
        {
            // The click id travels to the target site (?hc=) and stays in a cookie here, so a conversion can name its click.
            location = link.WithClickId(clickId);
            // HttpOnly, SameSite=Lax, 30 days, path /l, Secure over HTTPS.
            response.Headers.SetCookie = string.Concat(ClickCookie + "=", clickId, CookieAttributes, request.IsHttps ? "; secure" : "");
        }
        response.StatusCode = 302;
        response.Headers.Location = location;
        // Never cached: a cached redirect would hide the next clicks.
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer-when-downgrade";
    }

    private async Task PixelAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var clickId = FirstOf(query["hc"], context.Request.Cookies[ClickCookie]);
        if (clickId is not null)
        {
            await conversions.RecordAsync(clickId, query["goal"], ParseValue(query["value"]), context.RequestAborted);
        }
        context.Response.ContentType = "image/gif";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.Body.WriteAsync(Gif);
    }

    private async Task ConvertAsync(HttpContext context)
    {
        var request = context.Request;
        string? clickId = request.Query["hc"];
        string? goal = request.Query["goal"];
        string? value = request.Query["value"];
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(context.RequestAborted);
            clickId ??= form["hc"];
            goal ??= form["goal"];
            value ??= form["value"];
        }
        else if (request.HasJsonContentType())
        {
            var body = await request.ReadFromJsonAsync<ConversionBody>(context.RequestAborted);
            clickId ??= body?.Hc ?? body?.ClickId;
            goal ??= body?.Goal;
            value ??= body?.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        clickId = FirstOf(clickId, request.Cookies[ClickCookie]);
        var conversion = clickId is null ? null
            : await conversions.RecordAsync(clickId, goal, ParseValue(value), context.RequestAborted);
        if (conversion is null)
        {
            await Results.Problem(statusCode: 404, title: "Unknown click", detail: "No click with this id (hc); conversions need the id the short link passed on.")
                .ExecuteAsync(context);
            return;
        }
        await Results.Json(conversion, statusCode: 201).ExecuteAsync(context);
    }

    private static string? FirstOf(string? a, string? b) => !string.IsNullOrEmpty(a) ? a : !string.IsNullOrEmpty(b) ? b : null;

    private static double? ParseValue(string? value) =>
        double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;

    private sealed record ConversionBody(string? Hc, string? ClickId, string? Goal, double? Value);
}
