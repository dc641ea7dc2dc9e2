using Microsoft.EntityFrameworkCore;
using Herald.Data;

namespace Herald.Curation.Subscriptions;

/// <summary>Polls every subscription when it is due (its interval, or its backoff after failures), on the injected clock.</summary>
public sealed class FeedPoller(IServiceScopeFactory scopes, TimeProvider time, CurationOptions options, ILogger<FeedPoller> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(ex, "Feed polling cycle failed");
            }
            try
            {
                await Task.Delay(options.PollerTick, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Polls the subscriptions due now, a few at a time; returns how many were polled.</summary>
    public async Task<int> PollDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        List<string> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
            due = await db.Set<FeedSubscription>().Where(s => s.NextFetchAt <= now).OrderBy(s => s.NextFetchAt).Select(s => s.Id).Take(100).ToListAsync(ct);
        }
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (id, token) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
            var subscription = await db.Set<FeedSubscription>().FirstOrDefaultAsync(s => s.Id == id, token);
            if (subscription is not null)
            {
                await scope.ServiceProvider.GetRequiredService<SubscriptionService>().PollAsync(subscription, token);
            }
        });
        return due.Count;
    }
}
