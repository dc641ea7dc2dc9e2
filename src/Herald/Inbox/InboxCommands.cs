using Herald.Data;
using Herald.Networks;
using Herald.Scheduling;
using Herald.Teams;
using Microsoft.EntityFrameworkCore;

namespace Herald.Inbox;

/// <summary>A change to one item; fields left null are kept. An empty assigneeId unassigns.</summary>
public sealed record InboxItemPatch(string? Status = null, string? AssigneeId = null, string? Priority = null, List<string>? AddTags = null, List<string>? RemoveTags = null);

/// <summary>One action on many items: close, open, pending, assign, unassign, tag, untag, read, unread, hide.</summary>
public sealed record InboxBulkRequest(List<string>? ItemIds, string? Action, string? AssigneeId = null, string? Tag = null);

/// <summary>The workspace's inbox settings as the API takes them.</summary>
public sealed record InboxSettingsRequest(int? ResponseTargetMinutes);

/// <summary>Changes the team makes to items: status, assignment, priority, tags, read state, notes, hide, like.</summary>
public sealed class InboxCommands(HeraldDb db, InboxQueries queries, InboxIngestor ingestor, AccountDirectory accounts, TimeProvider time)
{
    public const int MaxBulk = 1000;

    public async Task UpdateAsync(WorkspaceContext ws, string id, InboxItemPatch patch, CancellationToken ct)
    {
        InboxReplies.RequireRole(ws, Role.Contributor, "Triaging the inbox");
        var item = await queries.GetAsync(ws, id, ct);
        if (patch.Status is { Length: > 0 } status)
        {
            item.Status = InboxQueries.Parse<InboxStatus>(status, "status");
        }
        if (patch.Priority is { Length: > 0 } priority)
        {
            item.Priority = InboxQueries.Parse<InboxPriority>(priority, "priority");
        }
        if (patch.AssigneeId is not null)
        {
            item.AssigneeId = patch.AssigneeId.Length == 0 ? null : await MemberAsync(ws, patch.AssigneeId, ct);
        }
        await db.SaveChangesAsync(ct);
        if (patch.AddTags is not null || patch.RemoveTags is not null)
        {
            await RetagAsync(ws.WorkspaceId, [item.Id], patch.AddTags ?? [], patch.RemoveTags ?? [], ct);
            await db.Entry(item).ReloadAsync(ct); // the tracked item still holds the tags it was read with
        }
    }

