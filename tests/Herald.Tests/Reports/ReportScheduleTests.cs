using Herald.Reports;

namespace Herald.Tests.Reports;

/// <summary>When scheduled reports go out and which period they cover.</summary>
public sealed class ReportScheduleTests
{
    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Weekly_reports_go_out_on_monday_at_eight_local_time()
    {
        // Tuesday 2026-11-24 in Paris (UTC+1): next Monday is 2026-11-30 08:00 local = 07:00 UTC.
        Assert.Equal(At("2026-11-30T07:00:00Z"), ReportSchedule.Next(ReportFrequency.Weekly, At("2026-11-24T10:00:00Z"), "Europe/Paris"));
        // Monday before eight: the same day; at eight exactly: the next week.
        Assert.Equal(At("2026-11-30T07:00:00Z"), ReportSchedule.Next(ReportFrequency.Weekly, At("2026-11-30T06:59:00Z"), "Europe/Paris"));
        Assert.Equal(At("2026-12-07T07:00:00Z"), ReportSchedule.Next(ReportFrequency.Weekly, At("2026-11-30T07:00:00Z"), "Europe/Paris"));
    }

    [Fact]
    public void Monthly_reports_go_out_on_the_first_and_follow_summer_time()
    {
        Assert.Equal(At("2026-12-01T07:00:00Z"), ReportSchedule.Next(ReportFrequency.Monthly, At("2026-11-24T10:00:00Z"), "Europe/Paris"));
        // April: Paris is UTC+2.
        Assert.Equal(At("2026-04-01T06:00:00Z"), ReportSchedule.Next(ReportFrequency.Monthly, At("2026-03-15T00:00:00Z"), "Europe/Paris"));
        Assert.Null(ReportSchedule.Next(ReportFrequency.None, At("2026-03-15T00:00:00Z"), "UTC"));
    }

    [Fact]
    public void A_report_covers_the_previous_week_or_month()
    {
        Assert.Equal((new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 29)), ReportSchedule.PeriodFor(ReportFrequency.Weekly, new DateOnly(2026, 11, 30)));
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), ReportSchedule.PeriodFor(ReportFrequency.Monthly, new DateOnly(2026, 12, 1)));
        Assert.Equal((new DateOnly(2025, 12, 1), new DateOnly(2025, 12, 31)), ReportSchedule.PeriodFor(ReportFrequency.Monthly, new DateOnly(2026, 1, 1)));
    }
}
