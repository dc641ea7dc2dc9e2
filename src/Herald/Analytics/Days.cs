namespace Herald.Analytics;

/// <summary>Analytics counts in UTC days, stored as <see cref="DateOnly.DayNumber"/> so SQL compares plain integers.</summary>
public static class Days
{
    public static int Of(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime).DayNumber;

    public static DateOnly Date(int day) => DateOnly.FromDayNumber(day);

    public static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
