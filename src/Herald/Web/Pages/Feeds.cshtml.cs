using System.Net;
using System.Text.RegularExpressions;
using Herald.Curation;
using Herald.Curation.Reading;
using Herald.Curation.Subscriptions;
using Herald.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages;

/// <summary>The feed reader: subscriptions with unread counts and errors, their items; read, save for later, share.</summary>
public sealed partial class FeedsModel(SubscriptionService subscriptions, ReadingListService readingList, TimeProvider time,
    Microsoft.Extensions.Localization.IStringLocalizer<Resources.Curation> C) : HeraldPageModel
{
    public List<SubscriptionDto> Subscriptions { get; private set; } = [];
    public List<FeedEntry> Items { get; private set; } = [];
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true, Name = "s")]
    public string? SubscriptionId { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Unread { get; set; }

    [BindProperty]
    public string? FeedUrl { get; set; }

    [BindProperty]
    public string? Folder { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostSubscribeAsync(CancellationToken ct)
    {
        var ws = await RequireAsync(Role.Editor);
        try
        {
            var s = await subscriptions.SubscribeAsync(ws.WorkspaceId, ws.UserId, FeedUrl ?? "", Folder, ct);
            Flash = C["Feeds.Subscribed", s.Title ?? s.Url];
            return RedirectToPage(new { s = s.Id });
        }
        catch (HeraldProblem p) when (p.Status is 409 or 422)
        {
            Error = p.Detail;
            await LoadAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostReadAsync(string itemId, bool read, CancellationToken ct)
    {
        var ws = await RequireAsync(Role.Contributor);
        var item = await Db.Set<FeedEntry>().FirstOrDefaultAsync(e => e.Id == itemId && e.WorkspaceId == ws.WorkspaceId, ct);
        if (item is not null)
        {
            item.ReadAt = read ? item.ReadAt ?? time.GetUtcNow() : null;
            await Db.SaveChangesAsync(ct);
        }
        return RedirectToPage(new { s = SubscriptionId, unread = Unread });
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var ws = await RequireAsync(Role.Contributor);
        var now = time.GetUtcNow();
        await Db.Set<FeedEntry>().Where(e => e.WorkspaceId == ws.WorkspaceId && e.ReadAt == null && (SubscriptionId == null || e.SubscriptionId == SubscriptionId))
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.ReadAt, now), ct);
        return RedirectToPage(new { s = SubscriptionId, unread = Unread });
    }

    public async Task<IActionResult> OnPostSaveAsync(string itemId, CancellationToken ct)
    {
        var ws = await RequireAsync(Role.Contributor);
        await readingList.SaveAsync(ws.WorkspaceId, ws.UserId, null, itemId, ct);
        Flash = C["Feeds.Saved"];
        return RedirectToPage(new { s = SubscriptionId, unread = Unread });
    }

    public async Task<IActionResult> OnPostRefreshAsync(string subscriptionId, CancellationToken ct)
    {
        var ws = await RequireAsync(Role.Editor);
        var s = await Db.Set<FeedSubscription>().FirstOrDefaultAsync(x => x.Id == subscriptionId && x.WorkspaceId == ws.WorkspaceId, ct);
        if (s is not null)
        {
            await subscriptions.PollAsync(s, ct);
        }
        return RedirectToPage(new { s = subscriptionId });
    }

    public async Task<IActionResult> OnPostUnsubscribeAsync(string subscriptionId, CancellationToken ct)
    {
        var ws = await RequireAsync(Role.Editor);
        await Db.Set<FeedEntry>().Where(e => e.SubscriptionId == subscriptionId && e.WorkspaceId == ws.WorkspaceId).ExecuteDeleteAsync(ct);
        await Db.Set<FeedSubscription>().Where(x => x.Id == subscriptionId && x.WorkspaceId == ws.WorkspaceId).ExecuteDeleteAsync(ct);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Subscriptions = await CurationQueries.SubscriptionsAsync(Db, Workspace.WorkspaceId, ct);
        Items = await CurationQueries.ItemsAsync(Db, Workspace.WorkspaceId, SubscriptionId, Unread, 100, ct);
    }

    public string? SubscriptionTitle(string id) => Subscriptions.FirstOrDefault(s => s.Id == id)?.Title;

    /// <summary>A feed's HTML summary as a short plain text: feed content is untrusted and is never rendered as markup.</summary>
    public static string PlainText(string? html, int max = 280)
    {
        if (string.IsNullOrEmpty(html))
        {
            return "";
        }
        var text = Space().Replace(WebUtility.HtmlDecode(Tag().Replace(Script().Replace(html, " "), " ")), " ").Trim();
        return text.Length <= max ? text : text[..max].TrimEnd() + "…";
    }

    [GeneratedRegex(@"<(script|style)\b.*?</\1>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Script();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
