using System.Net;
using System.Text.RegularExpressions;

namespace Herald.Curation.Reading;

/// <summary>The readable part of a web page (Mozilla Readability's algorithm, via SmartReader), as plain text.</summary>
internal static partial class ArticleExtractor
{
    public sealed record Extracted(string? Title, string? Site, string? Excerpt, string Text);

    public static Extracted Extract(string html, Uri url)
    {
        var reader = new SmartReader.Reader(url.AbsoluteUri, html) { Debug = false };
        var article = reader.GetArticle();
        var text = Tidy(article.IsReadable ? article.TextContent : FallbackText(html));
        var excerpt = Tidy(article.Excerpt);
        if (string.IsNullOrEmpty(excerpt))
        {
            var cut = text.Length <= 280 ? text.Length : text.LastIndexOf(' ', 279, 80);
            excerpt = text.Length <= 280 ? text : text[..(cut > 0 ? cut : 279)] + "…";
        }
        var title = Tidy(article.Title);
        return new Extracted(title.Length == 0 ? null : title, string.IsNullOrWhiteSpace(article.SiteName) ? url.Host : article.SiteName.Trim(), excerpt, text);
    }

    /// <summary>Collapses runs of blank lines and spaces, keeps paragraphs.</summary>
    private static string Tidy(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => Spaces().Replace(l, " ").Trim());
        return BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    private static string FallbackText(string html) =>
        WebUtility.HtmlDecode(Tags().Replace(Scripts().Replace(html, " "), " "));

    [GeneratedRegex(@"[ \t\u00A0]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"<(script|style|noscript)\b.*?</\1>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Scripts();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tags();
}
