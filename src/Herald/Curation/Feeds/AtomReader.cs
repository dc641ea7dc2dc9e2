using System.Text;
using System.Xml.Linq;
using static Herald.Curation.Feeds.FeedXml;

namespace Herald.Curation.Feeds;

/// <summary>Atom 1.0 and the older 0.3 (mode="base64|escaped|xml", issued/modified, tagline, url).</summary>
internal static class AtomReader
{
    private static readonly UTF8Encoding Utf8 = new(false, throwOnInvalidBytes: true);

    public static ParsedFeed Read(XElement root, Uri? location)
    {
        var ns = Family(root.Name.Namespace);
        var v03 = ns == Atom03 || Attr(root, "version") == "0.3";
        var feed = new ParsedFeed { Format = "atom", Version = v03 ? "0.3" : "1.0" };
        var alternate = Href(root, "alternate");
        var start = location ?? (Uri.TryCreate(alternate, UriKind.Absolute, out var site) ? site : null);
        var baseUri = BaseOf(root, start);
        feed.Title = TextConstruct(Any(root, "title"), Base(Any(root, "title"), start));
        feed.Link = Resolve(LinkBase(root, "alternate", baseUri), alternate);
        feed.FeedLink = Resolve(LinkBase(root, "self", baseUri), Href(root, "self"));
        feed.Description = TextConstruct(Any(root, "subtitle") ?? Any(root, "tagline"), Base(Any(root, "subtitle") ?? Any(root, "tagline"), start));
        feed.Language = root.Attribute(XNamespace.Xml + "lang")?.Value.Trim() is { Length: > 0 } lang ? lang : null;
        feed.Updated = FeedDates.Parse(Text(Any(root, "updated") ?? Any(root, "modified")));
        feed.Published = FeedDates.Parse(Text(Any(root, "published") ?? Any(root, "issued")));
        feed.Image = Resolve(baseUri, Text(Any(root, "logo")) ?? Text(Any(root, "icon")));
        feed.Authors.AddRange(All(root, "author").Select(a => Person(a, start)).OfType<FeedPerson>());
        feed.Categories.AddRange(All(root, "category").Select(c => Attr(c, "label") ?? Attr(c, "term") ?? Text(c)).OfType<string>());
        foreach (var entry in All(root, "entry"))
        {
            feed.Items.Add(Entry(entry, start));
        }
        return feed;
    }

    private static FeedItem Entry(XElement e, Uri? start)
    {
        var baseUri = BaseOf(e, start);
        var content = Any(e, "content");
        var summary = Any(e, "summary");
        var item = new FeedItem
        {
            Id = Resolve(BaseOf(Any(e, "id") ?? e, start), Text(Any(e, "id"))),
            Title = TextConstruct(Any(e, "title"), Base(Any(e, "title"), start)),
            Link = Resolve(LinkBase(e, "alternate", baseUri), Href(e, "alternate")),
            Summary = TextConstruct(summary, Base(summary, start)),
            Content = TextConstruct(content, Base(content, start)),
            Updated = FeedDates.Parse(Text(Any(e, "updated") ?? Any(e, "modified"))),
        };
        // An entry with only an update date was published then, as far as anyone can tell.
        item.Published = FeedDates.Parse(Text(Any(e, "published") ?? Any(e, "issued") ?? Any(e, "created"))) ?? item.Updated;
        item.Authors.AddRange(All(e, "author").Select(a => Person(a, start)).OfType<FeedPerson>());
        item.Categories.AddRange(All(e, "category").Select(c => Attr(c, "label") ?? Attr(c, "term") ?? Text(c))
            .Concat(Children(e, Dc, "subject").Select(Text)).OfType<string>());
        foreach (var link in All(e, "link").Where(l => Attr(l, "rel") == "enclosure"))
        {
            if (Resolve(BaseOf(link, start), Attr(link, "href")) is { } url)
            {
                item.Enclosures.Add(new FeedEnclosure(url, Attr(link, "type"), RssReader.Length(Attr(link, "length"))));
            }
        }
        item.Image = Children(e, MediaRss, "thumbnail").Select(t => Resolve(baseUri, Attr(t, "url"))).FirstOrDefault(u => u is not null);
        return item;
    }

