using System.Globalization;
using System.Text.RegularExpressions;

namespace Herald.Curation.Feeds;

/// <summary>
/// Reads the dates feeds actually carry: RFC 822/1123 with odd zones ("EST", "UT", "+0530", military letters, two-digit
/// years, full month names, no seconds), ISO 8601/RFC 3339 with or without zone, separators or fractions. A date with no
/// zone is taken as UTC. Unreadable dates are null, never an error.
/// </summary>
internal static partial class FeedDates
{
    private static readonly Dictionary<string, int> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["WET"] = 0, ["BST"] = 60, ["IST"] = 330, ["CET"] = 60, ["MET"] = 60,
        ["CEST"] = 120, ["MEST"] = 120, ["EET"] = 120, ["EEST"] = 180, ["MSK"] = 180, ["JST"] = 540, ["KST"] = 540,
        ["HKT"] = 480, ["SGT"] = 480, ["AEST"] = 600, ["AEDT"] = 660, ["ACST"] = 570, ["AWST"] = 480, ["NZST"] = 720,
        ["NZDT"] = 780, ["EST"] = -300, ["EDT"] = -240, ["CST"] = -360, ["CDT"] = -300, ["MST"] = -420, ["MDT"] = -360,
        ["PST"] = -480, ["PDT"] = -420, ["AKST"] = -540, ["AKDT"] = -480, ["HST"] = -600, ["AST"] = -240, ["ADT"] = -180,
        ["NST"] = -210, ["NDT"] = -150, ["A"] = -60, ["M"] = -720, ["N"] = 60, ["Y"] = 720,
    };

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd", "yyyyMMdd'T'HHmmssK", "yyyyMMdd", "yyyy-MM", "yyyy",
    ];

    private static readonly string[] FastFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'"];

    /// <summary>White space other than single spaces, which the parsers below expect.</summary>
    private static bool HasOddWhiteSpace(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsWhiteSpace(s[i]) && (s[i] != ' ' || (i + 1 < s.Length && char.IsWhiteSpace(s[i + 1]))))
            {
                return true;
            }
        }
        return false;
    }

    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var s = text.Trim();
        if (HasOddWhiteSpace(s))
        {
            s = WhiteSpace().Replace(s, " ");
        }
        // The two usual shapes first, without rewriting: RFC 3339 (Atom) and RFC 1123 in GMT (most RSS).
        if (DateTimeOffset.TryParseExact(s, FastFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var fast))
        {
            return fast;
        }
        if (char.IsAsciiDigit(s[0]) && s.Length >= 4 && char.IsAsciiDigit(s[3]) && TryIso(s) is { } iso)
        {
            return iso;
        }
        return TryRfc822(s) ?? TryIso(s) ?? TryLoose(s);
    }

    private static DateTimeOffset? TryIso(string s)
    {
        // "+0000" and "+00" zones are not in the "K" specifier's repertoire.
        var t = IsoCompactZone().Replace(s, "$1$2:$3");
        t = IsoHourZone().Replace(t, "$1$2:00");
        t = t.EndsWith(" Z", StringComparison.Ordinal) || t.EndsWith(" UTC", StringComparison.Ordinal) ? t[..t.LastIndexOf(' ')] + "Z" : t;
        return DateTimeOffset.TryParseExact(t, IsoFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var value) ? value : null;
    }

    private static DateTimeOffset? TryRfc822(string s)
    {
        var m = Rfc822().Match(s);
        if (!m.Success)
        {
            m = MonthFirst().Match(s);
            if (!m.Success)
            {
                return null;
            }
        }
        if (!int.TryParse(m.Groups["day"].Value, CultureInfo.InvariantCulture, out var day)
            || Month(m.Groups["month"].Value) is not { } month
            || !int.TryParse(m.Groups["year"].Value, CultureInfo.InvariantCulture, out var year))
        {
            return null;
        }
        if (m.Groups["year"].Value.Length == 2)
        {
            year += year < 50 ? 2000 : 1900;
        }
        var hour = m.Groups["hour"].Success ? int.Parse(m.Groups["hour"].Value, CultureInfo.InvariantCulture) : 0;
        var minute = m.Groups["minute"].Success ? int.Parse(m.Groups["minute"].Value, CultureInfo.InvariantCulture) : 0;
        var second = m.Groups["second"].Success ? int.Parse(m.Groups["second"].Value, CultureInfo.InvariantCulture) : 0;
        if (m.Groups["ampm"].Success)
        {
            var pm = m.Groups["ampm"].Value.StartsWith('p') || m.Groups["ampm"].Value.StartsWith('P');
            hour = hour % 12 + (pm ? 12 : 0);
        }
        var offset = Offset(m.Groups["zone"].Value);
        try
        {
            if (hour == 24 && minute == 0 && second == 0)
            {
                return new DateTimeOffset(year, month, day, 0, 0, 0, offset).AddDays(1);
            }
            return new DateTimeOffset(year, month, day, hour, minute, Math.Min(second, 59), offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static TimeSpan Offset(string zone)
    {
        zone = zone.Trim();
        if (zone.Length == 0)
        {
            return TimeSpan.Zero;
        }
        if (zone[0] is '+' or '-')
        {
            var digits = zone[1..].Replace(":", "", StringComparison.Ordinal);
            if (digits.Length <= 2 && int.TryParse(digits, CultureInfo.InvariantCulture, out var h))
            {
                return Sign(zone) * TimeSpan.FromHours(h);
            }
            if (digits.Length == 4 && int.TryParse(digits, CultureInfo.InvariantCulture, out var hhmm) && hhmm / 100 < 24 && hhmm % 100 < 60)
            {
                return Sign(zone) * new TimeSpan(hhmm / 100, hhmm % 100, 0);
            }
            return TimeSpan.Zero;
        }
        // "GMT+2", "UTC-0500"
        var sign = zone.IndexOfAny(['+', '-']);
        if (sign > 0 && Zones.ContainsKey(zone[..sign]))
        {
            return Offset(zone[sign..]);
        }
        return Zones.TryGetValue(zone, out var minutes) ? TimeSpan.FromMinutes(minutes) : TimeSpan.Zero;
    }

    private static int Sign(string zone) => zone[0] == '-' ? -1 : 1;

    private static int? Month(string name)
    {
        if (name.Length < 3)
        {
            return null;
        }
        var key = name[..3].ToLowerInvariant();
        var index = Array.IndexOf(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], key);
        return index < 0 ? null : index + 1;
    }

    private static DateTimeOffset? TryLoose(string s) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var v)
            ? v : null;

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*([+-])(\d{2})(\d{2})$")]
    private static partial Regex IsoCompactZone();

    [GeneratedRegex(@"(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*([+-]\d{2})$")]
    private static partial Regex IsoHourZone();

    // [Sun, ]6 Jul[y] 2014 12:56[:00][.123] [GMT|+0000|-05:00|EST|Z]
    [GeneratedRegex(@"^(?:[A-Za-z]+\.?,?\s*)?(?<day>\d{1,2})(?:st|nd|rd|th)?[\s-]+(?<month>[A-Za-z]+)\.?,?[\s-]+(?<year>\d{4}|\d{2})(?:[\sT,]+(?<hour>\d{1,2})[:.](?<minute>\d{2})(?:[:.](?<second>\d{2}))?(?:\.\d+)?\s*(?<ampm>[aApP][mM])?)?\s*(?<zone>[A-Za-z]{1,5}(?:[+-]\d{1,4}(?::\d{2})?)?|[+-]\d{1,2}:?\d{2}|[+-]\d{1,2})?\s*(?:\([^)]*\))?$")]
    private static partial Regex Rfc822();

    // [Sunday, ]July 6[,] 2014[ 12:56[:00]] [zone]
    [GeneratedRegex(@"^(?:[A-Za-z]+,?\s+)?(?<month>[A-Za-z]{3,})\.?\s+(?<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?:(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2}))?\s*(?<ampm>[aApP][mM])?\s+(?<zone>[A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?\s*)?(?<year>\d{4})(?:\s+(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2}))?\s*(?<ampm>[aApP][mM])?)?\s*(?<zone>[A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex MonthFirst();
}
