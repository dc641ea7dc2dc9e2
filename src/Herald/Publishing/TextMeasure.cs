using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Herald.Networks;

namespace Herald.Publishing;

/// <summary>Measures a text the way a network counts it.</summary>
public static partial class TextMeasure
{
    /// <summary>Extended grapheme clusters: what a person sees as one character (an emoji family is one).</summary>
    public static int Graphemes(string text) => new StringInfo(text).LengthInTextElements;

    public static int Utf8Bytes(string text) => Encoding.UTF8.GetByteCount(text);

    /// <summary>The length the network counts: graphemes, with URLs at a fixed weight and remote mentions by their local part where the rules say so.</summary>
    public static int Length(string text, NetworkRules rules)
    {
        var counted = text;
        if (rules.UrlWeight is { } weight)
        {
            counted = UrlPattern().Replace(counted, _ => new string('x', weight));
        }
        if (rules.MentionsCountLocalPartOnly)
        {
            counted = RemoteMentionPattern().Replace(counted, m => m.Groups[1].Value);
        }
        return Graphemes(counted);
    }

    [GeneratedRegex(@"https?://[^\s<>""]+[^\s<>""\.,;:!?\)\]'»]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex UrlPattern();

    [GeneratedRegex(@"(?<![\w@])(@[a-z0-9_]+)@[a-z0-9\.\-]+\.[a-z]{2,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RemoteMentionPattern();
}
