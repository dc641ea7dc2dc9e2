using System.Globalization;
using System.Text.Json;
using Herald.Accounts;
using Herald.Data;
using Herald.Links;
using Herald.Networks;
using Herald.Scheduling;
using Herald.Teams;
using Microsoft.EntityFrameworkCore;

namespace Herald.Publishing;

/// <summary>
/// Creates and edits posts: checks roles, resolves the schedule (wall clock + IANA zone, the next queue slot, or now),
/// validates every account's text and media against its network's rules, and lays out each delivery's parts with the
/// keys that make publishing exactly-once.
/// </summary>
public sealed class PostComposer(
    HeraldDb db,
    NetworkRegistry networks,
    WallClock clock,
    QueuePlanner queue,
    DispatcherSignal signal,
    LinkShortener shortener,
    TimeProvider time)
{
    private static readonly DeliveryStatus[] Editable = [DeliveryStatus.Draft, DeliveryStatus.Scheduled, DeliveryStatus.Retrying, DeliveryStatus.Held, DeliveryStatus.Cancelled, DeliveryStatus.Failed];

    public async Task<(Post Post, IReadOnlyList<Violation> Warnings)> CreateAsync(WorkspaceContext ws, PostRequest request, CancellationToken ct)
    {
        var post = new Post
        {
            WorkspaceId = ws.WorkspaceId,
            AuthorId = ws.UserId,
            Text = request.Text ?? "",
            CreatedAt = time.GetUtcNow(),
            UpdatedAt = time.GetUtcNow(),
        };
        var warnings = await ComposeAsync(ws, post, request, ct);
        db.Posts.Add(post);
        await db.SaveChangesAsync(ct);
        signal.Wake();
        return (post, warnings);
    }

    /// <summary>Replaces a post's unsent deliveries with the edited version; fields missing from the request keep their values.</summary>
    public async Task<(Post Post, IReadOnlyList<Violation> Warnings)> UpdateAsync(WorkspaceContext ws, Post post, PostRequest patch, CancellationToken ct)
    {
        var merged = new PostRequest
        {
            Text = patch.Text ?? post.Text,
            AccountIds = patch.AccountIds ?? post.Deliveries.Select(d => d.AccountId).ToList(),
            MediaIds = patch.MediaIds ?? JsonSerializer.Deserialize<List<string>>(post.MediaIdsJson),
            Variants = patch.Variants ?? post.Deliveries
                .Where(d => d.VariantText is not null || d.VariantMediaIdsJson is not null)
                .ToDictionary(d => d.AccountId, d => new VariantRequest
                {
                    Text = d.VariantText,
                    MediaIds = d.VariantMediaIdsJson is null ? null : JsonSerializer.Deserialize<List<string>>(d.VariantMediaIdsJson),
                }),
            Thread = patch.Thread || post.SplitIntoThread,
            TimeZone = patch.TimeZone ?? post.TimeZone,
            PublishNow = patch.PublishNow,
            Queue = patch.Queue,
            Draft = patch.Draft,
            ScheduledAt = patch.ScheduledAt,
        };
        if (!patch.PublishNow && !patch.Queue && !patch.Draft && patch.ScheduledAt is null)
        {
            // Keep the schedule the post had; a new time zone alone keeps the wall-clock time the user chose.
            switch (post.Kind)
            {
                case ScheduleKind.At:
                    merged.ScheduledAt = post.ScheduledLocal;
                    break;
                case ScheduleKind.Queue:
                    merged.Queue = true;
                    break;
                case ScheduleKind.Now:
                    merged.PublishNow = true;
                    break;
                default:
                    merged.Draft = true;
                    break;
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Take the unsent deliveries away from the dispatcher first: a claimed one cannot be edited any more.
        var total = post.Deliveries.Count;
        var taken = await db.Deliveries
            .Where(d => d.PostId == post.Id && Editable.Contains(d.Status))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Draft), ct);
        if (taken != total)
        {
            await tx.RollbackAsync(ct);
            throw new HeraldProblem(409, "Already published", "Some accounts have already received this post, or are receiving it now; duplicate it to make changes.");
        }
        await db.Deliveries.Where(d => d.PostId == post.Id).ExecuteDeleteAsync(ct);
        db.ChangeTracker.Clear();
        var fresh = await db.Posts.FirstAsync(p => p.Id == post.Id, ct);
        fresh.Text = merged.Text ?? "";
        fresh.UpdatedAt = time.GetUtcNow();
        var warnings = await ComposeAsync(ws, fresh, merged, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        signal.Wake();
        return (fresh, warnings);
    }

    private async Task<IReadOnlyList<Violation>> ComposeAsync(WorkspaceContext ws, Post post, PostRequest request, CancellationToken ct)
    {
        var modes = new[] { request.PublishNow, request.Queue, request.Draft, request.ScheduledAt is not null }.Count(x => x);
        if (modes > 1)
        {
            throw new HeraldProblem(422, "Conflicting schedule", "Choose one of scheduledAt, publishNow, queue or draft.");
        }
        var kind = request.PublishNow ? ScheduleKind.Now : request.Queue ? ScheduleKind.Queue : request.ScheduledAt is not null ? ScheduleKind.At : ScheduleKind.Draft;
        if (kind != ScheduleKind.Draft && ws.Role < Role.Editor)
        {
            throw new HeraldProblem(403, "Forbidden", $"Scheduling and publishing need the editor role or higher; you are {ws.Role.ToString().ToLowerInvariant()} here. Save it as a draft instead.");
        }
        if (ws.Role < Role.Contributor)
        {
            throw new HeraldProblem(403, "Forbidden", "Viewers cannot write posts.");
        }

        var accountIds = (request.AccountIds ?? []).Distinct().ToList();
        if (accountIds.Count == 0 && kind != ScheduleKind.Draft)
        {
            throw Invalid("accountIds", "no_accounts", "Choose at least one account to publish to.");
        }
        var accounts = await db.Accounts.Where(a => a.WorkspaceId == ws.WorkspaceId && accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var missing = accountIds.Where(id => !accounts.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            throw Invalid("accountIds", "unknown_account", $"No account {string.Join(", ", missing)} in this workspace.");
        }
        var unknownVariants = (request.Variants?.Keys ?? Enumerable.Empty<string>()).Where(k => !accounts.ContainsKey(k)).ToList();
        if (unknownVariants.Count > 0)
        {
            throw Invalid("variants", "unknown_account", $"Variants for accounts that are not targeted: {string.Join(", ", unknownVariants)}.");
        }

        var sharedMedia = request.MediaIds ?? [];
        var allMediaIds = sharedMedia.Concat(request.Variants?.Values.SelectMany(v => v.MediaIds ?? []) ?? []).Distinct().ToList();
        var media = await db.Media.Where(m => m.WorkspaceId == ws.WorkspaceId && allMediaIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var missingMedia = allMediaIds.Where(id => !media.ContainsKey(id)).ToList();
        if (missingMedia.Count > 0)
        {
            throw Invalid("mediaIds", "unknown_media", $"No media {string.Join(", ", missingMedia)} in this workspace; upload it first.");
        }

        // The schedule: wall clock + zone is what the user meant; the instant follows from it.
        var workspaceZone = await db.Workspaces.Where(w => w.Id == ws.WorkspaceId).Select(w => w.TimeZone).FirstAsync(ct);
        var zone = request.TimeZone is { Length: > 0 } tz ? clock.Zone(tz).Id : workspaceZone;
        var now = time.GetUtcNow();
        post.Kind = kind;
        post.TimeZone = kind is ScheduleKind.At or ScheduleKind.Queue ? zone : null;
        post.ScheduledLocal = null;
        post.ScheduledAt = null;
        string? adjustment = null;
        if (kind == ScheduleKind.At)
        {
            var resolved = ResolveAt(request.ScheduledAt!, zone);
            if (resolved.Instant < now - TimeSpan.FromMinutes(1))
            {
                throw Invalid("scheduledAt", "in_the_past", $"{WallClock.Format(resolved.Local)} {zone} is in the past; choose a later time or publish now.");
            }
            post.ScheduledLocal = WallClock.Format(resolved.Local);
            post.ScheduledAt = resolved.Instant;
            adjustment = resolved.Adjustment;
        }
        else if (kind == ScheduleKind.Now)
        {
            post.ScheduledAt = now;
        }
        post.SplitIntoThread = request.Thread;
        post.MediaIdsJson = JsonSerializer.Serialize(sharedMedia);

        var violations = new List<Violation>();
        var planned = new List<(Account Account, IReadOnlyList<string> Parts, List<string> MediaIds, VariantRequest? Variant, string DeliveryId)>();
        // Links become tracked links per delivery when scheduled (not in drafts), before validation checks the final text.
        var shorten = kind != ScheduleKind.Draft && await shortener.EnabledAsync(ws.WorkspaceId, ct);
        foreach (var id in accountIds)
        {
            var account = accounts[id];
            var variant = request.Variants?.GetValueOrDefault(id);
            var text = variant?.Text ?? request.Text ?? "";
            var deliveryId = Ids.New();
            if (shorten)
            {
                text = shortener.Shorten(ws.WorkspaceId, text, post.Id, deliveryId, account);
            }
            var mediaIds = variant?.MediaIds ?? sharedMedia;
            var rules = AccountRules.For(account, networks);
            var (parts, found) = PostValidator.Check(new AccountDraft(account, rules, text, mediaIds.Select(m => media[m]).ToList()), request.Thread);
            violations.AddRange(found);
            planned.Add((account, parts, mediaIds, variant, deliveryId));
        }
        var blocking = violations.Where(v => !v.Warning).ToList();
        if (blocking.Count > 0 && kind != ScheduleKind.Draft)
        {
            throw new HeraldProblem(422, "The post breaks the rules of some networks",
                string.Join(" ", blocking.Select(v => $"{PostValidator.Name(v.Network)} ({accounts[v.AccountId].Name}): {v.Message}")),
                new Dictionary<string, object?> { ["violations"] = violations });
        }

        var queueTaken = new Dictionary<string, HashSet<long>>();
        foreach (var (account, parts, mediaIds, variant, deliveryId) in planned)
        {
            var connector = networks.Find(account.Network);
            var delivery = new Delivery
            {
                Id = deliveryId,
                PostId = post.Id,
                AccountId = account.Id,
                WorkspaceId = ws.WorkspaceId,
                Network = account.Network,
                VariantText = variant?.Text,
                VariantMediaIdsJson = variant?.MediaIds is null ? null : JsonSerializer.Serialize(variant.MediaIds),
                CreatedAt = now,
                UpdatedAt = now,
            };
            DateTimeOffset? due = kind switch
            {
                ScheduleKind.At or ScheduleKind.Now => post.ScheduledAt,
                ScheduleKind.Queue => await queue.NextFreeSlotAsync(account, now, queueTaken, ct),
                _ => null,
            };
            delivery.DueAt = due;
            delivery.Status = kind == ScheduleKind.Draft ? DeliveryStatus.Draft
                : account.Status == AccountStatus.Active ? DeliveryStatus.Scheduled : DeliveryStatus.Held;
            // Each part's keys are fixed now, once: every retry and every reconciliation asks the network about the same thing.
            delivery.PartsJson = DeliveryPart.Write(parts.Select((text, i) => new DeliveryPart
            {
                Index = i,
                Text = text,
                MediaIds = i == 0 ? mediaIds : [],
                RecordKey = connector?.NewRecordKey(),
                IdempotencyKey = $"herald-{delivery.Id}-{i.ToString(CultureInfo.InvariantCulture)}",
                CreatedAt = due ?? now,
            }));
            post.Deliveries.Add(delivery);
            if (kind == ScheduleKind.Queue && (post.ScheduledAt is null || due < post.ScheduledAt))
            {
                post.ScheduledAt = due;
                post.ScheduledLocal = due is { } d ? WallClock.Format(clock.ToLocal(d, account.TimeZone)) : null;
                post.TimeZone = account.TimeZone;
            }
        }

        var warnings = violations.Where(v => v.Warning || kind == ScheduleKind.Draft).ToList();
        if (adjustment is not null)
        {
            warnings.Add(new Violation("", "", "scheduledAt", "time_adjusted", adjustment, Warning: true));
        }
        return warnings;
    }

    private ResolvedTime ResolveAt(string value, string zone)
    {
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset)
            && (value.EndsWith('Z') || value.Contains('+', StringComparison.Ordinal) || value.LastIndexOf('-') > 10))
        {
            var local = clock.ToLocal(withOffset, zone);
            return new ResolvedTime(withOffset.ToUniversalTime(), local, zone, null);
        }
        if (!WallClock.TryParseLocal(value, out var wall))
        {
            throw Invalid("scheduledAt", "bad_time", $"'{value}' is not a date and time such as 2026-11-24T09:30:00.");
        }
        return clock.Resolve(wall, zone);
    }

    private static HeraldProblem Invalid(string field, string code, string message) =>
        new(422, "Invalid post", message, new Dictionary<string, object?> { ["violations"] = new[] { new Violation("", "", field, code, message) } });
}
