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

    public static string Initial(string name) => name.Length == 0 ? "?" : char.ToUpperInvariant(name[0]).ToString();
}
