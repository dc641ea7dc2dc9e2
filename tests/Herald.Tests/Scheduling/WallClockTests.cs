using Herald.Scheduling;

namespace Herald.Tests.Scheduling;

/// <summary>Wall-clock times in IANA zones: daylight-saving gaps and overlaps, and zones whose rules change.</summary>
public sealed class WallClockTests
{
    private readonly WallClock _clock = new(new SystemTimeZones());

    [Fact]
    public void A_time_in_the_spring_forward_gap_moves_forward_by_the_gap()
    {
        // Europe/Paris, 29 March 2026: 02:00 jumps to 03:00, so 02:30 does not exist.
        var resolved = _clock.Resolve(new DateTime(2026, 3, 29, 2, 30, 0), "Europe/Paris");
        Assert.Equal(DateTimeOffset.Parse("2026-03-29T01:30:00Z", System.Globalization.CultureInfo.InvariantCulture), resolved.Instant);
        Assert.Equal(new DateTime(2026, 3, 29, 3, 30, 0), resolved.Local);
        Assert.Contains("does not exist", resolved.Adjustment);
    }

    [Fact]
    public void A_time_in_the_fall_back_overlap_takes_the_first_occurrence()
    {
        // Europe/Paris, 25 October 2026: 03:00 goes back to 02:00, so 02:30 happens twice (00:30Z and 01:30Z).
        var resolved = _clock.Resolve(new DateTime(2026, 10, 25, 2, 30, 0), "Europe/Paris");
        Assert.Equal(DateTimeOffset.Parse("2026-10-25T00:30:00Z", System.Globalization.CultureInfo.InvariantCulture), resolved.Instant);
        Assert.Contains("happens twice", resolved.Adjustment);
    }

    [Fact]
    public void A_half_hour_gap_moves_the_time_forward_by_half_an_hour()
    {
        // Australia/Lord_Howe, 4 October 2026: 02:00 jumps to 02:30 (UTC+10:30 to UTC+11), so 02:15 does not exist.
        var resolved = _clock.Resolve(new DateTime(2026, 10, 4, 2, 15, 0), "Australia/Lord_Howe");
        Assert.Equal(new DateTime(2026, 10, 4, 2, 45, 0), resolved.Local);
        Assert.Equal(DateTimeOffset.Parse("2026-10-03T15:45:00Z", System.Globalization.CultureInfo.InvariantCulture), resolved.Instant);
        Assert.Contains("scheduled at 02:45", resolved.Adjustment);
    }

    [Fact]
    public void An_ordinary_time_is_converted_with_the_offset_of_that_date()
    {
        Assert.Equal(DateTimeOffset.Parse("2026-07-01T07:00:00Z", System.Globalization.CultureInfo.InvariantCulture), _clock.Resolve(new DateTime(2026, 7, 1, 9, 0, 0), "Europe/Paris").Instant);
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture), _clock.Resolve(new DateTime(2026, 12, 1, 9, 0, 0), "Europe/Paris").Instant);
        Assert.Null(_clock.Resolve(new DateTime(2026, 12, 1, 9, 0, 0), "Europe/Paris").Adjustment);
    }

    [Fact]
    public void An_unknown_zone_is_a_clear_error()
    {
        var problem = Assert.Throws<HeraldProblem>(() => _clock.Resolve(new DateTime(2026, 12, 1, 9, 0, 0), "Mars/Olympus"));
        Assert.Equal(422, problem.Status);
        Assert.Contains("IANA", problem.Detail);
    }
}
