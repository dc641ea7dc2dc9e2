using Herald.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Herald.Notifications;

/// <summary>
/// Sends what the outbox holds: claims due messages with a lease (a conditional update, safe with several processes),
/// sends them, and records the outcome; failures back off exponentially with jitter until <see cref="NotificationOptions.MaxAttempts"/>.
/// </summary>
internal sealed partial class OutboxWorker(
    IServiceScopeFactory scopes, TimeProvider time, NotificationSignal signal, IOptions<NotificationOptions> options, ILogger<OutboxWorker> logger) : BackgroundService
{
    private const int Batch = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signal.WaitAsync();
            DateTimeOffset? next = null;
            try
            {
                var claimed = await RunOnceAsync(stoppingToken);
                if (claimed == Batch)
                {
                    continue;
                }
                next = await NextDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogCycleFailed(logger, ex);
            }
            try
            {
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var waits = new List<Task> { wake, Task.Delay(options.Value.IdleCheck, cts.Token) };
                if (next is { } due)
                {
                    var until = due - time.GetUtcNow();
                    if (until <= TimeSpan.Zero)
                    {
                        continue;
                    }
                    waits.Add(Task.Delay(until > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : until, time, cts.Token));
                }
                await Task.WhenAny(waits);
                await cts.CancelAsync();
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>One pass: claim up to a batch of due messages and send them. Returns how many were claimed.</summary>
    internal async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
        var now = time.GetUtcNow();
        var candidates = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => (m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending) && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(Batch).ToListAsync(ct);
        var claimed = 0;
        foreach (var id in candidates)
        {
            // The lease is the next attempt time: a sender that dies leaves the row due again once the lease ends.
            var lease = now + o.Lease;
            var won = await db.Set<OutboxMessage>()
                .Where(m => m.Id == id && (m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending) && m.NextAttemptAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.NextAttemptAt, lease)
                    .SetProperty(m => m.LeaseUntil, lease).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
            if (won == 0)
            {
                continue;
            }
            claimed++;
            var message = await db.Set<OutboxMessage>().FirstAsync(m => m.Id == id, ct);
            SendOutcome outcome;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(o.RequestTimeout);
                outcome = await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendAsync(message, timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                outcome = SendOutcome.Transient("Timed out.");
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                outcome = SendOutcome.Transient(ex.GetBaseException().Message);
            }
            Apply(message, outcome, time.GetUtcNow(), o);
            await db.SaveChangesAsync(ct);
        }
        return claimed;
    }

    internal static void Apply(OutboxMessage message, SendOutcome outcome, DateTimeOffset now, NotificationOptions o)
    {
        message.LeaseUntil = null;
        if (outcome.Sent)
        {
            message.Status = OutboxStatus.Sent;
            message.SentAt = now;
            message.LastError = null;
            return;
        }
        message.LastError = outcome.Error is { Length: > 1000 } e ? e[..1000] : outcome.Error;
        if (!outcome.Retry || message.Attempts >= o.MaxAttempts)
        {
            message.Status = OutboxStatus.Failed;
            return;
        }
        var wait = Backoff.Delay(message.Attempts, o.BaseDelay, o.MaxDelay, Random.Shared.NextDouble());
        if (outcome.RetryAfter is { } asked && asked > wait)
        {
            wait = asked;
        }
        message.Status = OutboxStatus.Pending;
        message.NextAttemptAt = now + wait;
    }

    private async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
        return await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending)
            .OrderBy(m => m.NextAttemptAt).Select(m => (DateTimeOffset?)m.NextAttemptAt).FirstOrDefaultAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The notification outbox cycle failed; it will try again")]
    private static partial void LogCycleFailed(ILogger logger, Exception exception);
}
