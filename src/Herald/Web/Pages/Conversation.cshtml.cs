using Herald.Data;
using Herald.Inbox;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages;

/// <summary>One conversation: the brand's post, the thread, the reply box with saved replies, notes, status, assignment, tags.</summary>
public sealed class ConversationModel(InboxQueries queries, InboxCommands commands, InboxReplies replies, SavedReplies saved) : HeraldPageModel
{
    public ConversationDto Conversation { get; private set; } = null!;
    public InboxItemDto Item { get; private set; } = null!;
    public IReadOnlyList<SavedReply> SavedReplies { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name)> Members { get; private set; } = [];
    public string? Error { get; private set; }

    /// <summary>A refused reply's text and saved reply, put back in the form so nothing has to be typed again.</summary>
    public string? DraftText { get; private set; }
    public string? DraftSavedReplyId { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (FollowTo(await Db.Set<InboxItem>().Where(i => i.Id == id).Select(i => i.WorkspaceId).FirstOrDefaultAsync(ct)) is { } elsewhere)
        {
            return elsewhere;
        }
        await LoadAsync(id, ct);
        // Everything the page shows has been seen: the whole thread counts as read, not only the item clicked.
        await commands.MarkReadAsync(Workspace, [.. Conversation.Items.Select(i => i.Id).Append(id).Distinct()], read: true, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReplyAsync(string id, string? text, string? savedReplyId, CancellationToken ct)
    {
        try
        {
            await replies.ReplyAsync(Workspace, id, new ReplyRequest(text, savedReplyId), ct);
            return Redirect($"/inbox/{Uri.EscapeDataString(id)}");
        }
        catch (HeraldProblem p) when (p.Status == 422)
        {
            Error = p.Detail;
            (DraftText, DraftSavedReplyId) = (text, savedReplyId);
            await LoadAsync(id, ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostTriageAsync(string id, string status, string? assigneeId, string? priority, string? tags, CancellationToken ct)
    {
        var current = await queries.GetAsync(Workspace, id, ct);
        // The form holds the whole list: what it lost is removed, the rest added (a tag kept in the list stays).
        var wanted = (tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(InboxTags.Normalize).Where(t => t.Length > 0).ToList();
        var dropped = InboxTags.Split(current.Tags).Except(wanted, StringComparer.Ordinal).ToList();
        await commands.UpdateAsync(Workspace, id, new InboxItemPatch(status, assigneeId ?? "", priority, wanted, dropped), ct);
        // Status applies to the whole conversation: closing it closes every item under the post.
        var ids = await Db.Set<InboxItem>().Where(i => i.WorkspaceId == Workspace.WorkspaceId && i.AccountId == current.AccountId && i.ConversationKey == current.ConversationKey)
            .Select(i => i.Id).ToListAsync(ct);
        var action = status switch { "closed" => "close", "pending" => "pending", _ => "open" };
        await commands.BulkAsync(Workspace, new InboxBulkRequest(ids, action), ct);
        return Redirect($"/inbox/{Uri.EscapeDataString(id)}");
    }

    public async Task<IActionResult> OnPostNoteAsync(string id, string? note, CancellationToken ct)
    {
        await commands.AddNoteAsync(Workspace, id, note, ct);
        return Redirect($"/inbox/{Uri.EscapeDataString(id)}");
    }

    private async Task LoadAsync(string id, CancellationToken ct)
    {
        Conversation = await queries.ConversationAsync(Workspace, id, ct);
        Item = Conversation.Items.FirstOrDefault(i => i.Id == id) ?? await queries.GetDtoAsync(Workspace, id, ct);
        SavedReplies = await saved.ListAsync(Workspace, ct);
        Members = (await Db.Memberships.AsNoTracking().Where(m => m.WorkspaceId == Workspace.WorkspaceId)
                .Join(Db.Users.AsNoTracking(), m => m.UserId, u => u.Id, (m, u) => new { u.Id, Name = u.DisplayName ?? u.Email })
                .ToListAsync(ct))
            .Select(m => (m.Id, m.Name)).ToList();
    }
}
