using Herald.Data;
using Herald.Teams;
using Microsoft.EntityFrameworkCore;

namespace Herald.Inbox;

/// <summary>A saved reply as the API takes it.</summary>
public sealed record SavedReplyRequest(string? Name, string? Text, string? Language);

/// <summary>Saved replies of a workspace, and how their variables are filled in.</summary>
public sealed class SavedReplies(HeraldDb db, TimeProvider time)
{
    public Task<List<SavedReply>> ListAsync(WorkspaceContext ws, CancellationToken ct) =>
        db.Set<SavedReply>().AsNoTracking().Where(s => s.WorkspaceId == ws.WorkspaceId).OrderBy(s => s.Language).ThenBy(s => s.Name).ToListAsync(ct);

    public async Task<SavedReply> CreateAsync(WorkspaceContext ws, SavedReplyRequest request, CancellationToken ct)
    {
        InboxReplies.RequireRole(ws, Role.Editor, "Managing saved replies");
        if (string.IsNullOrWhiteSpace(request.Name) || string.IsNullOrWhiteSpace(request.Text))
        {
            throw new HeraldProblem(422, "Invalid saved reply", "A saved reply needs a name and a text.");
        }
        var language = request.Language?.ToLowerInvariant() is "fr" ? "fr" : "en";
        var saved = new SavedReply { WorkspaceId = ws.WorkspaceId, Name = request.Name.Trim(), Text = request.Text.Trim(), Language = language, CreatedAt = time.GetUtcNow() };
        db.Add(saved);
        await db.SaveChangesAsync(ct);
        return saved;
    }

    public async Task DeleteAsync(WorkspaceContext ws, string id, CancellationToken ct)
    {
        InboxReplies.RequireRole(ws, Role.Editor, "Managing saved replies");
        var deleted = await db.Set<SavedReply>().Where(s => s.Id == id && s.WorkspaceId == ws.WorkspaceId).ExecuteDeleteAsync(ct);
        if (deleted == 0)
        {
            throw new HeraldProblem(404, "Not found", $"No saved reply {id} in this workspace.");
        }
    }

    /// <summary>{name} is the person's display name (else their handle), {handle} their @handle.</summary>
    public static string Render(string template, InboxItem item) => template
        .Replace("{name}", string.IsNullOrWhiteSpace(item.AuthorName) ? item.AuthorHandle : item.AuthorName, StringComparison.Ordinal)
        .Replace("{handle}", "@" + item.AuthorHandle, StringComparison.Ordinal);
}