    /// <summary>An Atom child, whichever Atom namespace (or none) the feed put it in.</summary>
    private static XElement? Any(XElement parent, string local) => All(parent, local).FirstOrDefault();

    private static IEnumerable<XElement> All(XElement parent, string local) =>
        parent.Elements().Where(c => c.Name.LocalName == local && Family(c.Name.Namespace) is Atom or Atom03 or Core);

    private static XElement? LinkElement(XElement parent, string rel) =>
        All(parent, "link").FirstOrDefault(l => (Attr(l, "rel") ?? "alternate") == rel && Attr(l, "href") is not null);

    private static string? Href(XElement parent, string rel) => Attr(LinkElement(parent, rel), "href");

    private static Uri? LinkBase(XElement parent, string rel, Uri? fallback) =>
        LinkElement(parent, rel) is { } link ? BaseOf(link, fallback is null ? null : fallback) ?? fallback : fallback;

    private static Uri? Base(XElement? e, Uri? start) => e is null ? start : BaseOf(e, start);

    internal static FeedPerson? Person(XElement a, Uri? start)
    {
        var name = Text(Any(a, "name"));
        var email = Text(Any(a, "email"));
        var uriElement = Any(a, "uri") ?? Any(a, "url") ?? Any(a, "homepage");
        var uri = Resolve(Base(uriElement ?? a, start), Text(uriElement));
        if (name is null && email is null && uri is null)
        {
            return Text(a) is { } plain ? new FeedPerson(plain, null, null) : null;
        }
        return new FeedPerson(name, email, uri);
    }

    /// <summary>An Atom text construct: text, html, or xhtml (the markup inside its div); 0.3's base64 and escaped modes.</summary>
    internal static string? TextConstruct(XElement? e, Uri? baseUri = null)
    {
        if (e is null)
        {
            return null;
        }
        var type = (Attr(e, "type") ?? "text").ToLowerInvariant();
        var mode = Attr(e, "mode")?.ToLowerInvariant();
        var html = type is "html" or "text/html" || mode == "escaped";
        var xhtml = type is "xhtml" or "application/xhtml+xml" || mode == "xml";
        // Atom 1.0: a media type that is neither text nor XML means the content is base64.
        var binary = type.Contains('/', StringComparison.Ordinal) && !type.StartsWith("text/", StringComparison.Ordinal)
            && !type.EndsWith("xml", StringComparison.Ordinal) && mode is null;
        if (mode == "base64" || binary)
        {
            // Only text that decodes to text was base64: "test" under an unknown media type is just "test".
            try
            {
                return Utf8.GetString(Convert.FromBase64String(e.Value.Trim())).Trim() is { Length: > 0 } t ? t : null;
            }
            catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
            {
                return Text(e);
            }
        }
        string? value;
        if (e.HasElements && xhtml)
        {
            var only = e.Elements().ToList();
            var holder = only.Count == 1 && only[0].Name.LocalName == "div" && e.Nodes().OfType<XText>().All(t => string.IsNullOrWhiteSpace(t.Value))
                ? only[0] : e;
            value = Inner(holder).Trim();
        }
        else if (html && e.HasElements && !(e.Elements().Count() == 1 && !e.Elements().Single().HasElements && e.Value.Contains('<', StringComparison.Ordinal)))
        {
            // HTML written as markup instead of escaped.
            value = Inner(e).Trim();
        }
        else
        {
            // Escaped HTML wrapped in a stray element (a div) is still escaped HTML: its text is the markup.
            value = html ? e.Value.Trim() : Text(e);
        }
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        return html || xhtml ? ResolveHtml(baseUri, value) : value;
    }
}
