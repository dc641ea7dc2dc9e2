namespace Herald.Scheduling;

/// <summary>Tuning of the dispatcher; the defaults suit one Herald process on a small machine.</summary>
public sealed class DispatcherOptions
{
    /// <summary>Run the dispatcher in this process (off for CLI commands).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Deliveries in flight at once in this process.</summary>
    public int MaxInFlight { get; set; } = 64;

    /// <summary>Deliveries claimed per query.</summary>
    public int ClaimBatch { get; set; } = 200;

    /// <summary>How long a claim is held before another process may take it over as "unknown".</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A cheap look for work written by another process (the CLI, or another Herald on PostgreSQL).</summary>
    public TimeSpan IdleCheck { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often expired leases of other processes are recovered.</summary>
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Outcomes written per transaction.</summary>
    public int CompletionBatch { get; set; } = 500;
}
