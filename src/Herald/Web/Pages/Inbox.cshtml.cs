using Herald.Data;
using Herald.Inbox;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Web.Pages;

/// <summary>The unified inbox: filters, the list, bulk actions.</summary>
public sealed class InboxModel(InboxQueries queries, InboxCommands commands) : HeraldPageModel
{
    [BindProperty(SupportsGet = true)]
    public InboxFilter Filter { get; set; } = new();

    public InboxPageDto List { get; private set; } = new([], 0, null);

    public async Task OnGetAsync(CancellationToken ct) => List = await queries.ListAsync(Workspace, Filter, ct);

    public async Task<IActionResult> OnPostBulkAsync(List<string> ids, string action, string? tag, CancellationToken ct)
    {
        if (ids.Count > 0)
        {
            var assignee = action == "assign" ? Workspace.UserId : null;
            await commands.BulkAsync(Workspace, new InboxBulkRequest(ids, action, assignee, tag), ct);
        }
        return RedirectToPage();
    }
}
