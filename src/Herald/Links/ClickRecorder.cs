using System.Threading.Channels;

namespace Herald.Links;

/// <summary>A click as the redirect saw it. The IP address lives only in memory, until the writer turns it into a visitor key.</summary>
public sealed record ClickEvent(string Id, string LinkId, DateTimeOffset At, string? Ip, string? UserAgent, string? Reason);

/// <summary>
/// Takes clicks off the redirect's hot path: an in-memory channel drained continuously by one writer, in batches of up
/// to <see cref="MaxBatch"/>, one transaction per batch. On a graceful stop the server stops taking requests first, then
/// the channel is completed and drained, so no click is lost. On a crash (SIGKILL, power) the clicks still in memory are
/// lost: the writer flushes as soon as clicks arrive, so that is the clicks of the batch being written and those that
/// arrived during it — well under a second of traffic (a 5,000-click batch takes ~50 ms on SQLite, ~30 ms on PostgreSQL).
/// </summary>
public sealed class ClickRecorder(ClickStore store, ILogger<ClickRecorder> logger) : BackgroundService
{
    public const int MaxBatch = 5000;
    private readonly Channel<ClickEvent> _channel = Channel.CreateBounded<ClickEvent>(new BoundedChannelOptions(500_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });
    private long _enqueued;
    private long _written;

    /// <summary>Clicks written to the database since start.</summary>
    public long Written => Interlocked.Read(ref _written);

    public ValueTask RecordAsync(ClickEvent click)
    {
        if (_channel.Writer.TryWrite(click))
        {
            Interlocked.Increment(ref _enqueued);
            return ValueTask.CompletedTask;
        }
        return SlowAsync(click);
    }

    private async ValueTask SlowAsync(ClickEvent click)
    {
        try
        {
            // Full: wait for the writer (back-pressure on the redirect rather than an unbounded buffer).
            await _channel.Writer.WriteAsync(click);
            Interlocked.Increment(ref _enqueued);
        }
        catch (ChannelClosedException)
        {
            // A request that came in while shutting down: write it directly rather than drop it.
            Interlocked.Increment(ref _enqueued);
            await store.InsertAsync([click], CancellationToken.None);
            Interlocked.Increment(ref _written);
        }
    }

    /// <summary>Waits (bounded) until every click recorded before the call is in the database; conversions need their click.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        var target = Interlocked.Read(ref _enqueued);
        for (var i = 0; i < 400 && Interlocked.Read(ref _written) < target; i++)
        {
            await Task.Delay(5, ct);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ClickEvent>(MaxBatch);
        // Not cancelled by the stopping token: the loop ends when StopAsync completes the channel and it is drained.
        while (await _channel.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && _channel.Reader.TryRead(out var click))
            {
                batch.Add(click);
            }
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await store.InsertAsync(batch, CancellationToken.None);
                    break;
                }
                catch (Exception ex) when (attempt < 5)
                {
                    logger.LogWarning(ex, "Writing {Count} clicks failed (attempt {Attempt}); retrying", batch.Count, attempt);
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), CancellationToken.None);
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Dropped {Count} clicks after 5 failed attempts to write them", batch.Count);
                    break;
                }
            }
            Interlocked.Add(ref _written, batch.Count);
            batch.Clear();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _channel.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        logger.LogWarning("Click recorder stopped; {Written} of {Enqueued} clicks written", Written, Interlocked.Read(ref _enqueued));
    }
}
