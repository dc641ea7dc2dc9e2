namespace Herald.Curation;

/// <summary>Feed reader settings (section "Curation" of the configuration).</summary>
public sealed class CurationOptions
{
    /// <summary>How often a healthy feed is fetched; failures back off from here (doubling, up to a day).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>How often the poller looks for due feeds.</summary>
    public TimeSpan PollerTick { get; set; } = TimeSpan.FromMinutes(1);
    public int MaxItemsPerFetch { get; set; } = 200;
    /// <summary>Turns the background poller off (tests poll explicitly).</summary>
    public bool PollerEnabled { get; set; } = true;
}
