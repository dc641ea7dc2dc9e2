namespace Herald.Reports;

/// <summary>When a scheduled report is sent and which period it covers, in the workspace's time zone.</summary>
public static class ReportSchedule
{
    /// <summary>Reports go out at 08:00 local time: Mondays (weekly) or the 1st of the month (monthly).</summary>
    public static readonly TimeOnly SendAt = new(8, 0);

    /// <summary>The first send instant strictly after <paramref name="after"/>.</summary>
    public static DateTimeOffset? Next(ReportFrequency frequency, DateTimeOffset after, string zone)
    {
        if (frequency == ReportFrequency.None)
        {
            return null;
        }
        var tz = Scheduling.TimeZones.Get(zone);
        var localDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, tz).DateTime);
        for (var day = localDay; ; day = day.AddDays(1))
        {
            var due = frequency == ReportFrequency.Weekly ? day.DayOfWeek == DayOfWeek.Monday : day.Day == 1;
            if (!due)
            {
                continue;
            }
            // 08:00 local, resolved as a scheduled post's time is (moved forward by a gap, the first when it happens twice).
            var instant = Scheduling.TimeZones.Resolve(day.ToDateTime(SendAt), tz).Instant;
            if (instant > after)
            {
                return instant;
            }
        }
    }

    /// <summary>The period a report sent on <paramref name="sendDay"/> covers: the previous week (Monday–Sunday) or month.</summary>
    public static (DateOnly From, DateOnly To) PeriodFor(ReportFrequency frequency, DateOnly sendDay) => frequency switch
    {
        ReportFrequency.Monthly => (new DateOnly(sendDay.Year, sendDay.Month, 1).AddMonths(-1), new DateOnly(sendDay.Year, sendDay.Month, 1).AddDays(-1)),
        _ => (sendDay.AddDays(-7 - (((int)sendDay.DayOfWeek + 6) % 7)), sendDay.AddDays(-1 - (((int)sendDay.DayOfWeek + 6) % 7))),
    };
}
