using System.Text.Json;
using Herald.Data;
using Herald.Inbox;
using Herald.Teams;
using Microsoft.EntityFrameworkCore;

namespace Herald.Contacts;

/// <summary>The contacts use cases, shared by /api/v1/contacts and the contact pages: list, history, tags, notes, GDPR export and erasure.</summary>
public sealed class ContactService(HeraldDb db, WorkspaceAccess access, TimeProvider time)
{
    public async Task<List<Contact>> ListAsync(string? q, string? network, CancellationToken ct)
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
    }

    public async Task<ContactHistory> GetAsync(string id, CancellationToken ct)
    {
        var (_, contact) = await FindAsync(id, Role.Viewer, ct);
        return await HistoryAsync(contact, ct);
    }

    public async Task<Contact> SetTagsAsync(string id, IEnumerable<string>? tags, CancellationToken ct)
    {
        var (_, contact) = await FindAsync(id, Role.Contributor, ct);
        if (tags is null)
        {
            return contact;
        }
        contact.Tags = InboxTags.Join(tags);
        await db.SaveChangesAsync(ct);
        return contact;
    }

    public async Task<InboxNoteDto> AddNoteAsync(string id, string? text, CancellationToken ct)
    {
        var (ws, contact) = await FindAsync(id, Role.Contributor, ct);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new HeraldProblem(422, "Empty note", "Write the note.");
        }
        var note = new InboxNote { WorkspaceId = ws.WorkspaceId, ContactId = contact.Id, UserId = ws.UserId, Text = text.Trim(), CreatedAt = time.GetUtcNow() };
        db.Add(note);
        await db.SaveChangesAsync(ct);
        return new InboxNoteDto(note.Id, note.UserId, note.Text, note.CreatedAt);
    }

    /// <summary>GDPR access request: everything Herald holds about the person; recorded in the audit trail.</summary>
    public async Task<ContactHistory> ExportAsync(string id, CancellationToken ct)
    {
        var (ws, contact) = await FindAsync(id, Role.Admin, ct);
        var history = await HistoryAsync(contact, ct);
        db.Add(new ContactAudit { WorkspaceId = ws.WorkspaceId, ContactId = contact.Id, Action = "export", UserId = ws.UserId, At = time.GetUtcNow(),
            Detail = JsonSerializer.Serialize(new { items = history.Items.Count, notes = history.Notes.Count }) });
        await db.SaveChangesAsync(ct);
        return history;
    }

    /// <summary>GDPR erasure: items, notes and the profile are deleted; likes, reposts and follows stay as anonymous counts.</summary>
    public async Task<ContactErasure> EraseAsync(string id, CancellationToken ct)
    {
        var (ws, contact) = await FindAsync(id, Role.Admin, ct);
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
        return new ContactErasure(contact.Id, items, notes, engagements);
    }

    private async Task<(WorkspaceContext, Contact)> FindAsync(string id, Role role, CancellationToken ct)
    {
        var contact = await db.Set<Contact>().FirstOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new HeraldProblem(404, "Not found", $"No contact {id}.");
        return (await access.RequireAsync(role, contact.WorkspaceId, ct), contact);
    }

    private async Task<ContactHistory> HistoryAsync(Contact contact, CancellationToken ct)
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

/// <summary>What an erasure removed.</summary>
public sealed record ContactErasure(string Erased, int Items, int Notes, int AnonymizedEngagements);
