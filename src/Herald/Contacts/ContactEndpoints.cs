using System.Text.Json;
using Herald.Data;
using Herald.Inbox;
using Herald.Teams;
using Microsoft.EntityFrameworkCore;

namespace Herald.Contacts;

/// <summary>/api/v1/contacts: people who interact with the brand, their history, GDPR export and erasure.</summary>
public static class ContactEndpoints
{
    public static IEndpointRouteBuilder MapContactEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/contacts").RequireAuthorization().WithTags("Contacts");

        api.MapGet("", async (string? q, string? network, HeraldDb db, WorkspaceAccess access, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Viewer, null, ct);
            var query = db.Set<Contact>().AsNoTracking().Where(c => c.WorkspaceId == ws.WorkspaceId);
            if (network is { Length: > 0 })
            {
                query = query.Where(c => c.Network == network);
            }
            if (q is { Length: > 0 })
            {
                var pattern = "%" + q.Trim().ToLowerInvariant() + "%";
                query = query.Where(c => EF.Functions.Like(c.Handle.ToLower(), pattern) || (c.DisplayName != null && EF.Functions.Like(c.DisplayName.ToLower(), pattern)));
            }
            return await query.OrderByDescending(c => c.LastSeenAt).Take(200).ToListAsync(ct);
        });

        api.MapGet("/{id}", async (string id, HeraldDb db, WorkspaceAccess access, CancellationToken ct) =>
        {
            var (ws, contact) = await FindAsync(id, db, access, Role.Viewer, ct);
            return Results.Ok(await HistoryAsync(db, contact, ct));
        });

        api.MapPatch("/{id}", async (string id, ContactPatch body, HeraldDb db, WorkspaceAccess access, CancellationToken ct) =>
        {
            var (_, contact) = await FindAsync(id, db, access, Role.Contributor, ct);
            if (body.Tags is not null)
            {
                contact.Tags = InboxTags.Join(body.Tags);
            }
            await db.SaveChangesAsync(ct);
            return Results.Ok(contact);
        });

        api.MapPost("/{id}/notes", async (string id, NoteRequest body, HeraldDb db, WorkspaceAccess access, TimeProvider time, CancellationToken ct) =>
        {
            var (ws, contact) = await FindAsync(id, db, access, Role.Contributor, ct);
            if (string.IsNullOrWhiteSpace(body.Text))
            {
                throw new HeraldProblem(422, "Empty note", "Write the note.");
            }
            var note = new InboxNote { WorkspaceId = ws.WorkspaceId, ContactId = contact.Id, UserId = ws.UserId, Text = body.Text.Trim(), CreatedAt = time.GetUtcNow() };
            db.Add(note);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/api/v1/contacts/{id}", new InboxNoteDto(note.Id, note.UserId, note.Text, note.CreatedAt));
        });

        // GDPR access request: everything Herald holds about the person, as JSON; recorded in the audit trail.
        api.MapGet("/{id}/export", async (string id, HeraldDb db, WorkspaceAccess access, TimeProvider time, CancellationToken ct) =>
        {
            var (ws, contact) = await FindAsync(id, db, access, Role.Admin, ct);
            var history = await HistoryAsync(db, contact, ct);
            db.Add(new ContactAudit { WorkspaceId = ws.WorkspaceId, ContactId = contact.Id, Action = "export", UserId = ws.UserId, At = time.GetUtcNow(),
                Detail = JsonSerializer.Serialize(new { items = history.Items.Count, notes = history.Notes.Count }) });
            await db.SaveChangesAsync(ct);
            return Results.Json(history, HeraldJson.Options, contentType: "application/json");
        });

        // GDPR erasure: items, notes and the profile are deleted; likes, reposts and follows stay as anonymous counts.
        api.MapDelete("/{id}", async (string id, HeraldDb db, WorkspaceAccess access, TimeProvider time, CancellationToken ct) =>
        {
            var (ws, contact) = await FindAsync(id, db, access, Role.Admin, ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var itemIds = await db.Set<InboxItem>().Where(i => i.ContactId == contact.Id).Select(i => i.Id).ToListAsync(ct);
            await db.Set<InboxRead>().Where(r => itemIds.Contains(r.ItemId)).ExecuteDeleteAsync(ct);
            var items = await db.Set<InboxItem>().Where(i => i.ContactId == contact.Id).ExecuteDeleteAsync(ct);
            var notes = await db.Set<InboxNote>().Where(n => n.ContactId == contact.Id).ExecuteDeleteAsync(ct);
            var engagements = await db.Set<EngagementEvent>()
                .Where(e => e.WorkspaceId == ws.WorkspaceId && e.Network == contact.Network && e.Actor == contact.Handle)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Actor, (string?)null), ct);
            await db.Set<Contact>().Where(c => c.Id == contact.Id).ExecuteDeleteAsync(ct);
            db.Add(new ContactAudit { WorkspaceId = ws.WorkspaceId, ContactId = contact.Id, Action = "erase", UserId = ws.UserId, At = time.GetUtcNow(),
                Detail = JsonSerializer.Serialize(new { items, notes, anonymizedEngagements = engagements }) });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Results.Ok(new { erased = contact.Id, items, notes, anonymizedEngagements = engagements });
        });
        return app;
    }

    private static async Task<(WorkspaceContext, Contact)> FindAsync(string id, HeraldDb db, WorkspaceAccess access, Role role, CancellationToken ct)
    {
        var contact = await db.Set<Contact>().FirstOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new HeraldProblem(404, "Not found", $"No contact {id}.");
        return (await access.RequireAsync(role, contact.WorkspaceId, ct), contact);
    }

    private static async Task<ContactHistory> HistoryAsync(HeraldDb db, Contact contact, CancellationToken ct)
    {
        var items = await db.Set<InboxItem>().AsNoTracking().Where(i => i.ContactId == contact.Id).OrderBy(i => i.OccurredAt)
            .Select(i => new ContactInteraction(i.Id, i.Kind.ToString().ToLower(), i.Text, i.Url, i.OccurredAt)).ToListAsync(ct);
        var engagements = await db.Set<EngagementEvent>().AsNoTracking()
            .Where(e => e.WorkspaceId == contact.WorkspaceId && e.Network == contact.Network && e.Actor == contact.Handle)
            .OrderBy(e => e.OccurredAt).Select(e => new ContactEngagement(e.Kind, e.SubjectRemoteId, e.OccurredAt)).ToListAsync(ct);
        var notes = await db.Set<InboxNote>().AsNoTracking().Where(n => n.ContactId == contact.Id).OrderBy(n => n.CreatedAt)
            .Select(n => new InboxNoteDto(n.Id, n.UserId, n.Text, n.CreatedAt)).ToListAsync(ct);
        return new ContactHistory(contact, items, engagements, notes);
    }
}

/// <summary>A change to a contact's tags.</summary>
public sealed record ContactPatch(List<string>? Tags);

/// <summary>Something the person said to the brand.</summary>
public sealed record ContactInteraction(string ItemId, string Kind, string Text, string? Url, DateTimeOffset OccurredAt);

/// <summary>A like, repost or follow by the person.</summary>
public sealed record ContactEngagement(string Kind, string? SubjectRemoteId, DateTimeOffset OccurredAt);

/// <summary>A contact with the whole history of their interactions with the brand.</summary>
public sealed record ContactHistory(Contact Contact, IReadOnlyList<ContactInteraction> Items, IReadOnlyList<ContactEngagement> Engagements, IReadOnlyList<InboxNoteDto> Notes);
