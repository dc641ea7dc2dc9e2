using System.Threading.Channels;
using Herald.Data;

namespace Herald.Links;

/// <summary>A click as the redirect saw it. The IP address lives only in memory, until the writer turns it into a visitor key.</summary>
public sealed record ClickEvent(string Id, string LinkId, DateTimeOffset At, string? Ip, string? UserAgent, string? Reason);

/// <summary>
/// Group commit of clicks: a redirect hands its click over and waits until the batch holding it is committed, so every
/// answered redirect has its click in the database, a crash of Herald (SIGKILL, OOM) included. (A crash of the database
/// server or the machine is covered as far as its commits are: see <see cref="ClickStore"/>.) The wait is one batch write (a few
/// ms): clicks that arrive while a batch is being written form the next batch, so one transaction carries as many clicks
/// as there are redirects in flight, and the database sees a handful of commits per second rather than one per click.
/// SQLite (one writer anyway) writes one batch at a time; PostgreSQL keeps up to four in flight, so batches build while others wait for their WAL flush.
/// </summary>
public sealed class ClickRecorder : BackgroundService
{
    private readonly ClickStore _store;
    private readonly ILogger<ClickRecorder> _logger;
    private readonly int _writers;
    private readonly SemaphoreSlim _slots;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _lock = new();
    private List<ClickEvent> _pending = [];
    private TaskCompletionSource _batch = NewBatch();
    private TaskCompletionSource? _lastStarted;
    private bool _stopping;
    private long _recorded;
    private long _written;
    private long _dropped;

    public ClickRecorder(ClickStore store, IDbConnectionFactory connections, ILogger<ClickRecorder> logger)
    {
        _store = store;
        _logger = logger;
        _writers = connections.Kind == DatabaseKind.Postgres ? 4 : 1;
        _slots = new SemaphoreSlim(_writers, _writers);
    }

    /// <summary>Clicks written to the database since start.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Clicks the database refused even after retries (logged); the redirect was still answered.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Completes once the click is committed (or, after the retries failed, given up and logged).</summary>
    public Task RecordAsync(ClickEvent click)
    {
        Interlocked.Increment(ref _recorded);
        Task committed;
        bool first;
        bool direct;
        lock (_lock)
        {
            direct = _stopping;
            first = false;
            committed = Task.CompletedTask;
            if (!direct)
            {
                _pending.Add(click);
                first = _pending.Count == 1;
                committed = _batch.Task;
            }
        }
        if (direct)
        {
            // A request that came in after the writer drained: write it on its own rather than drop it.
            return WriteAsync([click], null);
        }
        if (first)
        {
            _wake.Writer.TryWrite(true);
        }
        return committed;
    }

    /// <summary>Waits until every click recorded before the call is committed. Redirects already wait for their click;
    /// this is for callers that did not go through one.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        Task? pending;
        Task? started;
        lock (_lock)
        {
            pending = _pending.Count > 0 ? _batch.Task : null;
            started = _lastStarted?.Task;
        }
        if (started is not null)
        {
            await started.WaitAsync(ct);
        }
        if (pending is not null)
        {
            await pending.WaitAsync(ct);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not cancelled by the stopping token: the loop ends when StopAsync has stopped intake and the last batch is taken.
        while (true)
        {
            await _wake.Reader.WaitToReadAsync(CancellationToken.None);
            _wake.Reader.TryRead(out _);
            // Take a slot first: while every writer is busy, arriving clicks join the batch being built.
            await _slots.WaitAsync(CancellationToken.None);
            List<ClickEvent> batch;
            TaskCompletionSource done;
            bool last;
            lock (_lock)
            {
                batch = _pending;
                done = _batch;
                _pending = [];
                _batch = NewBatch();
                last = _stopping;
                if (batch.Count > 0)
                {
                    _lastStarted = done;
                }
            }
            if (batch.Count == 0)
            {
                _slots.Release();
                done.TrySetResult();
                if (last)
                {
                    break;
                }
                continue;
            }
            _ = WriteAsync(batch, done);
            if (last)
            {
                _wake.Writer.TryWrite(true);
            }
        }
        // Wait for the batches still being written.
        for (var i = 0; i < _writers; i++)
        {
            await _slots.WaitAsync(CancellationToken.None);
        }
    }

    private async Task WriteAsync(List<ClickEvent> batch, TaskCompletionSource? done)
    {
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await _store.InsertAsync(batch, CancellationToken.None);
                    Interlocked.Add(ref _written, batch.Count);
                    break;
                }
                catch (Exception ex) when (attempt < 5)
                {
                    _logger.LogWarning(ex, "Writing {Count} clicks failed (attempt {Attempt}); retrying", batch.Count, attempt);
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), CancellationToken.None);
                }
                catch (Exception ex)
                {
                    // The visitors are still redirected: a link that stops working because its statistics cannot be
                    // written would be worse than a gap in the statistics, which is logged and counted.
                    Interlocked.Add(ref _dropped, batch.Count);
                    _logger.LogError(ex, "Dropped {Count} clicks after 5 failed attempts to write them", batch.Count);
                    break;
                }
            }
        }
        finally
        {
            if (done is not null)
            {
                _slots.Release();
                done.TrySetResult();
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _stopping = true;
        }
        _wake.Writer.TryWrite(true);
        await base.StopAsync(cancellationToken);
        _logger.LogWarning("Click recorder stopped; {Written} of {Recorded} clicks written", Written, Interlocked.Read(ref _recorded));
    }

    private static TaskCompletionSource NewBatch() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
