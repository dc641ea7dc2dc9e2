using System.Globalization;
using Herald.Data;
using Herald.Teams;
using Microsoft.EntityFrameworkCore;

namespace Herald.Inbox;

/// <summary>Reads the inbox: the filtered list (newest first), unread counts, one conversation.</summary>
public sealed class InboxQueries(HeraldDb db, TimeProvider time)
{
    public const int MaxLimit = 200;

    public async Task<InboxPageDto> ListAsync(WorkspaceContext ws, InboxFilter filter, CancellationToken ct)
    {
        var limit = Math.Clamp(filter.Limit ?? 50, 1, MaxLimit);
        var query = Filtered(ws, filter);
        if (filter.Before is { Length: > 0 } before)
        {
            var dot = before.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || !long.TryParse(before[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
            {
                throw new HeraldProblem(400, "Invalid cursor", "'before' must be a cursor returned as 'next'.");
            }
            var at = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            var id = before[(dot + 1)..];
            query = query.Where(i => i.OccurredAt < at || (i.OccurredAt == at && string.Compare(i.Id, id) < 0));
        }
        var items = await query.OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id).Take(limit + 1).ToListAsync(ct);
        var more = items.Count > limit;
        if (more)
        {
            items.RemoveAt(limit);
        }
        var dtos = await ToDtosAsync(ws, items, ct);
        var next = more ? $"{items[^1].OccurredAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}.{items[^1].Id}" : null;
        return new InboxPageDto(dtos, await UnreadAsync(ws, ct), next);
    }

    /// <summary>Items the user has not read, across the workspace (hidden and closed ones excluded).</summary>
    public Task<int> UnreadAsync(WorkspaceContext ws, CancellationToken ct)
    {
        var userId = ws.UserId;
        return db.Set<InboxItem>().AsNoTracking()
            .Where(i => i.WorkspaceId == ws.WorkspaceId && !i.Hidden && i.Status != InboxStatus.Closed)
            .CountAsync(i => !db.Set<InboxRead>().Any(r => r.ItemId == i.Id && r.UserId == userId), ct);
    }

    public async Task<InboxItem> GetAsync(WorkspaceContext ws, string id, CancellationToken ct) =>
        await db.Set<InboxItem>().FirstOrDefaultAsync(i => i.Id == id && i.WorkspaceId == ws.WorkspaceId, ct)
        ?? throw new HeraldProblem(404, "Not found", $"No inbox item {id} in this workspace.");

    public async Task<InboxItemDto> GetDtoAsync(WorkspaceContext ws, string id, CancellationToken ct) =>
        (await ToDtosAsync(ws, [await GetAsync(ws, id, ct)], ct))[0];

    /// <summary>The conversation the item belongs to: every item with its key on the same account, the root post, answers and notes.</summary>
    public async Task<ConversationDto> ConversationAsync(WorkspaceContext ws, string itemId, CancellationToken ct)
    {
        var item = await GetAsync(ws, itemId, ct);
        var items = await db.Set<InboxItem>().AsNoTracking()
            .Where(i => i.WorkspaceId == ws.WorkspaceId && i.AccountId == item.AccountId && i.ConversationKey == item.ConversationKey)
            .OrderBy(i => i.OccurredAt).ThenBy(i => i.Id).Take(500).ToListAsync(ct);
        var replies = await (from r in db.Set<InboxReply>().AsNoTracking()
                             join d in db.Deliveries.AsNoTracking() on r.DeliveryId equals d.Id
                             where r.WorkspaceId == ws.WorkspaceId && r.ConversationKey == item.ConversationKey && d.AccountId == item.AccountId
                             orderby r.CreatedAt
                             select new InboxReplyDto(r.Id, r.ItemId, r.Text, r.UserId, r.DeliveryId, d.Status.ToString().ToLowerInvariant(), d.Url, r.CreatedAt))
            .ToListAsync(ct);
        var notes = await db.Set<InboxNote>().AsNoTracking()
            .Where(n => n.WorkspaceId == ws.WorkspaceId && n.ConversationKey == item.ConversationKey)
            .OrderBy(n => n.CreatedAt)
            .Select(n => new InboxNoteDto(n.Id, n.UserId, n.Text, n.CreatedAt))
            .ToListAsync(ct);
        var root = await RootAsync(item, ct);
        var dtos = await ToDtosAsync(ws, items, ct);
        var first = items.Count > 0 ? items[0].OccurredAt : item.OccurredAt;
        var responded = items.Where(i => i.RespondedAt is not null).Select(i => i.RespondedAt).Min();
        return new ConversationDto(item.ConversationKey, item.AccountId, item.Network, root, dtos, replies, notes,
            responded is { } r0 ? r0 - first : null, dtos.Any(d => d.Overdue));
    }

    private async Task<RootPostDto?> RootAsync(InboxItem item, CancellationToken ct)
    {
        var key = item.RootRemoteId ?? item.ParentRemoteId;
        if (key is null)
        {
            return null;
        }
        var delivery = await db.Deliveries.AsNoTracking()
            .Where(d => d.AccountId == item.AccountId && d.RemoteId == key)
            .Select(d => new { d.PostId, d.Url, Text = d.VariantText ?? d.Post!.Text })
            .FirstOrDefaultAsync(ct);
        if (delivery is not null)
        {
            return new RootPostDto(key, delivery.Text, delivery.Url, delivery.PostId);
        }
        var sandbox = await db.SandboxPosts.AsNoTracking().Where(p => p.Id == key && p.AccountId == item.AccountId).Select(p => p.Text).FirstOrDefaultAsync(ct);
        return new RootPostDto(key, sandbox, null, null);
    }

    internal IQueryable<InboxItem> Filtered(WorkspaceContext ws, InboxFilter f)
    {
        var query = db.Set<InboxItem>().AsNoTracking().Where(i => i.WorkspaceId == ws.WorkspaceId);
        if (f.IncludeHidden != true)
        {
            query = query.Where(i => !i.Hidden);
        }
        if (f.AccountId is { Length: > 0 } account)
        {
            query = query.Where(i => i.AccountId == account);
        }
        if (f.Network is { Length: > 0 } network)
        {
            query = query.Where(i => i.Network == network.ToLowerInvariant());
        }
        if (f.Status is { Length: > 0 } status)
        {
            var s = Parse<InboxStatus>(status, "status");
            query = query.Where(i => i.Status == s);
        }
        if (f.Kind is { Length: > 0 } kind)
        {
            var k = Parse<InboxKind>(kind, "kind");
            query = query.Where(i => i.Kind == k);
        }
        if (f.Sentiment is { Length: > 0 } sentiment)
        {
            var s = sentiment.ToLowerInvariant();
            query = query.Where(i => i.Sentiment == s);
        }
        if (f.Assignee is { Length: > 0 } assignee)
        {
            var who = assignee == "me" ? ws.UserId : assignee;
            query = assignee == "none" ? query.Where(i => i.AssigneeId == null) : query.Where(i => i.AssigneeId == who);
        }
        if (f.Tag is { Length: > 0 } tag)
        {
            var pattern = "%|" + InboxTags.Normalize(tag) + "|%";
            query = query.Where(i => EF.Functions.Like(i.Tags, pattern));
        }
        if (f.Q is { Length: > 0 } q)
        {
            foreach (var word in q.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(8))
            {
                var pattern = TextFolding.LikePattern(word);
                query = query.Where(i => EF.Functions.Like(i.SearchText, pattern, "\\"));
            }
        }
        if (f.Unread == true)
        {
            var userId = ws.UserId;
            query = query.Where(i => !db.Set<InboxRead>().Any(r => r.ItemId == i.Id && r.UserId == userId));
            if (string.IsNullOrEmpty(f.Status))
            {
                // What the unread count counts: a closed conversation waits for nothing (ask for status=closed to see those).
                query = query.Where(i => i.Status != InboxStatus.Closed);
            }
        }
        return query;
    }

    internal async Task<List<InboxItemDto>> ToDtosAsync(WorkspaceContext ws, IReadOnlyList<InboxItem> items, CancellationToken ct)
    {
        var ids = items.Select(i => i.Id).ToList();
        var userId = ws.UserId;
        var read = (await db.Set<InboxRead>().AsNoTracking().Where(r => r.UserId == userId && ids.Contains(r.ItemId)).Select(r => r.ItemId).ToListAsync(ct)).ToHashSet();
        var overdueBefore = time.GetUtcNow() - await ResponseTargetAsync(ws.WorkspaceId, ct);
        return items.Select(i => InboxItemDto.From(i, read.Contains(i.Id), overdueBefore)).ToList();
    }

    public async Task<TimeSpan> ResponseTargetAsync(string workspaceId, CancellationToken ct)
    {
        var minutes = await db.Set<InboxSettings>().AsNoTracking().Where(s => s.WorkspaceId == workspaceId).Select(s => (int?)s.ResponseTargetMinutes).FirstOrDefaultAsync(ct);
        return TimeSpan.FromMinutes(minutes ?? new InboxSettings { WorkspaceId = workspaceId }.ResponseTargetMinutes);
    }

    internal static T Parse<T>(string value, string field)
        where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new HeraldProblem(400, "Invalid filter", $"'{value}' is not a valid {field}: use one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
}
