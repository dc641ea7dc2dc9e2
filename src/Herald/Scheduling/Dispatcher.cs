using System.Threading.Channels;
using Herald.Data;

namespace Herald.Scheduling;

/// <summary>
/// The heart of Herald. Sleeps until the next delivery is due (or a new post wakes it), claims due deliveries with a lease,
/// publishes them within the per-account and per-network budgets, and writes outcomes back in batches.
/// </summary>
public sealed class Dispatcher(
    DeliveryStore store,
    PublishRunner runner,
    DispatcherSignal signal,
    DispatcherOptions options,
    DispatcherState state,
    TimeProvider time,
    ILogger<Dispatcher> log) : BackgroundService
{
    private readonly Channel<DeliveryCompletion> _completions = Channel.CreateUnbounded<DeliveryCompletion>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _capacity = new(options.MaxInFlight, options.MaxInFlight);
    private int _inFlight;

    public string Worker { get; } = WorkerIdentity.Current();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }
        // Let start-up finish before the first database round trip.
        await Task.Yield();
        state.Running = true;
        state.Worker = Worker;
        var writer = Task.Run(() => WriteCompletionsAsync(CancellationToken.None), CancellationToken.None);
        var lastRecovery = time.GetUtcNow();
        var recoveredAtStart = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (!recoveredAtStart)
                    {
                        // On SQLite one process owns the data folder, so anything left "publishing" was ours before a crash.
                        var recovered = await store.RecoverAsync(time.GetUtcNow(), allOrphans: store.Kind == DatabaseKind.Sqlite, stoppingToken);
                        recoveredAtStart = true;
                        if (recovered > 0)
                        {
                            log.LogWarning("{Count} deliveries were left publishing by a stopped process; they will be reconciled before any retry", recovered);
                        }
                    }
                    await CycleAsync(lastRecovery, stoppingToken);
                    if (time.GetUtcNow() - lastRecovery >= options.RecoveryInterval)
                    {
                        lastRecovery = time.GetUtcNow();
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database went away, a query failed: the loop must outlive it. Claimed work is protected by leases.
                    state.LastError = ex.Message;
                    log.LogError(ex, "Dispatcher cycle failed; retrying in a second");
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Graceful shutdown: let in-flight deliveries finish (their calls are bounded by time-outs) and write their outcomes.
            var deadline = Environment.TickCount64 + 30_000;
            while (Volatile.Read(ref _inFlight) > 0 && Environment.TickCount64 < deadline)
            {
                await Task.Delay(20, CancellationToken.None);
            }
            _completions.Writer.TryComplete();
            await writer;
            state.Running = false;
        }
    }

    private async Task CycleAsync(DateTimeOffset lastRecovery, CancellationToken stoppingToken)
    {
        var wake = signal.WaitAsync();
        var now = time.GetUtcNow();
        if (now - lastRecovery >= options.RecoveryInterval)
        {
            await store.RecoverAsync(now, allOrphans: false, stoppingToken);
        }
        var inFlight = Volatile.Read(ref _inFlight);
        var free = options.MaxInFlight - inFlight;
        // Claim in batches: while most slots are busy, let a few more free up rather than run a transaction for one row.
        if (inFlight > 0 && free < Math.Min(options.ClaimBatch, options.MaxInFlight) / 4)
        {
            await Task.WhenAny(wake, _capacityFreed.Task, Task.Delay(options.IdleCheck, stoppingToken));
            return;
        }
        var claimed = free > 0
            ? await store.ClaimDueAsync(Worker, now, Math.Min(free, options.ClaimBatch), options.Lease, stoppingToken)
            : [];
        state.LastCycleAt = now;
        state.LastError = null;
        if (claimed.Count > 0)
        {
            log.LogDebug("Claimed {Count} due deliveries ({Free} free slots)", claimed.Count, free);
        }
        foreach (var claim in claimed)
        {
            await _capacity.WaitAsync(stoppingToken);
            Interlocked.Increment(ref _inFlight);
            _ = Task.Run(() => PublishAsync(claim, stoppingToken), CancellationToken.None);
        }
        if (claimed.Count > 0 && claimed.Count == Math.Min(free, options.ClaimBatch))
        {
            return; // more may be due right now
        }
        await WaitForWorkAsync(wake, stoppingToken);
    }

    private async Task WaitForWorkAsync(Task wake, CancellationToken ct)
    {
        var next = await store.NextDueAsync(ct);
        state.NextDueAt = next;
        log.LogDebug("Next due {Next}; {InFlight} in flight", next, Volatile.Read(ref _inFlight));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var waits = new List<Task> { wake, _capacityFreed.Task };
        if (next is { } due)
        {
            var untilDue = due - time.GetUtcNow();
            if (untilDue <= TimeSpan.Zero)
            {
                // Due but not claimable (a rate-limited account, or no capacity): don't spin.
                untilDue = TimeSpan.FromMilliseconds(Volatile.Read(ref _inFlight) >= options.MaxInFlight ? 20 : 250);
            }
            // Wakes exactly when the next delivery is due, on the injected clock (re-armed at least hourly: timers have a range).
            waits.Add(Task.Delay(untilDue > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : untilDue, time, cts.Token));
        }
        // A cheap look, in real time, for work written by another process (the CLI, another Herald on PostgreSQL).
        waits.Add(Task.Delay(options.IdleCheck, cts.Token));
        await Task.WhenAny(waits);
        await cts.CancelAsync();
    }

    private TaskCompletionSource _capacityFreed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task PublishAsync(ClaimedDelivery claim, CancellationToken ct)
    {
        try
        {
            DeliveryCompletion? completion;
            try
            {
                completion = await runner.RunAsync(claim, Worker, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Shutting down mid-call: the outcome is not known; reconcile on the next start.
                completion = new DeliveryCompletion(claim.Id, claim.AttemptId, "Unknown", "unknown", claim.PartsJson, null, null,
                    "Herald stopped during this attempt; it will be reconciled with the network.", "unknown_outcome",
                    time.GetUtcNow().ToUnixTimeMilliseconds(), null, time.GetUtcNow().ToUnixTimeMilliseconds(), 0);
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Delivery {DeliveryId} failed unexpectedly", claim.Id);
                completion = new DeliveryCompletion(claim.Id, claim.AttemptId, "Unknown", "unknown", claim.PartsJson, null, null,
                    "Unexpected error in Herald: " + ex.Message, "unknown_outcome",
                    (time.GetUtcNow() + TimeSpan.FromSeconds(30)).ToUnixTimeMilliseconds(), null, time.GetUtcNow().ToUnixTimeMilliseconds(), 0);
            }
            if (completion is not null)
            {
                await _completions.Writer.WriteAsync(completion, CancellationToken.None);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            _capacity.Release();
            Interlocked.Exchange(ref _capacityFreed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    private async Task WriteCompletionsAsync(CancellationToken ct)
    {
        var batch = new List<DeliveryCompletion>(options.CompletionBatch);
        var reader = _completions.Reader;
        while (await reader.WaitToReadAsync(ct))
        {
            while (batch.Count < options.CompletionBatch && reader.TryRead(out var c))
            {
                batch.Add(c);
            }
            for (var attempt = 1; attempt <= 10; attempt++)
            {
                try
                {
                    await store.CompleteAsync(batch, Worker, ct);
                    var published = batch.Where(c => c.Status == "Published").Select(c => c.DeliveryId).ToList();
                    state.Published += published.Count;
                    state.Completed += batch.Count;
                    break;
                }
                catch (Exception ex)
                {
                    // Keep the outcome and try again (a busy database, a dropped connection). If the database stays
                    // unreachable, the deliveries stay "publishing" and are reconciled as "unknown" once their lease ends.
                    log.LogWarning(ex, "Writing {Count} delivery outcomes failed (attempt {Attempt})", batch.Count, attempt);
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt * attempt), CancellationToken.None);
                }
            }
            batch.Clear();
            signal.Wake();
        }
    }
}

/// <summary>What /healthz reports about this process's dispatcher.</summary>
public sealed class DispatcherState
{
    public bool Running { get; set; }
    public string? Worker { get; set; }
    public DateTimeOffset? LastCycleAt { get; set; }
    public DateTimeOffset? NextDueAt { get; set; }
    public long Published { get; set; }
    public long Completed { get; set; }
    public string? LastError { get; set; }
}
