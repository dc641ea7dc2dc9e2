namespace Herald.Scheduling;

/// <summary>When to try again: exponential backoff with jitter for transient failures, the network's word for rate limits.</summary>
public sealed class RetryPolicy
{
    public int MaxTransientAttempts { get; init; } = 6;
    public int MaxAttempts { get; init; } = 20;
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(15);
    public TimeSpan DefaultRateLimitWait { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan UnknownRecheckDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Delay before attempt n+1 after n attempts: base x 2^(n-1), capped, with ±20% jitter so retries do not stampede.</summary>
    public TimeSpan Backoff(int attemptsSoFar, TimeSpan? serverSaid = null)
    {
        if (serverSaid is { } said && said > TimeSpan.Zero)
        {
            return said;
        }
        var exponent = Math.Clamp(attemptsSoFar - 1, 0, 20);
        var raw = Math.Min(BaseDelay.TotalMilliseconds * Math.Pow(2, exponent), MaxDelay.TotalMilliseconds);
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        return TimeSpan.FromMilliseconds(raw * jitter);
    }
}