    public async Task<int> BulkAsync(WorkspaceContext ws, InboxBulkRequest request, CancellationToken ct)
    {
        var ids = (request.ItemIds ?? []).Distinct().ToList();
        if (ids.Count is 0 or > MaxBulk)
        {
            throw new HeraldProblem(422, "Invalid bulk action", $"Choose between 1 and {MaxBulk} items.");
        }
        var action = request.Action?.ToLowerInvariant();
        if (action is "read" or "unread")
        {
            return await MarkReadAsync(ws, ids, action == "read", ct);
        }
        InboxReplies.RequireRole(ws, Role.Contributor, "Triaging the inbox");
        var items = db.Set<InboxItem>().Where(i => i.WorkspaceId == ws.WorkspaceId && ids.Contains(i.Id));
        switch (action)
        {
            case "close" or "open" or "pending":
                var status = action == "close" ? InboxStatus.Closed : action == "open" ? InboxStatus.Open : InboxStatus.Pending;
                return await items.ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, status), ct);
            case "assign":
                var assignee = await MemberAsync(ws, request.AssigneeId ?? "", ct);
                return await items.ExecuteUpdateAsync(s => s.SetProperty(i => i.AssigneeId, assignee), ct);
            case "unassign":
                return await items.ExecuteUpdateAsync(s => s.SetProperty(i => i.AssigneeId, (string?)null), ct);
            case "hide":
                return await items.ExecuteUpdateAsync(s => s.SetProperty(i => i.Hidden, true), ct);
            case "tag" or "untag":
                var tag = InboxTags.Normalize(request.Tag ?? "");
                if (tag.Length == 0)
                {
                    throw new HeraldProblem(422, "Invalid bulk action", "Give the tag to add or remove.");
                }
                return await RetagAsync(ws.WorkspaceId, ids, action == "tag" ? [tag] : [], action == "untag" ? [tag] : [], ct);
            default:
                throw new HeraldProblem(422, "Invalid bulk action", "action must be one of close, open, pending, assign, unassign, tag, untag, read, unread, hide.");
        }
    }

    /// <summary>Read state is per user: any member, viewers included, keeps their own.</summary>
    public async Task<int> MarkReadAsync(WorkspaceContext ws, IReadOnlyList<string> ids, bool read, CancellationToken ct)
    {
        var mine = await db.Set<InboxItem>().Where(i => i.WorkspaceId == ws.WorkspaceId && ids.Contains(i.Id)).Select(i => i.Id).ToListAsync(ct);
        var userId = ws.UserId;
        if (!read)
        {
            return await db.Set<InboxRead>().Where(r => r.UserId == userId && mine.Contains(r.ItemId)).ExecuteDeleteAsync(ct);
        }
        var already = await db.Set<InboxRead>().Where(r => r.UserId == userId && mine.Contains(r.ItemId)).Select(r => r.ItemId).ToListAsync(ct);
        var now = time.GetUtcNow();
        var fresh = mine.Except(already).Select(id => new InboxRead { UserId = userId, ItemId = id, ReadAt = now }).ToList();
        db.AddRange(fresh);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two tabs marking the same items read at once: the other one won, which is the same outcome.
            db.ChangeTracker.Clear();
        }
        return mine.Count;
    }

    public async Task<InboxNote> AddNoteAsync(WorkspaceContext ws, string itemId, string? text, CancellationToken ct)
    {
        InboxReplies.RequireRole(ws, Role.Contributor, "Writing notes");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new HeraldProblem(422, "Empty note", "Write the note.");
        }
        var item = await queries.GetAsync(ws, itemId, ct);
        var note = new InboxNote { WorkspaceId = ws.WorkspaceId, ConversationKey = item.ConversationKey, UserId = ws.UserId, Text = text.Trim(), CreatedAt = time.GetUtcNow() };
        db.Add(note);
        await db.SaveChangesAsync(ct);
        return note;
    }

    /// <summary>Likes the item on its network (Bluesky like record, Mastodon favourite).</summary>
    public async Task LikeAsync(WorkspaceContext ws, string itemId, CancellationToken ct)
    {
        InboxReplies.RequireRole(ws, Role.Editor, "Liking on the brand's behalf");
        var item = await queries.GetAsync(ws, itemId, ct);
        if (item.Liked)
        {
            return;
        }
        var account = await accounts.GetAsync(item.AccountId, ct);
        if (account is null || account.Status != nameof(AccountStatus.Active) || ingestor.SourceFor(item.Network) is not { } source)
        {
            throw new HeraldProblem(409, "Cannot like", "The account needs reconnecting, or its network does not allow likes from Herald.");
        }
        var liked = await source.LikeAsync(accounts.ContextFor(account), item.RemoteId, item.RemoteCid, ct);
        if (!liked.Ok)
        {
            throw new HeraldProblem(liked.Failure!.Kind == FailureKind.RateLimited ? 429 : 502, "The network refused the like", liked.Failure.Message);
        }
        item.Liked = true;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Adds and removes tags on the workspace's items among <paramref name="ids"/>; returns how many items there are. Each
    /// update only matches the tags it read (items that read the same tags change in one statement), and an item someone
    /// tagged meanwhile is read again: two people tagging the same item at once both keep their tag.
    /// </summary>
    private async Task<int> RetagAsync(string workspaceId, IReadOnlyList<string> ids, IEnumerable<string> add, IEnumerable<string> remove, CancellationToken ct)
    {
        var removed = remove.Select(InboxTags.Normalize).Where(t => t.Length > 0).ToHashSet(StringComparer.Ordinal);
        var added = add.Select(InboxTags.Normalize).Where(t => t.Length > 0 && !removed.Contains(t)).ToHashSet(StringComparer.Ordinal);
        for (var round = 0; ; round++)
        {
            var items = await db.Set<InboxItem>().AsNoTracking().Where(i => i.WorkspaceId == workspaceId && ids.Contains(i.Id))
                .Select(i => new { i.Id, i.Tags }).ToListAsync(ct);
            var stale = items.Where(i => InboxTags.Split(i.Tags) is var tags && (!added.All(tags.Contains) || tags.Any(removed.Contains))).ToList();
            if (stale.Count == 0)
            {
                return items.Count;
            }
            if (round == 20)
            {
                throw new HeraldProblem(409, "Tags changed meanwhile", "These items' tags kept changing while they were being tagged; try again.");
            }
            foreach (var group in stale.GroupBy(i => i.Tags, StringComparer.Ordinal))
            {
                var read = group.Key;
                var next = InboxTags.Join(InboxTags.Split(read).Where(t => !removed.Contains(t)).Concat(added));
                var groupIds = group.Select(i => i.Id).ToList();
                await db.Set<InboxItem>().Where(i => groupIds.Contains(i.Id) && i.Tags == read).ExecuteUpdateAsync(u => u.SetProperty(i => i.Tags, next), ct);
            }
        }
    }

    public async Task<InboxSettings> SaveSettingsAsync(WorkspaceContext ws, InboxSettingsRequest request, CancellationToken ct)
    {
        InboxReplies.RequireRole(ws, Role.Admin, "Changing the response-time target");
        if (request.ResponseTargetMinutes is not (>= 1 and <= 10080))
        {
            throw new HeraldProblem(422, "Invalid settings", "responseTargetMinutes must be between 1 and 10080 (a week).");
        }
        var settings = await db.Set<InboxSettings>().FirstOrDefaultAsync(s => s.WorkspaceId == ws.WorkspaceId, ct);
        if (settings is null)
        {
            settings = new InboxSettings { WorkspaceId = ws.WorkspaceId };
            db.Add(settings);
        }
        settings.ResponseTargetMinutes = request.ResponseTargetMinutes.Value;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.Entry(settings).State == EntityState.Added)
        {
            // Another admin saved the workspace's first settings at the same moment: this change goes over theirs.
            db.ChangeTracker.Clear();
            settings = await db.Set<InboxSettings>().FirstAsync(s => s.WorkspaceId == ws.WorkspaceId, ct);
            settings.ResponseTargetMinutes = request.ResponseTargetMinutes.Value;
            await db.SaveChangesAsync(ct);
        }
        return settings;
    }

    private async Task<string> MemberAsync(WorkspaceContext ws, string userId, CancellationToken ct) =>
        await db.Memberships.AnyAsync(m => m.WorkspaceId == ws.WorkspaceId && m.UserId == userId, ct)
            ? userId
            : throw new HeraldProblem(422, "Invalid assignee", $"{userId} is not a member of this workspace.");
}
