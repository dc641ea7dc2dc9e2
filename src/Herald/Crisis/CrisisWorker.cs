using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Herald.Crisis;

/// <summary>Crisis tuning (configuration section "Crisis").</summary>
public sealed class CrisisOptions
{
    /// <summary>How often rules run on the injected clock (new signals also wake them at once).</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>How often (real time) escalations and the crisis-mode sweep are checked.</summary>
    public TimeSpan IdleCheck { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Per-minute counts older than this are deleted (the volume baseline looks back at most this far).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(63);
}

/// <summary>Runs rule evaluation, escalation and the crisis-mode sweep, driven by the injected TimeProvider.</summary>
internal sealed partial class CrisisWorker(IServiceScopeFactory scopes, TimeProvider time, CrisisSignal signal, IOptions<CrisisOptions> options, ILogger<CrisisWorker> logger) : BackgroundService
{
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextEvaluation = DateTimeOffset.MinValue;
        var woken = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signal.WaitAsync();
            var o = options.Value;
            try
            {
                var now = time.GetUtcNow();
                var evaluate = woken || now >= nextEvaluation;
                await RunOnceAsync(evaluate, stoppingToken);
                if (evaluate)
                {
                    nextEvaluation = now + o.EvaluationInterval;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex);
            }
            try
            {
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var until = nextEvaluation - time.GetUtcNow();
                var tasks = new List<Task> { wake, Task.Delay(o.IdleCheck, cts.Token) };
                if (until > TimeSpan.Zero)
                {
                    tasks.Add(Task.Delay(until, time, cts.Token));
                }
                var done = await Task.WhenAny(tasks);
                woken = done == wake;
                await cts.CancelAsync();
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    internal async Task RunOnceAsync(bool evaluate, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        await sp.GetRequiredService<CrisisMode>().SweepAsync(ct);
        if (evaluate)
        {
            await sp.GetRequiredService<CrisisMonitor>().EvaluateAsync(null, ct);
            var now = time.GetUtcNow();
            if (now - _lastPrune > TimeSpan.FromHours(1))
            {
                // Counts older than the longest baseline are of no use; an hourly sweep keeps the table small.
                var cutoff = now - options.Value.Retention;
                await sp.GetRequiredService<Data.HeraldDb>().Set<SignalRollup>().Where(r => r.BucketStart < cutoff).ExecuteDeleteAsync(ct);
                _lastPrune = now;
            }
        }
        await sp.GetRequiredService<Escalation>().EscalateDueAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A crisis detection cycle failed; it will run again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
