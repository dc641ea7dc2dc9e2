using System.Text.Json;
using Herald.Data;

namespace Herald.Web;

/// <summary>How statuses and networks look on the pages: badge classes, colours, names.</summary>
public static class Display
{
    public static string NetworkName(string network) => network switch
    {
        "bluesky" => "Bluesky",
        "mastodon" => "Mastodon",
        "sandbox" => "Sandbox",
        _ => network,
    };

    /// <summary>The resource key of a status ("scheduled" → "Status.scheduled").</summary>
    public static string StatusKey(string status) => "Status." + status;

    public static string Status(DeliveryStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    public static string Status(AccountStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    /// <summary>A duration as people read it, in the page's language: "45 min", "2 h 05 min", "3 d 4 h" (Duration.* strings).</summary>
    public static string Duration(TimeSpan t, Microsoft.Extensions.Localization.IStringLocalizer l)
    {
        var minutes = (long)Math.Max(0, Math.Round(t.TotalMinutes));
        return minutes >= 24 * 60 ? l["Duration.Days", minutes / (24 * 60), minutes / 60 % 24]
            : minutes >= 60 ? l["Duration.Hours", minutes / 60, (minutes % 60).ToString("00", System.Globalization.CultureInfo.InvariantCulture)]
            : l["Duration.Minutes", minutes];
    }

    /// <summary>The localized label of <paramref name="key"/>, or <paramref name="fallback"/> when the resources have none (a value a network added).</summary>
    public static string Label(Microsoft.Extensions.Localization.IStringLocalizer l, string key, string fallback) =>
        l[key] is { ResourceNotFound: false } found ? found.Value : fallback;

    public static string Initial(string name) => name.Length == 0 ? "?" : char.ToUpperInvariant(name[0]).ToString();
}
