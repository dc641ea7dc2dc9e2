using System.Globalization;
using Herald.Accounts;
using Herald.Data;
using Herald.Networks;
using Herald.Publishing;
using Herald.Scheduling;
using Herald.Teams;
using Microsoft.EntityFrameworkCore;

namespace Herald.Inbox;

/// <summary>A reply to an inbox item: plain text, or a saved reply whose variables are filled in.</summary>
public sealed record ReplyRequest(string? Text, string? SavedReplyId = null);

/// <summary>
/// Answers an inbox item through the same exactly-once dispatcher as every post: a post with one delivery whose part
/// points at the item (root and parent), published now. Its record key or idempotency key is fixed before the first attempt.
/// </summary>
public sealed class InboxReplies(HeraldDb db, InboxQueries queries, NetworkRegistry networks, DispatcherSignal signal, TimeProvider time)
{
    /// <summary>How long the same text from the same member to the same item counts as the same reply sent again.</summary>
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromMinutes(10);

    public async Task<InboxReply> ReplyAsync(WorkspaceContext ws, string itemId, ReplyRequest request, CancellationToken ct)
    {
        RequireRole(ws, Role.Editor, "Replying publishes at once, which");
        var item = await queries.GetAsync(ws, itemId, ct);
        var text = request.Text;
        if (string.IsNullOrWhiteSpace(text) && request.SavedReplyId is { Length: > 0 } savedId)
        {
            var saved = await db.Set<SavedReply>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == savedId && s.WorkspaceId == ws.WorkspaceId, ct)
                ?? throw new HeraldProblem(404, "Not found", $"No saved reply {savedId} in this workspace.");
            text = SavedReplies.Render(saved.Text, item);
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new HeraldProblem(422, "Empty reply", "Write a reply or choose a saved reply.");
        }
        var direct = item.Kind == InboxKind.Message;
        if (direct && item.Network == "mastodon")
        {
            // A direct status reaches the accounts it mentions: address the author unless the text already does.
            text = DirectAddress(item.AuthorHandle, text.Trim());
        }
        else if (direct && networks.Find(item.Network) is not { SendsPrivateReplies: true })
        {
            // A public post would make a private conversation public: refuse rather than leak.
            throw new HeraldProblem(422, "Direct messages", $"Herald cannot answer {item.Network} direct messages privately; answer this message on the network itself.");
        }
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == item.AccountId && a.WorkspaceId == ws.WorkspaceId, ct)
            ?? throw new HeraldProblem(409, "Account gone", "The account this item came to is no longer connected.");
        var (parts, violations) = PostValidator.Check(new AccountDraft(account, AccountRules.For(account, networks), text.Trim(), []), splitIntoThread: false);
        var blocking = violations.Where(v => !v.Warning).ToList();
        if (blocking.Count > 0)
        {
            throw new HeraldProblem(422, "The reply breaks the network's rules", string.Join(" ", blocking.Select(v => v.Message)),
                new Dictionary<string, object?> { ["violations"] = blocking });
        }

        var now = time.GetUtcNow();
        // A second press of "Send", or an API client retrying after a timeout, must not answer the person twice: the same
        // text from the same member to the same item within DuplicateWindow is that reply again. Replies to one item are
        // taken one at a time (the item's row is locked on PostgreSQL; a SQLite transaction holds the one write lock).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM inbox_items WHERE id = {item.Id} FOR UPDATE", ct);
        }
        var since = now - DuplicateWindow;
        var same = await db.Set<InboxReply>().AsNoTracking()
            .Where(r => r.ItemId == item.Id && r.UserId == ws.UserId && r.Text == parts[0] && r.CreatedAt >= since)
            .OrderBy(r => r.CreatedAt).FirstOrDefaultAsync(ct);
        if (same is not null)
        {
            return same;
        }
        var post = new Post { WorkspaceId = ws.WorkspaceId, AuthorId = ws.UserId, Text = parts[0], Kind = ScheduleKind.Now, ScheduledAt = now, CreatedAt = now, UpdatedAt = now };
        var delivery = new Delivery
        {
            PostId = post.Id,
            AccountId = account.Id,
            WorkspaceId = ws.WorkspaceId,
            Network = account.Network,
            Status = account.Status == AccountStatus.Active ? DeliveryStatus.Scheduled : DeliveryStatus.Held,
            DueAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        delivery.PartsJson = DeliveryPart.Write([new DeliveryPart
        {
            Index = 0,
            Text = parts[0],
            RecordKey = networks.Find(account.Network)?.NewRecordKey(),
            IdempotencyKey = $"herald-{delivery.Id}-{0.ToString(CultureInfo.InvariantCulture)}",
            CreatedAt = now,
            InReplyTo = new ReplyTarget
            {
                // A top-level mention starts a new thread under itself; a reply keeps its thread's root.
                RootId = item.RootRemoteId ?? item.RemoteId,
                RootCid = item.RootRemoteId is null ? item.RemoteCid : item.RootCid,
                ParentId = item.RemoteId,
                ParentCid = item.RemoteCid,
                Direct = direct,
            },
        }]);
        post.Deliveries.Add(delivery);
        var reply = new InboxReply
        {
            WorkspaceId = ws.WorkspaceId,
            ItemId = item.Id,
            ConversationKey = item.ConversationKey,
            PostId = post.Id,
            DeliveryId = delivery.Id,
            UserId = ws.UserId,
            Text = parts[0],
            CreatedAt = now,
        };
        db.Posts.Add(post);
        db.Add(reply);
        item.RespondedAt ??= now;
        // Answering counts as reading.
        if (!await db.Set<InboxRead>().AnyAsync(r => r.UserId == ws.UserId && r.ItemId == item.Id, ct))
        {
            db.Add(new InboxRead { UserId = ws.UserId, ItemId = item.Id, ReadAt = now });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        signal.Wake();
        return reply;
    }

    /// <summary>"@user@instance text": the author's handle first, unless the text already mentions it (case-insensitively).</summary>
    internal static string DirectAddress(string handle, string text)
    {
        var mention = "@" + handle.TrimStart('@');
        var mentioned = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Any(word => word.TrimEnd('.', ',', ';', ':', '!', '?', ')').Equals(mention, StringComparison.OrdinalIgnoreCase));
        return mentioned ? text : mention + " " + text;
    }

    internal static void RequireRole(WorkspaceContext ws, Role role, string what)
    {
        if (ws.Role < role)
        {
            throw new HeraldProblem(403, "Forbidden", $"{what} needs the {role.ToString().ToLowerInvariant()} role or higher; you are {ws.Role.ToString().ToLowerInvariant()} here.");
        }
    }
}
