namespace Herald.Analytics;

/// <summary>
/// How often a post is read as it ages: engagement comes early, so every 15 minutes for the first 6 hours, hourly up to
/// 2 days, daily up to 30 days, then never again.
/// </summary>
public static class SnapshotSchedule
{
    public static readonly TimeSpan StopAfter = TimeSpan.FromDays(30);

    public static TimeSpan IntervalAt(TimeSpan age) =>
        age < TimeSpan.FromHours(6) ? TimeSpan.FromMinutes(15)
        : age < TimeSpan.FromDays(2) ? TimeSpan.FromHours(1)
        : TimeSpan.FromDays(1);

    /// <summary>The next reading after one taken at <paramref name="takenAt"/>, or null once the post is too old to follow.</summary>
    public static DateTimeOffset? Next(DateTimeOffset publishedAt, DateTimeOffset takenAt)
    {
        var next = takenAt + IntervalAt(takenAt - publishedAt);
        return next - publishedAt > StopAfter ? null : next;
    }

    /// <summary>Every reading of a post that lives its whole life (the benchmark's generator uses this too).</summary>
    public static IEnumerable<TimeSpan> Ages()
    {
        var age = TimeSpan.Zero;
        while (true)
        {
            var next = age + IntervalAt(age);
            if (next > StopAfter)
            {
                yield break;
            }
            age = next;
            yield return age;
        }
    }
}
