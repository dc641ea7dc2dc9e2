using System.Globalization;
using Herald.Data;

namespace Herald.Networks.Sandbox;

/// <summary>
/// A position in an account's event feed: events strictly after (OccursAt, Id). With no Id, strictly after the instant.
/// Written as "{unix ms}.{id}" in URLs; an ISO 8601 instant is accepted too.
/// </summary>
public readonly record struct SandboxCursor(DateTimeOffset At, string? Id = null)
{
    public static SandboxCursor After(SandboxEvent e) => new(e.OccursAt, e.Id);

    public override string ToString() => Id is null
        ? At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)
        : $"{At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}.{Id}";

    public static bool TryParse(string? text, out SandboxCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var msPart = dot < 0 ? text : text[..dot];
        if (long.TryParse(msPart, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms <= 253_402_300_799_999)
        {
            cursor = new SandboxCursor(DateTimeOffset.FromUnixTimeMilliseconds(ms), dot < 0 || dot == text.Length - 1 ? null : text[(dot + 1)..]);
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            cursor = new SandboxCursor(at);
            return true;
        }
        return false;
    }

    /// <summary>Whether an event comes after this position, in the feed's (OccursAt, Id) order.</summary>
    public bool Precedes(SandboxEvent e)
    {
        var at = At.ToUnixTimeMilliseconds();
        var occurs = e.OccursAt.ToUnixTimeMilliseconds();
        return occurs > at || (occurs == at && Id is not null && string.CompareOrdinal(e.Id, Id) > 0);
    }
}
