using Herald.Data;
using Herald.Inbox;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Web.Pages;

/// <summary>The unified inbox: filters, the list, bulk actions.</summary>
public sealed class InboxModel(InboxQueries queries, InboxCommands commands) : HeraldPageModel
{
    [BindProperty(SupportsGet = true)]
    public InboxFilter Filter { get; set; } = new();

    public InboxPageDto List { get; private set; } = new([], 0, null);

    public async Task OnGetAsync(CancellationToken ct) => List = await queries.ListAsync(Workspace, Filter, ct);

    /// <summary>This list's address with its filters, on the page before <paramref name="before"/> (the newest page when null).</summary>
    public string ListUrl(string? before)
    {
        var query = Request.Query.Where(q => q.Key is not ("before" or "handler"))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Concat(before is null ? [] : [new KeyValuePair<string, string?>("before", before)]);
        return "/inbox" + QueryString.Create(query).ToUriComponent();
    }

    /// <summary>Runs a bulk action and comes back to the same filtered page (the form posts to it with its query string).</summary>
    public async Task<IActionResult> OnPostBulkAsync(List<string> ids, string action, string? tag, CancellationToken ct)
    {
        if (ids.Count > 0)
        {
            var assignee = action == "assign" ? Workspace.UserId : null;
            try
            {
                await commands.BulkAsync(Workspace, new InboxBulkRequest(ids, action, assignee, tag), ct);
            }
            catch (HeraldProblem p) when (p.Status is 403 or 422)
            {
                Flash = p.Detail;
            }
        }
        return LocalRedirect(ListUrl(Filter.Before));
    }
}
