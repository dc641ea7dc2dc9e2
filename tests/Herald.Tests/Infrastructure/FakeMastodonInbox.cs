using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Herald.Tests.Infrastructure;

/// <summary>The fake Mastodon's notifications, direct-message conversations and favourites, built from the documentation's examples.</summary>
public sealed partial class FakeMastodon
{
    private readonly List<JsonObject> _notifications = [];
    private readonly List<JsonObject> _conversations = [];
    private readonly HashSet<string> _favourited = [];
    // Statuses by other people (mentions, messages) that the brand may reply to; the brand's own are in _statuses.
    private readonly HashSet<string> _otherStatuses = [];

    /// <summary>Statuses favourited through the API.</summary>
    public IReadOnlyCollection<string> Favourited
    {
        get
        {
            lock (_gate)
            {
                return [.. _favourited];
            }
        }
    }

    /// <summary>Someone mentions the account, replying to <paramref name="inReplyToId"/> when given (a reply to the brand's status); returns the status id.</summary>
    public string AddMention(string acct, string displayName, string html, string? inReplyToId = null, string? language = "en")
    {
        var example = Lenient("methods_notifications__get__200__1.json").AsArray()[0]!.AsObject();
        var status = Status(acct, displayName, html, language);
        status["in_reply_to_id"] = inReplyToId;
        status["in_reply_to_account_id"] = inReplyToId is null ? null : AccountId;
        example["status"] = status;
        return AddNotification(example, "mention", acct, displayName)["status"]!["id"]!.GetValue<string>();
    }

    /// <summary>Someone favourites, reblogs or follows.</summary>
    public void AddEngagement(string type, string acct, string? statusId = null)
    {
        var example = Lenient("methods_notifications__get__200__1.json").AsArray()[1]!.AsObject();
        example["status"] = statusId is null ? null : new JsonObject { ["id"] = statusId, ["account"] = Account.DeepClone() };
        AddNotification(example, type, acct, acct);
    }

    /// <summary>A direct message in a new conversation; returns the status id.</summary>
    public string AddDirectMessage(string acct, string displayName, string html)
    {
        var conversation = Lenient("methods_conversations__get__200__1.json").AsArray()[0]!.AsObject();
        var status = Status(acct, displayName, html, "en");
        status["visibility"] = "direct";
        conversation["id"] = NextId();
        conversation["accounts"] = new JsonArray(status["account"]!.DeepClone());
        conversation["last_status"] = status;
        lock (_gate)
        {
            _conversations.Insert(0, conversation);
        }
        return status["id"]!.GetValue<string>();
    }

    private JsonObject AddNotification(JsonObject example, string type, string acct, string displayName)
    {
        example["id"] = NextId();
        example["type"] = type;
        example["created_at"] = Time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        example["account"] = Person(acct, displayName);
        lock (_gate)
        {
            _notifications.Add(example);
        }
        return example;
    }

    private JsonObject Status(string acct, string displayName, string html, string? language)
    {
        var status = Fixture("methods_statuses__get__200__5.json");
        var id = NextId();
        status["id"] = id;
        status["created_at"] = Time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        status["content"] = html;
        status["language"] = language;
        status["account"] = Person(acct, displayName);
        status["url"] = $"{BaseUrl}/@{acct}/{id}";
        status["uri"] = $"{BaseUrl}/users/{acct}/statuses/{id}";
        lock (_gate)
        {
            _otherStatuses.Add(id);
        }
        return status;
    }

    private JsonObject Person(string acct, string displayName)
    {
        var person = Fixture("methods_accounts__verify_credentials__200__5.json");
        person["id"] = "9" + Math.Abs(StringComparer.Ordinal.GetHashCode(acct)).ToString(CultureInfo.InvariantCulture);
        person["username"] = acct.Split('@')[0];
        person["acct"] = acct;
        person["display_name"] = displayName;
        person["avatar"] = $"{BaseUrl}/avatars/{acct.Split('@')[0]}.png";
        return person;
    }

    private void MapInbox(WebApplication app)
    {
        app.MapGet("/api/v1/notifications", (HttpContext c) => Authorized(c) ?? Notifications(c.Request.Query));
        app.MapGet("/api/v1/conversations", (HttpContext c) => Authorized(c) ?? Conversations(c.Request.Query));
        app.MapPost("/api/v1/statuses/{id}/favourite", (HttpContext c, string id) => Authorized(c) ?? Favourite(id));
    }

    /// <summary>Newest first. min_id: the page immediately newer than it; since_id/max_id: bounds; types[]: a filter.</summary>
    private IResult Notifications(IQueryCollection query)
    {
        var limit = int.TryParse(query["limit"], out var l) ? Math.Clamp(l, 1, 80) : 40;
        var types = query["types[]"].Select(t => t!).ToHashSet();
        List<JsonObject> all;
        lock (_gate)
        {
            all = [.. _notifications.Where(n => types.Count == 0 || types.Contains(n["type"]!.GetValue<string>()))];
        }
        static long Id(JsonObject n) => long.Parse(n["id"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        IEnumerable<JsonObject> page;
        if (long.TryParse(query["min_id"], out var min))
        {
            page = all.Where(n => Id(n) > min).OrderBy(Id).Take(limit).OrderByDescending(Id);
        }
        else
        {
            var since = long.TryParse(query["since_id"], out var s) ? s : long.MinValue;
            var max = long.TryParse(query["max_id"], out var m) ? m : long.MaxValue;
            page = all.Where(n => Id(n) > since && Id(n) < max).OrderByDescending(Id).Take(limit);
        }
        return Json(new JsonArray([.. page.Select(n => n.DeepClone())]));
    }

    private IResult Conversations(IQueryCollection query)
    {
        var limit = int.TryParse(query["limit"], out var l) ? Math.Clamp(l, 1, 40) : 20;
        lock (_gate)
        {
            return Json(new JsonArray([.. _conversations.Take(limit).Select(c => c.DeepClone())]));
        }
    }

    private IResult Favourite(string id)
    {
        var status = Lenient("methods_statuses__favourite__200__28.json").AsObject();
        status["id"] = id;
        status["favourited"] = true;
        lock (_gate)
        {
            _favourited.Add(id);
        }
        return Json(status);
    }

    /// <summary>The documentation abbreviates these examples with // comments and trailing commas.</summary>
    internal static JsonNode Lenient(string name) => JsonNode.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "mastodon", name)),
        documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
}
