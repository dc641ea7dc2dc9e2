using Herald.Data;
using Microsoft.EntityFrameworkCore;

namespace Herald.Scheduling;

/// <summary>
/// Keeps what the user meant when time-zone rules change (a country drops daylight saving, tzdata is updated): every post
/// scheduled at a wall-clock time is resolved again from that time and its zone, and its deliveries move to the new instant.
/// Runs when Herald starts and every hour.
/// </summary>
public sealed class ScheduleRefresher(HeraldDb db, WallClock clock, DispatcherSignal signal, TimeProvider time, ILogger<ScheduleRefresher> log)
{
    public async Task<int> RefreshAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var posts = await db.Posts.Include(p => p.Deliveries)
            .Where(p => p.Kind == ScheduleKind.At && p.ScheduledLocal != null && p.TimeZone != null && p.ScheduledAt > now
                && p.Deliveries.Any(d => d.Status == DeliveryStatus.Scheduled || d.Status == DeliveryStatus.Held))
            .ToListAsync(ct);
        var moved = 0;
        foreach (var post in posts)
        {
            if (!WallClock.TryParseLocal(post.ScheduledLocal!, out var local))
            {
                continue;
            }
            ResolvedTime resolved;
            try
            {
                resolved = clock.Resolve(local, post.TimeZone!);
            }
            catch (HeraldProblem)
            {
                continue; // The zone disappeared from tzdata: keep the instant we had.
            }
            if (resolved.Instant == post.ScheduledAt)
            {
                continue;
            }
            log.LogInformation("Post {PostId}: {Local} {Zone} now means {New:u} (was {Old:u}); time-zone rules changed",
                post.Id, post.ScheduledLocal, post.TimeZone, resolved.Instant, post.ScheduledAt);
            post.ScheduledAt = resolved.Instant;
            foreach (var d in post.Deliveries.Where(d => d.Status is DeliveryStatus.Scheduled or DeliveryStatus.Held))
            {
                d.DueAt = resolved.Instant;
                var parts = DeliveryPart.Read(d.PartsJson);
                parts.ForEach(p => p.CreatedAt = resolved.Instant);
                d.PartsJson = DeliveryPart.Write(parts);
                d.UpdatedAt = now;
            }
            moved++;
        }
        if (moved > 0)
        {
            await db.SaveChangesAsync(ct);
            signal.Wake();
        }
        return moved;
    }
}

/// <summary>Runs <see cref="ScheduleRefresher"/> at start-up and every hour.</summary>
public sealed class ScheduleRefreshService(IServiceScopeFactory scopes, DispatcherOptions options, TimeProvider time, ILogger<ScheduleRefreshService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ScheduleRefresher>().RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Re-resolving scheduled times failed; will try again in an hour");
            }
            try
            {
                await Task.Delay(TimeSpan.FromHours(1), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
