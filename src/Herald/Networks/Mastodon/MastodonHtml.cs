using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Herald.Networks.Mastodon;

/// <summary>Mastodon sends statuses as HTML; the inbox keeps plain text (shown encoded, never as markup).</summary>
internal static partial class MastodonHtml
{
    public static string ToText(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return "";
        }
        var withBreaks = Breaks().Replace(html, "\n");
        var text = WebUtility.HtmlDecode(Tags().Replace(withBreaks, ""));
        var sb = new StringBuilder(text.Length);
        foreach (var line in text.Split('\n'))
        {
            if (sb.Length > 0)
            {
                sb.Append('\n');
            }
            sb.Append(line.Trim());
        }
        return sb.ToString().Trim();
    }

    [GeneratedRegex(@"<br\s*/?>|</p>\s*<p[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Breaks();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
