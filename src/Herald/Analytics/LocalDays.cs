using System.Globalization;

namespace Herald.Analytics;

/// <summary>
/// Days of a time zone (a workspace's), for figures that must count local midnight to local midnight: the instants a
/// local day starts, and, in SQL, the local day of an instant stored as Unix milliseconds. SQLite knows no time zones,
/// so the SQL adds the zone's offset by plain integer arithmetic, one offset per stretch between two changes of it.
/// </summary>
public static class LocalDays
{
    private const long DayMs = 86_400_000;

    /// <summary><see cref="DateOnly.DayNumber"/> of 1970-01-01: a Unix day plus this is a DayNumber.</summary>
    public static readonly int UnixEpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    public static TimeZoneInfo Zone(string id) => Scheduling.TimeZones.Get(id);

    /// <summary>True when the zone is UTC all year (its local days are the UTC days the rollups are keyed by).</summary>
    public static bool IsUtc(TimeZoneInfo zone) => zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime;

    /// <summary>
    /// The instant a local day starts in the zone: its first instant whose local date is <paramref name="day"/>. When
    /// midnight falls in a spring-forward gap, the gap's end; when it happens twice (Atlantic/Azores, America/Havana fall
    /// back from 01:00 to 00:00), the first midnight, so every instant <see cref="Of"/> puts on the day is inside it.
    /// </summary>
    public static DateTimeOffset Start(DateOnly day, TimeZoneInfo zone) =>
        Scheduling.TimeZones.Resolve(Scheduling.TimeZones.GapEnd(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone), zone).Instant;

    /// <summary>
    /// The instants of the days <paramref name="from"/> to <paramref name="to"/> (both included) of <paramref name="zone"/>,
    /// local midnight to local midnight; null when the zone is null or UTC, whose days are the UTC days the rollups use.
    /// </summary>
    public static LocalPeriod? Period(DateOnly from, DateOnly to, TimeZoneInfo? zone) =>
        zone is null || IsUtc(zone) ? null : new LocalPeriod(Start(from, zone), Start(to.AddDays(1), zone), zone);

    /// <summary>The local day of an instant in the zone.</summary>
    public static DateOnly Of(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>
    /// SQL for the local <see cref="DateOnly.DayNumber"/> of <paramref name="column"/> (Unix milliseconds), exact for the
    /// instants in [<paramref name="from"/>, <paramref name="to"/>): the zone's offsets there are written into the SQL
    /// as literals (numbers computed here, never user input), so both databases run the same arithmetic.
    /// </summary>
    public static string DayNumberSql(string column, TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to)
    {
        var offsets = Offsets(zone, from, to);
        string Ms(long v) => v.ToString(CultureInfo.InvariantCulture);
        var offset = offsets.Count == 1
            ? Ms(offsets[0].OffsetMs)
            : "CASE " + string.Concat(offsets.Skip(1).Select((o, i) => $"WHEN {column} < {Ms(o.FromMs)} THEN {Ms(offsets[i].OffsetMs)} "))
              + $"ELSE {Ms(offsets[^1].OffsetMs)} END";
        // Instants after 1970 plus any offset are positive, so integer division is a floor on both databases.
        return $"(({column} + {offset}) / {DayMs} + {UnixEpochDay})";
    }

    /// <summary>The zone's offset from <paramref name="from"/> on, and each change of it before <paramref name="to"/>.</summary>
    private static List<(long FromMs, long OffsetMs)> Offsets(TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to)
    {
        long OffsetAt(DateTimeOffset t) => (long)zone.GetUtcOffset(t).TotalMilliseconds;
        var list = new List<(long, long)> { (from.ToUnixTimeMilliseconds(), OffsetAt(from)) };
        if (IsUtc(zone))
        {
            return list;
        }
        // Offsets change a few times a year, on a whole minute: find each change hour by hour, then its minute.
        for (var t = from; t < to; t = t.AddHours(1))
        {
            var next = t.AddHours(1);
            if (OffsetAt(next) == list[^1].Item2)
            {
                continue;
            }
            var change = t;
            while (OffsetAt(change) == list[^1].Item2)
            {
                change = change.AddMinutes(1);
            }
            list.Add((change.ToUnixTimeMilliseconds(), OffsetAt(change)));
        }
        return list;
    }
}
