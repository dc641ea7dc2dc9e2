using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Herald.Tests.Infrastructure;

/// <summary>The endpoints of the fake Mastodon, each answering with a documentation example.</summary>
public sealed partial class FakeMastodon
{
    private void Map(WebApplication app)
    {
        app.Use(RecordAndInjectAsync);
        app.MapGet("/api/v1/accounts/verify_credentials", (HttpContext c) => Authorized(c) ?? Json(Account));
        app.MapGet("/api/v2/instance", () => HasInstanceV2 ? Json(InstanceV2) : Json(Fixture("methods_statuses__delete__404__13.json"), 404));
        app.MapGet("/api/v1/instance", () => Json(Fixture("methods_instance__v1__200__16.json")));
        app.MapPost("/api/v1/apps", (Delegate)(Func<HttpContext, Task<IResult>>)RegisterAppAsync);
        app.MapPost("/oauth/token", (Delegate)(Func<HttpContext, Task<IResult>>)ExchangeTokenAsync);
        app.MapPost("/api/v2/media", (Delegate)(Func<HttpContext, Task<IResult>>)UploadMediaAsync);
        app.MapGet("/api/v1/media/{id}", (HttpContext c, string id) => Authorized(c) ?? GetMedia(id));
        app.MapPost("/api/v1/statuses", (Delegate)(Func<HttpContext, Task<IResult>>)CreateStatusAsync);
        app.MapGet("/api/v1/accounts/{id}/statuses", (HttpContext c, string id) => id == PublicAccountId ? PublicAccountStatuses(c.Request.Query) : Authorized(c) ?? AccountStatuses(c, id));
        app.MapDelete("/api/v1/statuses/{id}", (HttpContext c, string id) => Authorized(c) ?? DeleteStatus(id));
        MapInbox(app);
        MapPublicAccount(app);
    }

    private IResult? Authorized(HttpContext context) =>
        context.Request.Headers.Authorization.ToString() == $"Bearer {AccessToken}"
            ? null
            : Json(Fixture("methods_accounts__verify_credentials__401__6.json"), 401);

    private static IResult Json(JsonNode body, int status = 200) => Results.Content(body.ToJsonString(), "application/json", null, status);

    private static IResult Error(int status, string error) => Json(new JsonObject { ["error"] = error }, status);

