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

/// <summary>
/// IANA time zones: looking one up, and the one rule Herald uses to turn a wall-clock time into an instant (scheduled
/// posts, queue slots, report sends, the start of a local day).
/// </summary>
public static class TimeZones
{
    private static readonly SystemTimeZones System = new();

    /// <summary>The zone of an IANA id, or null when the system does not know it.</summary>
    public static TimeZoneInfo? Find(string id) => System.Find(id);

    /// <summary>The zone of an IANA id; a 422 the user can act on when the system does not know it.</summary>
    public static TimeZoneInfo Get(string id) => System.Find(id) ?? throw Unknown(id);

    /// <summary>Returns the id if the system knows it, else throws a 422 the user can act on.</summary>
    public static string Require(string id)
    {
        _ = Get(id);
        return id.Trim();
    }

    internal static HeraldProblem Unknown(string id) =>
        new(422, "Unknown time zone", $"'{id}' is not an IANA time zone such as Europe/Paris or America/New_York.");

    /// <summary>
    /// The instant a wall-clock time means in <paramref name="zone"/>. In a spring-forward gap (02:30 on the night clocks
    /// jump from 02:00 to 03:00) the time moves forward by the gap's length (03:30), as calendars do; in a fall-back
    /// overlap (02:30 happens twice) it is the first occurrence.
    /// </summary>
    public static LocalInstant Resolve(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            var end = GapEnd(local, zone);
            var offsetAfter = zone.GetUtcOffset(end);
            var offsetBefore = zone.GetUtcOffset(new DateTimeOffset(end, offsetAfter).AddTicks(-1)); // just before the jump
            var shifted = local + (offsetAfter - offsetBefore);
            return new LocalInstant(new DateTimeOffset(shifted, offsetAfter).ToUniversalTime(), shifted, LocalTimeKind.InGap);
        }
        if (zone.IsAmbiguousTime(local))
        {
            var first = zone.GetAmbiguousTimeOffsets(local).Max(); // the larger offset is the earlier instant (still on summer time)
            return new LocalInstant(new DateTimeOffset(local, first).ToUniversalTime(), local, LocalTimeKind.Twice);
        }
        return new LocalInstant(new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime(), local, LocalTimeKind.Once);
    }

    /// <summary>
    /// The first wall-clock time at or after <paramref name="local"/> that exists in the zone: <paramref name="local"/>
    /// itself, or the end of the spring-forward gap it falls in (found minute by minute: gaps end on whole minutes).
    /// </summary>
    public static DateTime GapEnd(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        for (var i = 0; i < 2 * 24 * 60 && zone.IsInvalidTime(local); i++)
        {
            local = local.AddMinutes(1);
        }
        return local;
    }
}

/// <summary>Whether a wall-clock time exists once in its zone, falls in a spring-forward gap, or happens twice.</summary>
public enum LocalTimeKind
{
    Once,
    InGap,
    Twice,
}

/// <summary>A wall-clock time as an instant: <see cref="Local"/> is the wall-clock time it stands for (moved out of a gap).</summary>
public readonly record struct LocalInstant(DateTimeOffset Instant, DateTime Local, LocalTimeKind Kind);

/// <summary>How a wall-clock time was turned into an instant.</summary>
public sealed record ResolvedTime(DateTimeOffset Instant, DateTime Local, string TimeZone, string? Adjustment);

/// <summary>
/// Turns the wall-clock time a user chose, in an IANA zone, into the UTC instant it means (<see cref="TimeZones.Resolve"/>:
/// moved forward by a spring-forward gap, the first of a fall-back overlap), and says so when it had to choose.
/// </summary>
public sealed class WallClock(ITimeZoneSource zones)
{
    public const string LocalFormat = "yyyy-MM-dd'T'HH:mm:ss";

    public TimeZoneInfo Zone(string id) => zones.Find(id) ?? throw TimeZones.Unknown(id);

    public ResolvedTime Resolve(DateTime local, string timeZone)
    {
        var resolved = TimeZones.Resolve(local, Zone(timeZone));
        var chosen = local.ToString("HH:mm", CultureInfo.InvariantCulture);
        return new ResolvedTime(resolved.Instant, resolved.Local, timeZone, resolved.Kind switch
        {
            LocalTimeKind.InGap => $"{chosen} does not exist on {local:yyyy-MM-dd} in {timeZone} (clocks go forward); scheduled at {resolved.Local.ToString("HH:mm", CultureInfo.InvariantCulture)}.",
            LocalTimeKind.Twice => $"{chosen} happens twice on {local:yyyy-MM-dd} in {timeZone} (clocks go back); the first one was chosen.",
            _ => null,
        });
    }

    public DateTime ToLocal(DateTimeOffset instant, string timeZone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, Zone(timeZone)).DateTime, DateTimeKind.Unspecified);

    public static string Format(DateTime local) => local.ToString(LocalFormat, CultureInfo.InvariantCulture);

    public static bool TryParseLocal(string value, out DateTime local) =>
        DateTime.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out local);
}
