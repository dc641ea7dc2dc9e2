using System.Globalization;

namespace Herald.Scheduling;

/// <summary>Where time-zone rules come from. Swappable so a test can play a government changing its rules.</summary>
public interface ITimeZoneSource
{
    TimeZoneInfo? Find(string ianaId);
}

/// <summary>The operating system's IANA database (tzdata).</summary>
public sealed class SystemTimeZones : ITimeZoneSource
{
    public TimeZoneInfo? Find(string ianaId)
    {
        if (string.IsNullOrWhiteSpace(ianaId))
        {
            return null;
        }
        return TimeZoneInfo.TryFindSystemTimeZoneById(ianaId.Trim(), out var zone) && (zone.HasIanaId || ianaId == "UTC") ? zone : null;
    }
}

/// <summary>Validates IANA time-zone ids.</summary>
public static class TimeZones
{
    private static readonly SystemTimeZones System = new();

    /// <summary>Returns the id if the system knows it, else throws a 422 the user can act on.</summary>
    public static string Require(string id)
    {
        if (System.Find(id) is null)
        {
            throw new HeraldProblem(422, "Unknown time zone", $"'{id}' is not an IANA time zone such as Europe/Paris or America/New_York.");
        }
        return id.Trim();
    }
}

/// <summary>How a wall-clock time was turned into an instant.</summary>
public sealed record ResolvedTime(DateTimeOffset Instant, DateTime Local, string TimeZone, string? Adjustment);

/// <summary>
/// Turns the wall-clock time a user chose, in an IANA zone, into the UTC instant it means.
/// In a spring-forward gap (02:30 on the night clocks jump from 02:00 to 03:00) the time moves forward by the gap (03:30),
/// as calendars do; in a fall-back overlap (02:30 happens twice) the first occurrence is chosen.
/// </summary>
public sealed class WallClock(ITimeZoneSource zones)
{
    public const string LocalFormat = "yyyy-MM-dd'T'HH:mm:ss";

    public TimeZoneInfo Zone(string id) => zones.Find(id)
        ?? throw new HeraldProblem(422, "Unknown time zone", $"'{id}' is not an IANA time zone such as Europe/Paris or America/New_York.");

    public ResolvedTime Resolve(DateTime local, string timeZone)
    {
        var zone = Zone(timeZone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Walk forward minute by minute to the end of the gap; the gap length is the shift.
            var probe = local;
            while (zone.IsInvalidTime(probe))
            {
                probe = probe.AddMinutes(1);
            }
            var offsetAfter = zone.GetUtcOffset(probe);
            var offsetBefore = zone.GetUtcOffset(local.AddHours(-3));
            var shifted = local + (offsetAfter - offsetBefore);
            var instant = new DateTimeOffset(shifted, offsetAfter);
            return new ResolvedTime(instant.ToUniversalTime(), shifted, timeZone,
                $"{local.ToString("HH:mm", CultureInfo.InvariantCulture)} does not exist on {local:yyyy-MM-dd} in {timeZone} (clocks go forward); scheduled at {shifted.ToString("HH:mm", CultureInfo.InvariantCulture)}.");
        }
        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            var first = offsets.Max(); // the larger offset is the earlier instant (still on summer time)
            return new ResolvedTime(new DateTimeOffset(local, first).ToUniversalTime(), local, timeZone,
                $"{local.ToString("HH:mm", CultureInfo.InvariantCulture)} happens twice on {local:yyyy-MM-dd} in {timeZone} (clocks go back); the first one was chosen.");
        }
        return new ResolvedTime(new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime(), local, timeZone, null);
    }

    public DateTime ToLocal(DateTimeOffset instant, string timeZone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, Zone(timeZone)).DateTime, DateTimeKind.Unspecified);

    public static string Format(DateTime local) => local.ToString(LocalFormat, CultureInfo.InvariantCulture);

    public static bool TryParseLocal(string value, out DateTime local) =>
        DateTime.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out local);
}
