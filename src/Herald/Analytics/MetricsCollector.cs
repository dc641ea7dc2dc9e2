using Herald.Networks;
using Herald.Scheduling;

namespace Herald.Analytics;

/// <summary>Collector tuning. Tests turn it off and drive <see cref="MetricsCollector.CollectOnceAsync"/> on a fake clock.</summary>
public sealed class MetricsCollectorOptions
{
    public bool Enabled { get; set; } = true;
    public int Batch { get; set; } = 100;
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>How often, in real time, to look for work another process wrote (new publications).</summary>
    public TimeSpan IdleCheck { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>What one collection cycle did.</summary>
public sealed record CollectionResult(int Enrolled, int Read, int Failed, int Followers);

/// <summary>
/// Reads metrics as posts age: enrolls new publications, claims due readings with a lease (so several processes on one
/// PostgreSQL never read a post twice), asks each network's <see cref="IMetricsSource"/>, and records followers daily.
/// </summary>
public sealed class MetricsCollector(
    IServiceScopeFactory scopes,
    MetricsStore store,
    MetricsSources sources,
    AccountDirectory accounts,
    MetricsCollectorOptions options,
    TimeProvider time,
    ILogger<MetricsCollector> log,
    IEnumerable<ILinkStats> links) : BackgroundService
{
    private readonly string _worker = WorkerIdentity.Current() + ":metrics";
    private readonly ILinkStats? _links = links.LastOrDefault();

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
                    continue; // more may be due now
                }
                var next = await store.NextDueAsync(stoppingToken);
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var waits = new List<Task> { Task.Delay(options.IdleCheck, cts.Token) };
                if (next is { } due)
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
                // The database went away or a network misbehaved: the loop outlives it; leases protect claimed readings.
                log.LogError(ex, "Metrics collection failed; retrying in a minute");
                await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken);
            }
        }
    }

    /// <summary>One cycle at the clock's current time: enroll, read every due post (one batch), read followers once a day.</summary>
    public async Task<CollectionResult> CollectOnceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // Followers first, so posts enrolled in this cycle know their audience.
        var followers = await ReadFollowersAsync(now, ct);
        int enrolled;
        await using (var scope = scopes.CreateAsyncScope())
        {
            enrolled = await scope.ServiceProvider.GetRequiredService<MetricsEnrollment>().EnrollAsync(now, 500, ct);
        }
        var due = await store.ClaimAsync(_worker, now, options.Batch, options.Lease, ct);
        var clicks = _links is null || due.Count == 0 ? null : await _links.ClicksByDeliveryAsync(due.Select(d => d.DeliveryId).ToList(), ct);
        int read = 0, failed = 0;
        // A network that reads many posts in one call (Bluesky) gets one call per account for its due posts.
        var batched = new Dictionary<DueReading, NetworkResult<PostCounts>>();
        foreach (var group in due.Where(d => d.RemoteId is not null).GroupBy(d => d.AccountId).Where(g => g.Count() > 1))
        {
            var readings = group.ToList();
            if (sources.Find(readings[0].Network) is not IBatchMetricsSource source || await accounts.GetAsync(group.Key, ct) is not { } account)
            {
                continue;
            }
            NetworkResult<IReadOnlyDictionary<string, PostCounts>> result;
            try
            {
                result = await source.GetPostsAsync(accounts.ContextFor(account), [.. readings.Select(r => r.RemoteId!)], ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                result = new NetworkFailure(FailureKind.Transient, ex.Message);
            }
            foreach (var reading in readings)
            {
                batched[reading] = !result.Ok ? result.Failure!
                    : result.Value!.TryGetValue(reading.RemoteId!, out var counts) ? NetworkResult<PostCounts>.Success(counts)
                    : new NetworkFailure(FailureKind.Permanent, $"The {reading.Network} post {reading.RemoteId} is gone (deleted or hidden).", StatusCode: 404);
            }
        }
        foreach (var reading in due)
        {
            if (await ReadAsync(reading, batched.TryGetValue(reading, out var b) ? b : (NetworkResult<PostCounts>?)null, clicks, now, ct))
            {
                read++;
            }
            else
            {
                failed++;
            }
        }
        return new CollectionResult(enrolled, read, failed, followers);
    }

    private async Task<bool> ReadAsync(DueReading reading, NetworkResult<PostCounts>? batched, IReadOnlyDictionary<string, long>? clicks, DateTimeOffset now, CancellationToken ct)
    {
        NetworkResult<PostCounts> result;
        if (batched is { } answered)
        {
            result = answered;
        }
        else
        {
            var source = sources.Find(reading.Network);
            var account = await accounts.GetAsync(reading.AccountId, ct);
            if (source is null || account is null || reading.RemoteId is null)
            {
                await store.FailAsync(reading, source is null ? $"No metrics for the {reading.Network} network." : "The account or the post is gone.", null, ct);
                return false;
            }
            try
            {
                result = await source.GetPostAsync(accounts.ContextFor(account), reading.RemoteId, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                result = new NetworkFailure(FailureKind.Transient, ex.Message);
            }
        }
        if (result.Ok)
        {
            long? c = clicks is null ? null : clicks.GetValueOrDefault(reading.DeliveryId);
            await store.RecordAsync(reading, result.Value!, c, now, ct);
            return true;
        }
        var failure = result.Failure!;
        // A post deleted on the network (404) is no longer followed; anything else is tried again later.
        DateTimeOffset? retry = failure is { Kind: FailureKind.Permanent, StatusCode: 404 } ? null
            : now + (failure.RetryAfter ?? SnapshotSchedule.IntervalAt(now - DateTimeOffset.FromUnixTimeMilliseconds(reading.PublishedAt)));
        if (retry is { } r && r - DateTimeOffset.FromUnixTimeMilliseconds(reading.PublishedAt) > SnapshotSchedule.StopAfter)
        {
            retry = null;
        }
        log.LogInformation("Metrics of delivery {DeliveryId} not read: {Failure}", reading.DeliveryId, failure);
        await store.FailAsync(reading, failure.ToString(), retry, ct);
        return false;
    }

    private async Task<int> ReadFollowersAsync(DateTimeOffset now, CancellationToken ct)
    {
        var day = Days.Of(now);
        var due = await store.FollowersDueAsync(day, sources.Networks, ct);
        var read = 0;
        foreach (var id in due)
        {
            var account = await accounts.GetAsync(id, ct);
            if (account is null || sources.Find(account.Network) is not { } source)
            {
                continue;
            }
            try
            {
                var result = await source.GetFollowersAsync(accounts.ContextFor(account), ct);
                if (result.Ok)
                {
                    await store.RecordFollowersAsync(id, account.WorkspaceId, account.Network, day, result.Value, ct);
                    read++;
                }
                else
                {
                    log.LogInformation("Followers of account {AccountId} not read: {Failure}", id, result.Failure);
                }
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                log.LogInformation(ex, "Followers of account {AccountId} not read", id);
            }
        }
        return read;
    }
}
