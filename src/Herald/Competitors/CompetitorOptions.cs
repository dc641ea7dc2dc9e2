namespace Herald.Competitors;

/// <summary>Competitor collection settings (configuration section "Competitors"). Tests turn the loop off and drive <see cref="CompetitorCollector.CollectOnceAsync"/>.</summary>
public sealed class CompetitorOptions
{
    public bool Enabled { get; set; } = true;
    /// <summary>How often each competitor is read when all goes well.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);
    /// <summary>How far back posts are read (and their counts refreshed).</summary>
    public TimeSpan Lookback { get; set; } = TimeSpan.FromDays(30);
    public int PostLimit { get; set; } = 200;
    public int Batch { get; set; } = 20;
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>The first wait after a failure; it doubles with each failure in a row, up to <see cref="Interval"/>.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>How often, in real time, to look for competitors added by another process.</summary>
    public TimeSpan IdleCheck { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Bluesky's public AppView (unauthenticated reads).</summary>
    public string BlueskyAppView { get; set; } = "https://public.api.bsky.app";

    /// <summary>When to try again after <paramref name="failures"/> failures in a row.</summary>
    public TimeSpan Backoff(int failures)
    {
        var wait = FirstBackoff * Math.Pow(2, Math.Clamp(failures - 1, 0, 20));
        return wait > Interval ? Interval : wait;
    }
}
