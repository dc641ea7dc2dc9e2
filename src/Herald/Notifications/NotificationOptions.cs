namespace Herald.Notifications;

/// <summary>Delivery tuning for the outbox (configuration section "Notifications").</summary>
public sealed class NotificationOptions
{
    /// <summary>Attempts before a message is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;
    /// <summary>The first retry waits about this long; each next one twice as long (with jitter), up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How long one webhook call may take before it counts as a time-out (and is retried).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>A claimed message whose sender vanished is retried after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>How often the worker looks for work when nothing woke it (real time).</summary>
    public TimeSpan IdleCheck { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>The absolute base of links in messages (e.g. https://herald.example.com); root-relative links stay as they are without it.</summary>
    public string? PublicUrl { get; set; }
}

/// <summary>Exponential backoff with jitter: attempt n waits between half and all of min(max, base × 2^(n-1)).</summary>
public static class Backoff
{
    public static TimeSpan Delay(int failedAttempts, TimeSpan baseDelay, TimeSpan max, double jitter)
    {
        var exponent = Math.Min(Math.Max(failedAttempts - 1, 0), 30);
        var full = Math.Min(max.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        // Jitter spreads retries of many messages that failed together (one receiver down) instead of a thundering herd.
        return TimeSpan.FromMilliseconds(full * (0.5 + (0.5 * Math.Clamp(jitter, 0, 1))));
    }
}
