using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Herald.Tests.Infrastructure;

/// <summary>
/// Another account on the fake instance, read without credentials as anyone may (a competitor): lookup, the account and
/// its statuses, newest first in small pages by max_id so that paging is exercised.
/// </summary>
public sealed partial class FakeMastodon
{
    private readonly List<JsonObject> _publicStatuses = [];

    /// <summary>The account (the documentation's noiob@awoo.space, 553 followers).</summary>
    public JsonObject PublicAccount { get; } = Fixture("methods_accounts__get__200__17.json");

    public string PublicAccountId => PublicAccount["id"]!.GetValue<string>();

    /// <summary>The public account's statuses, newest first; a test may change their counts.</summary>
    public IReadOnlyList<JsonObject> PublicStatuses
    {
        get
        {
            lock (_gate)
            {
                return [.. _publicStatuses];
            }
        }
    }

    /// <summary>A status shaped like the documentation's example, by the public account, with these counts.</summary>
    public JsonObject AddPublicStatus(string id, DateTimeOffset at, int favourites, int reblogs, int replies, bool reblog = false)
    {
        var s = Fixture("methods_statuses__get__200__5.json");
        s["id"] = id;
        s["created_at"] = at.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        s["url"] = $"https://awoo.space/@noiob/{id}";
        s["content"] = $"<p>Status {id}</p>";
        s["account"] = PublicAccount.DeepClone();
        s["favourites_count"] = favourites;
        s["reblogs_count"] = reblogs;
        s["replies_count"] = replies;
        s["reblog"] = reblog ? Fixture("methods_statuses__get__200__5.json") : null;
        lock (_gate)
        {
            _publicStatuses.Add(s);
            _publicStatuses.Sort((a, b) => long.Parse((string)b["id"]!, CultureInfo.InvariantCulture).CompareTo(long.Parse((string)a["id"]!, CultureInfo.InvariantCulture)));
        }
        return s;
    }

    private void MapPublicAccount(WebApplication app)
    {
        app.MapGet("/api/v1/accounts/lookup", (string acct) =>
            acct.TrimStart('@') is "noiob" or "noiob@awoo.space" ? Json(PublicAccount) : Json(Fixture("methods_accounts__lookup__404__98.json"), 404));
        app.MapGet("/api/v1/accounts/{id}", (string id) =>
            id == PublicAccountId ? Json(PublicAccount) : Json(Fixture("methods_accounts__lookup__404__98.json"), 404));
    }

    private IResult PublicAccountStatuses(IQueryCollection query)
    {
        var maxId = long.TryParse(query["max_id"], CultureInfo.InvariantCulture, out var m) ? m : (long?)null;
        var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) ? l : 20;
        lock (_gate)
        {
            return Json(new JsonArray([.. _publicStatuses
                .Where(s => maxId is null || long.Parse((string)s["id"]!, CultureInfo.InvariantCulture) < maxId)
                .Where(s => query["exclude_reblogs"] != "true" || s["reblog"] is null)
                .Take(Math.Min(limit, 2)) // small pages, so paging is exercised
                .Select(s => s.DeepClone())]));
        }
    }
}
