using System.Text.RegularExpressions;

namespace Herald.Curation.Subscriptions;

/// <summary>Finds the feeds an HTML page advertises with &lt;link rel="alternate" type="application/rss+xml" href="…"&gt;.</summary>
internal static partial class FeedDiscovery
{
    public static List<string> Find(string html, Uri page)
    {
        var found = new List<string>();
        foreach (Match tag in LinkTag().Matches(html))
        {
            var attrs = Attributes(tag.Value);
            if (!attrs.TryGetValue("rel", out var rel) || !rel.Split(' ').Contains("alternate", StringComparer.OrdinalIgnoreCase)
                || !attrs.TryGetValue("type", out var type) || !attrs.TryGetValue("href", out var href))
            {
                continue;
            }
            if (type.Trim().ToLowerInvariant() is "application/rss+xml" or "application/atom+xml" or "application/feed+json" or "application/json" or "application/rdf+xml"
                && Uri.TryCreate(page, System.Net.WebUtility.HtmlDecode(href.Trim()), out var url) && url.Scheme is "http" or "https")
            {
                found.Add(url.AbsoluteUri);
            }
        }
        return found.Distinct().ToList();
    }

    private static Dictionary<string, string> Attributes(string tag) =>
        Attribute().Matches(tag).GroupBy(m => m.Groups[1].Value.ToLowerInvariant())
            .ToDictionary(g => g.Key, g => g.First().Groups[3].Success ? g.First().Groups[3].Value : g.First().Groups[4].Value);

    [GeneratedRegex(@"<link\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex LinkTag();

    [GeneratedRegex(@"([A-Za-z-]+)\s*=\s*(""([^""]*)""|'([^']*)')")]
    private static partial Regex Attribute();
}
