using Herald.Data;
using Herald.Networks;
using Microsoft.EntityFrameworkCore;

namespace Herald.Competitors;

/// <summary>What one collection cycle did.</summary>
public sealed record CompetitorCollection(int Read, int Failed);

/// <summary>
/// Reads every due competitor: its profile (followers of the day) then its recent posts' counts. A failure (429, 5xx,
/// time-out) keeps everything stored and pushes the competitor back: Retry-After when given, else a doubling backoff.
/// </summary>
public sealed class CompetitorCollector(IServiceScopeFactory scopes, CompetitorOptions options, TimeProvider time, ILogger<CompetitorCollector> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = await CollectOnceAsync(stoppingToken);
                if (result.Read + result.Failed >= options.Batch)
                {
                    continue;
                }
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var waits = new List<Task> { Task.Delay(options.IdleCheck, cts.Token) };
                if (await NextDueAsync(stoppingToken) is { } due)
                {
                    var wait = due - time.GetUtcNow();
                    wait = wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : wait;
                    waits.Add(Task.Delay(wait, time, cts.Token));
                }
                await Task.WhenAny(waits);
                await cts.CancelAsync();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Competitor collection failed; retrying in a minute");
                await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken);
            }
        }
    }

    /// <summary>One cycle at the clock's current time: claims up to a batch of due competitors and reads each.</summary>
    public async Task<CompetitorCollection> CollectOnceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        int read = 0, failed = 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
        var due = await db.Set<Competitor>().AsNoTracking().Where(c => c.NextDueAt <= now)
            .OrderBy(c => c.NextDueAt).Take(options.Batch).Select(c => new { c.Id, c.NextDueAt }).ToListAsync(ct);
        var recorder = scope.ServiceProvider.GetRequiredService<CompetitorRecorder>();
        foreach (var d in due)
        {
            // The claim: moving the due time forward by a lease succeeds for one process only.
            var until = now + options.Lease;
            var claimed = await db.Set<Competitor>().Where(c => c.Id == d.Id && c.NextDueAt == d.NextDueAt)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextDueAt, until), ct);
            if (claimed == 0)
            {
                continue;
            }
            if (await recorder.CollectAsync(d.Id, now, ct))
            {
                read++;
            }
            else
            {
                failed++;
            }
        }
        return new CompetitorCollection(read, failed);
    }

    private async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
        return await db.Set<Competitor>().AsNoTracking().OrderBy(c => c.NextDueAt).Select(c => (DateTimeOffset?)c.NextDueAt).FirstOrDefaultAsync(ct);
    }
}
