using System.Net;
using System.Text.RegularExpressions;

namespace Herald.Networks.Mastodon;

/// <summary>Compares what Herald sent with what Mastodon shows: the status HTML reduced to plain text.</summary>
internal static partial class MastodonText
{
    /// <summary>
    /// Strips the HTML of a status: paragraphs and line breaks become spaces, tags go (the hidden "https://" and the
    /// ellipsis spans of a shortened link are kept, so the link reads in full), entities are decoded, whitespace collapses.
    /// </summary>
    public static string FromHtml(string html)
    {
        var text = BreakTags().Replace(html, " ");
        text = Tags().Replace(text, "");
        return Normalize(WebUtility.HtmlDecode(text));
    }

    /// <summary>
    /// The text as Mastodon will render it: whitespace collapsed, and remote mentions (@user@domain) reduced to @user
    /// because the status HTML shows only the local part.
    /// </summary>
    public static string FromSource(string text) => Normalize(RemoteMention().Replace(text, "$1"));

    private static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"<br\s*/?>|</p>|<p[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BreakTags();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?<![\w@/])(@[\w.-]+)@[\w-]+(?:\.[\w-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex RemoteMention();
}
