using Herald.Data;
using Herald.Teams;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Herald.Inbox;

/// <summary>/api/v1/inbox: the list, conversations, triage, replies, likes, notes, saved replies, settings, sync.</summary>
public static class InboxEndpoints
{
    public static IEndpointRouteBuilder MapInboxEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/inbox").RequireAuthorization().WithTags("Inbox");

        api.MapGet("", async ([AsParameters] InboxFilter filter, WorkspaceAccess access, InboxQueries queries, CancellationToken ct) =>
            await queries.ListAsync(await access.RequireAsync(Role.Viewer, null, ct), filter, ct));

        api.MapGet("/unread", async (WorkspaceAccess access, InboxQueries queries, CancellationToken ct) =>
            Results.Ok(new { unread = await queries.UnreadAsync(await access.RequireAsync(Role.Viewer, null, ct), ct) }));

        api.MapGet("/items/{id}", async (string id, HeraldDb db, WorkspaceAccess access, InboxQueries queries, CancellationToken ct) =>
            await queries.GetDtoAsync(await ForItemAsync(id, db, access, ct), id, ct));

        api.MapGet("/items/{id}/conversation", async (string id, HeraldDb db, WorkspaceAccess access, InboxQueries queries, CancellationToken ct) =>
            await queries.ConversationAsync(await ForItemAsync(id, db, access, ct), id, ct));

        api.MapPatch("/items/{id}", async (string id, InboxItemPatch body, HeraldDb db, WorkspaceAccess access, InboxCommands commands, InboxQueries queries, CancellationToken ct) =>
        {
            var ws = await ForItemAsync(id, db, access, ct);
            await commands.UpdateAsync(ws, id, body, ct);
            return await queries.GetDtoAsync(ws, id, ct);
        });

        api.MapPost("/items/{id}/read", async (string id, HeraldDb db, WorkspaceAccess access, InboxCommands commands, CancellationToken ct) =>
        {
            await commands.MarkReadAsync(await ForItemAsync(id, db, access, ct), [id], read: true, ct);
            return Results.NoContent();
        });

        api.MapPost("/items/{id}/reply", async (string id, ReplyRequest body, HeraldDb db, WorkspaceAccess access, InboxReplies replies, CancellationToken ct) =>
        {
            var reply = await replies.ReplyAsync(await ForItemAsync(id, db, access, ct), id, body, ct);
            return Results.Created($"/api/v1/posts/{reply.PostId}", new { reply.Id, reply.PostId, reply.DeliveryId, reply.Text });
        });

        api.MapPost("/items/{id}/like", async (string id, HeraldDb db, WorkspaceAccess access, InboxCommands commands, InboxQueries queries, CancellationToken ct) =>
        {
            var ws = await ForItemAsync(id, db, access, ct);
            await commands.LikeAsync(ws, id, ct);
            return await queries.GetDtoAsync(ws, id, ct);
        });

        api.MapPost("/items/{id}/hide", async (string id, HeraldDb db, WorkspaceAccess access, InboxCommands commands, CancellationToken ct) =>
            Results.Ok(new { hidden = await commands.BulkAsync(await ForItemAsync(id, db, access, ct), new InboxBulkRequest([id], "hide"), ct) }));

        api.MapPost("/items/{id}/notes", async (string id, NoteRequest body, HeraldDb db, WorkspaceAccess access, InboxCommands commands, CancellationToken ct) =>
        {
            var note = await commands.AddNoteAsync(await ForItemAsync(id, db, access, ct), id, body.Text, ct);
            return Results.Created($"/api/v1/inbox/items/{id}/conversation", new InboxNoteDto(note.Id, note.UserId, note.Text, note.CreatedAt));
        });

        api.MapPost("/bulk", async (InboxBulkRequest body, WorkspaceAccess access, InboxCommands commands, CancellationToken ct) =>
            Results.Ok(new { updated = await commands.BulkAsync(await access.RequireAsync(Role.Viewer, null, ct), body, ct) }));

        api.MapGet("/saved-replies", async (WorkspaceAccess access, SavedReplies saved, CancellationToken ct) =>
            await saved.ListAsync(await access.RequireAsync(Role.Viewer, null, ct), ct));

        api.MapPost("/saved-replies", async (SavedReplyRequest body, WorkspaceAccess access, SavedReplies saved, CancellationToken ct) =>
        {
            var created = await saved.CreateAsync(await access.RequireAsync(Role.Viewer, null, ct), body, ct);
            return Results.Created($"/api/v1/inbox/saved-replies/{created.Id}", created);
        });

        api.MapDelete("/saved-replies/{id}", async (string id, WorkspaceAccess access, SavedReplies saved, CancellationToken ct) =>
        {
            await saved.DeleteAsync(await access.RequireAsync(Role.Viewer, null, ct), id, ct);
            return Results.NoContent();
        });

        api.MapGet("/settings", async (WorkspaceAccess access, InboxQueries queries, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Viewer, null, ct);
            return Results.Ok(new { responseTargetMinutes = (int)(await queries.ResponseTargetAsync(ws.WorkspaceId, ct)).TotalMinutes });
        });

        api.MapPut("/settings", async (InboxSettingsRequest body, WorkspaceAccess access, InboxCommands commands, CancellationToken ct) =>
        {
            var saved = await commands.SaveSettingsAsync(await access.RequireAsync(Role.Viewer, null, ct), body, ct);
            return Results.Ok(new { responseTargetMinutes = saved.ResponseTargetMinutes });
        });

        // Reads every account of the workspace now, instead of waiting for the next poll.
        api.MapPost("/sync", async (string? accountId, HeraldDb db, WorkspaceAccess access, InboxIngestor ingestor, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Contributor, null, ct);
            var ids = await db.Accounts.AsNoTracking()
                .Where(a => a.WorkspaceId == ws.WorkspaceId && a.Status == AccountStatus.Active && (accountId == null || a.Id == accountId))
                .Select(a => a.Id).ToListAsync(ct);
            int fresh = 0, read = 0, engagements = 0;
            var failures = new List<string>();
            foreach (var id in ids)
            {
                var result = await ingestor.IngestAccountAsync(id, ct);
                (fresh, read, engagements) = (fresh + result.New, read + result.Seen, engagements + result.Engagements);
                if (result.Failure is { } f)
                {
                    failures.Add($"{id}: {f}");
                }
            }
            return Results.Ok(new { accounts = ids.Count, @new = fresh, read, engagements, failures });
        });
        return app;
    }

    /// <summary>The item's workspace, with at least the viewer role there (unknown and foreign items look alike).</summary>
    internal static async Task<WorkspaceContext> ForItemAsync(string id, HeraldDb db, WorkspaceAccess access, CancellationToken ct)
    {
        var workspaceId = await db.Set<InboxItem>().AsNoTracking().Where(i => i.Id == id).Select(i => i.WorkspaceId).FirstOrDefaultAsync(ct)
            ?? throw new HeraldProblem(404, "Not found", $"No inbox item {id}.");
        return await access.RequireAsync(Role.Viewer, workspaceId, ct);
    }
}

/// <summary>An internal note's text.</summary>
public sealed record NoteRequest(string? Text);
