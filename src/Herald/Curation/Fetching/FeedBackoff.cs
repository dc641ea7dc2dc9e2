namespace Herald.Curation.Fetching;

/// <summary>When to try a failing feed again: doubling from the poll interval up to a day, or later if the server says so.</summary>
public static class FeedBackoff
{
    public static readonly TimeSpan Max = TimeSpan.FromHours(24);

    public static DateTimeOffset Next(DateTimeOffset now, TimeSpan interval, int failures, TimeSpan? retryAfter)
    {
        var exponent = Math.Clamp(failures - 1, 0, 16);
        var wait = TimeSpan.FromTicks(Math.Min(interval.Ticks * (1L << exponent), Max.Ticks));
        if (retryAfter is { } asked && asked > wait)
        {
            wait = asked < Max ? asked : Max;
        }
        return now + wait;
    }
}
