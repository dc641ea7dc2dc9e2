using Herald.Data;
using Microsoft.EntityFrameworkCore;

namespace Herald.Scheduling;

/// <summary>
/// An account's queue: weekly time slots in the account's time zone. "Add to queue" takes the next free slot; the queue can be
/// reordered, which swaps the posts between the same slots.
/// </summary>
public sealed class QueuePlanner(HeraldDb db, WallClock clock, TimeProvider time)
{
    private static readonly DeliveryStatus[] Occupying = [DeliveryStatus.Scheduled, DeliveryStatus.Retrying, DeliveryStatus.Held, DeliveryStatus.Publishing, DeliveryStatus.Unknown];

    /// <summary>The first slot after <paramref name="now"/> not already taken by another delivery of the account (or earlier in this request).</summary>
    public async Task<DateTimeOffset> NextFreeSlotAsync(Account account, DateTimeOffset now, Dictionary<string, HashSet<long>> takenInRequest, CancellationToken ct)
    {
        var slots = await db.QueueSlots.AsNoTracking().Where(s => s.AccountId == account.Id).ToListAsync(ct);
        if (slots.Count == 0)
        {
            throw new HeraldProblem(422, "Empty queue", $"The account {account.Name} has no queue time slots yet; add some, or choose a time.",
                new Dictionary<string, object?> { ["violations"] = new[] { new Publishing.Violation(account.Id, account.Network, "queue", "no_slots", $"{account.Name} has no queue slots.") } });
        }
        var nowMs = now.ToUnixTimeMilliseconds();
        var taken = (await db.Deliveries.AsNoTracking()
            .Where(d => d.AccountId == account.Id && Occupying.Contains(d.Status) && d.DueAt != null)
            .Select(d => d.DueAt!.Value)
            .ToListAsync(ct)).Select(d => d.ToUnixTimeMilliseconds()).ToHashSet();
        if (!takenInRequest.TryGetValue(account.Id, out var mine))
        {
            takenInRequest[account.Id] = mine = [];
        }
        foreach (var instant in Upcoming(slots, account.TimeZone, now))
        {
            var ms = instant.ToUnixTimeMilliseconds();
            if (ms > nowMs && !taken.Contains(ms) && mine.Add(ms))
            {
                return instant;
            }
        }
        throw new HeraldProblem(422, "Queue full", $"Every queue slot of {account.Name} in the next year is taken.");
    }

    /// <summary>The slot instants from now on, in order, for up to a year.</summary>
    public IEnumerable<DateTimeOffset> Upcoming(IReadOnlyList<QueueSlot> slots, string timeZone, DateTimeOffset from)
    {
        var ordered = slots.OrderBy(s => s.MinuteOfDay).ToList();
        var startDay = clock.ToLocal(from, timeZone).Date;
        for (var day = 0; day < 371; day++)
        {
            var date = startDay.AddDays(day);
            foreach (var slot in ordered.Where(s => s.DayOfWeek == date.DayOfWeek))
            {
                var resolved = clock.Resolve(date.AddMinutes(slot.MinuteOfDay), timeZone);
                if (resolved.Instant > from)
                {
                    yield return resolved.Instant;
                }
            }
        }
    }

    /// <summary>The queued deliveries of an account, next first.</summary>
    public Task<List<Delivery>> QueuedAsync(string accountId, CancellationToken ct) =>
        db.Deliveries.Include(d => d.Post)
            .Where(d => d.AccountId == accountId && d.Status == DeliveryStatus.Scheduled && d.Post!.Kind == ScheduleKind.Queue)
            .OrderBy(d => d.DueAt).ToListAsync(ct);

    /// <summary>Puts the queued deliveries in the given order, keeping the same set of slot times.</summary>
    public async Task<List<Delivery>> ReorderAsync(string accountId, IReadOnlyList<string> deliveryIds, CancellationToken ct)
    {
        var queued = await QueuedAsync(accountId, ct);
        var byId = queued.ToDictionary(d => d.Id);
        if (deliveryIds.Count != queued.Count || deliveryIds.Distinct().Count() != queued.Count || deliveryIds.Any(id => !byId.ContainsKey(id)))
        {
            throw new HeraldProblem(422, "Invalid order", $"Give every queued delivery of this account exactly once ({queued.Count} queued).",
                new Dictionary<string, object?> { ["queued"] = queued.Select(d => d.Id).ToList() });
        }
        var times = queued.Select(d => d.DueAt!.Value).ToList();
        var now = time.GetUtcNow();
        for (var i = 0; i < deliveryIds.Count; i++)
        {
            var d = byId[deliveryIds[i]];
            d.DueAt = times[i];
            d.UpdatedAt = now;
            var parts = DeliveryPart.Read(d.PartsJson);
            parts.ForEach(p => p.CreatedAt = times[i]);
            d.PartsJson = DeliveryPart.Write(parts);
            var post = d.Post!;
            var zone = post.TimeZone ?? "UTC";
            post.ScheduledAt = times[i];
            post.ScheduledLocal = WallClock.Format(clock.ToLocal(times[i], zone));
            post.UpdatedAt = now;
        }
        await db.SaveChangesAsync(ct);
        return [.. deliveryIds.Select(id => byId[id])];
    }
}
