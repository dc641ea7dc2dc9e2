namespace Herald.Web;

/// <summary>The IANA time zones the system knows, for the pickers.</summary>
public static class TimeZoneList
{
    private static readonly Lazy<IReadOnlyList<string>> Zones = new(() =>
        TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id)
            .Append("UTC").Distinct().Order(StringComparer.Ordinal).ToList());

    public static IReadOnlyList<string> All => Zones.Value;
}