    private async Task<IResult> RegisterAppAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var app = Fixture("methods_apps__create__200__1.json");
        app["name"] = form["client_name"].ToString();
        app["website"] = form["website"].ToString() is { Length: > 0 } website ? website : null;
        app["scopes"] = new JsonArray([.. form["scopes"].ToString().Split(' ').Select(s => JsonValue.Create(s))]);
        app["redirect_uri"] = form["redirect_uris"].ToString();
        app["redirect_uris"] = new JsonArray(JsonValue.Create(form["redirect_uris"].ToString()));
        return Json(app);
    }

    private async Task<IResult> ExchangeTokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            return Json(Fixture("methods_oauth__token__401__4.json"), 401);
        }
        if (form["scope"].ToString() is { Length: > 0 } scope && scope != "read write")
        {
            return Json(Fixture("methods_oauth__token__400__3.json"), 400);
        }
        if (form["grant_type"] != "authorization_code" || form["code"] != AuthorizationCode)
        {
            // Doorkeeper's answer to a wrong code; the documentation has no example of it.
            return Json(new JsonObject
            {
                ["error"] = "invalid_grant",
                ["error_description"] = "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.",
            }, 400);
        }
        return Json(Fixture("methods_oauth__token__200__2.json"));
    }

    private async Task<IResult> UploadMediaAsync(HttpContext context)
    {
        if (Authorized(context) is { } denied)
        {
            return denied;
        }
        var form = await context.Request.ReadFormAsync();
        if (form.Files.GetFile("file") is not { Length: > 0 } file)
        {
            return Error(422, "Validation failed: File can't be blank");
        }
        var attachment = Fixture("methods_media__v2__202__2.json");
        var id = NextId();
        attachment["id"] = id;
        attachment["type"] = file.ContentType.StartsWith("video/", StringComparison.Ordinal) ? "video" : "image";
        attachment["description"] = form["description"].ToString() is { Length: > 0 } description ? description : null;
        lock (_gate)
        {
            _media[id] = (attachment, MediaProcessingPolls);
        }
        return Json(attachment, 202);
    }

    private IResult GetMedia(string id)
    {
        lock (_gate)
        {
            if (!_media.TryGetValue(id, out var media))
            {
                return Error(404, "Record not found");
            }
            if (media.PollsLeft > 0)
            {
                _media[id] = (media.Attachment, media.PollsLeft - 1);
                return Json(media.Attachment, 206);
            }
            var ready = Fixture("methods_media__get__200__6.json");
            ready["id"] = id;
            ready["type"] = media.Attachment["type"]!.DeepClone();
            ready["description"] = media.Attachment["description"]?.DeepClone();
            _media[id] = (ready, 0);
            return Json(ready);
        }
    }

    private async Task<IResult> CreateStatusAsync(HttpContext context)
    {
        if (Authorized(context) is { } denied)
        {
            return denied;
        }
        var body = await ReadParamsAsync(context.Request);
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        lock (_gate)
        {
            if (key.Length > 0 && _byIdempotencyKey.TryGetValue(key, out var earlier))
            {
                return Json(earlier);
            }
            var text = body["status"]?.GetValue<string>() ?? "";
            var mediaIds = body["media_ids"]?.AsArray().Select(m => m!.GetValue<string>()).ToList() ?? [];
            if (text.Length == 0 && mediaIds.Count == 0)
            {
                return Json(Fixture("methods_statuses__create__422__4.json"), 422);
            }
            var max = InstanceV2["configuration"]!["statuses"]!["max_characters"]!.GetValue<int>();
            if (Length(text) > max)
            {
                return Error(422, $"Validation failed: Text character limit of {max} exceeded");
            }
            if (mediaIds.Any(id => !_media.TryGetValue(id, out var m) || m.Attachment["url"] is null))
            {
                return Error(422, "Cannot attach files that have not finished processing. Try again in a moment!");
            }
            var replyTo = body["in_reply_to_id"]?.GetValue<string>();
            if (replyTo is not null && _statuses.All(s => s["id"]!.GetValue<string>() != replyTo) && !_otherStatuses.Contains(replyTo))
            {
                return Error(404, "Record not found");
            }
            var status = NewStatus(text, replyTo, body["language"]?.GetValue<string>(), [.. mediaIds.Select(id => _media[id].Attachment.DeepClone())]);
            _statuses.Add(status);
            if (key.Length > 0)
            {
                _byIdempotencyKey[key] = status;
            }
            return Json(status);
        }
    }

    private JsonObject NewStatus(string text, string? replyTo, string? language, JsonNode[] media)
    {
        var id = NextId();
        var status = Fixture("methods_statuses__get__200__5.json");
        status["id"] = id;
        status["created_at"] = Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        status["in_reply_to_id"] = replyTo;
        status["in_reply_to_account_id"] = replyTo is null ? null : AccountId;
        status["language"] = language;
        status["uri"] = $"{BaseUrl}/users/{Account["username"]}/statuses/{id}";
        status["url"] = $"{BaseUrl}/@{Account["username"]}/{id}";
        status["content"] = Render(text);
        status["account"] = Account.DeepClone();
        status["media_attachments"] = new JsonArray(media);
        return status;
    }

    private IResult AccountStatuses(HttpContext context, string id)
    {
        if (id != AccountId)
        {
            return Error(404, "Record not found");
        }
        var limit = int.TryParse(context.Request.Query["limit"], out var l) ? Math.Clamp(l, 1, 40) : 20;
        lock (_gate)
        {
            return Json(new JsonArray([.. Enumerable.Reverse(_statuses).Take(limit).Select(s => s.DeepClone())]));
        }
    }

    private IResult DeleteStatus(string id)
    {
        lock (_gate)
        {
            var status = _statuses.FirstOrDefault(s => s["id"]!.GetValue<string>() == id);
            if (status is null)
            {
                return Json(Fixture("methods_statuses__delete__404__13.json"), 404);
            }
            _statuses.Remove(status);
            return Json(status);
        }
    }

    /// <summary>Mastodon takes its parameters as JSON or as a form (media_ids[] repeated).</summary>
    private static async Task<JsonObject> ReadParamsAsync(HttpRequest request)
    {
        if (request.HasJsonContentType())
        {
            return (await JsonNode.ParseAsync(request.Body))!.AsObject();
        }
        var form = await request.ReadFormAsync();
        var result = new JsonObject();
        foreach (var (name, values) in form)
        {
            result[name.Replace("[]", "", StringComparison.Ordinal)] = name.EndsWith("[]", StringComparison.Ordinal)
                ? new JsonArray([.. values.Select(v => JsonValue.Create(v))])
                : values.ToString();
        }
        return result;
    }

    private string NextId() => Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);

    /// <summary>Mastodon's counting: a URL is 23 characters, a remote mention counts its local part.</summary>
    private static int Length(string text) =>
        new StringInfo(RemoteMention().Replace(Url().Replace(text, new string('x', 23)), "$1")).LengthInTextElements;

    /// <summary>Renders a status as Mastodon does: paragraphs, line breaks, shortened links, remote mentions showing @user only.</summary>
    private static string Render(string text)
    {
        var paragraphs = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n").Select(p =>
        {
            var html = WebUtility.HtmlEncode(p);
            html = Url().Replace(html, m =>
            {
                var url = m.Value;
                var scheme = url.StartsWith("https://", StringComparison.Ordinal) ? "https://" : "http://";
                var rest = url[scheme.Length..];
                var shown = rest.Length > 30 ? rest[..30] : rest;
                var hidden = rest[shown.Length..];
                var ellipsis = hidden.Length > 0 ? "ellipsis" : "";
                return $"<a href=\"{url}\" target=\"_blank\" rel=\"nofollow noopener\" translate=\"no\"><span class=\"invisible\">{scheme}</span><span class=\"{ellipsis}\">{shown}</span><span class=\"invisible\">{hidden}</span></a>";
            });
            html = RemoteMention().Replace(html, m =>
                $"<span class=\"h-card\" translate=\"no\"><a href=\"https://{m.Groups[2].Value}/@{m.Groups[1].Value[1..]}\" class=\"u-url mention\">@<span>{m.Groups[1].Value[1..]}</span></a></span>");
            return "<p>" + html.Replace("\n", "<br />", StringComparison.Ordinal) + "</p>";
        });
        return string.Concat(paragraphs);
    }

    [GeneratedRegex(@"https?://[^\s<]+")]
    private static partial Regex Url();

    [GeneratedRegex(@"(?<![\w@/])(@\w+)@([\w-]+(?:\.[\w-]+)+)")]
    private static partial Regex RemoteMention();
}
