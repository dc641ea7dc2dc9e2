using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using static Herald.Curation.Feeds.FeedXml;

namespace Herald.Curation.Feeds;

/// <summary>RSS 0.9x, 2.0 and 1.0 (RDF), with the content:, dc:, media: and itunes: extensions most feeds use.</summary>
internal static partial class RssReader
{
    public static ParsedFeed Read(XElement root, Uri? location)
    {
        var rdf = root.Name.LocalName.Equals("RDF", StringComparison.OrdinalIgnoreCase);
        var channel = Child(root, Core, "channel") ?? (root.Name.LocalName == "channel" ? root : null);
        var feed = new ParsedFeed
        {
            Format = "rss",
            Version = rdf ? "1.0" : Attr(root, "version") ?? "2.0",
        };
        var link = CoreLink(channel) ?? LinkHref(channel, "alternate");
        // Relative links are resolved against xml:base, else where the feed came from, else the site it names.
        var start = location ?? (Uri.TryCreate(link, UriKind.Absolute, out var site) ? site : null);
        var baseUri = channel is null ? start : BaseOf(channel, start);
        feed.Title = Text(channel, Core, "title") ?? Text(channel, Dc, "title");
        feed.Link = Resolve(baseUri, link);
        feed.FeedLink = Resolve(baseUri, LinkHref(channel, "self"));
        feed.Description = Text(channel, Core, "description") ?? Text(channel, Itunes, "summary");
        feed.Language = Text(channel, Core, "language") ?? Text(channel, Dc, "language");
        feed.Updated = FeedDates.Parse(Text(channel, Core, "lastBuildDate")) ?? FeedDates.Parse(Text(channel, Dc, "date"));
        feed.Published = FeedDates.Parse(Text(channel, Core, "pubDate"));
        // RSS 1.0 puts the image beside the channel, not in it.
        feed.Image = Resolve(baseUri, (Text(Child(channel, Core, "image"), Core, "url") ?? Text(Child(root, Core, "image"), Core, "url"))
            ?? Attr(Child(channel, Itunes, "image"), "href") ?? MediaImage(channel) ?? FirstImage(feed.Description));
        var author = Text(channel, Core, "managingEditor") ?? Text(channel, Core, "webMaster") ?? Text(channel, Dc, "author")
            ?? Text(channel, Dc, "creator") ?? Text(channel, Itunes, "author");
        if (Person(author) is { } person)
        {
            feed.Authors.Add(person);
        }
        feed.Categories.AddRange(Categories(channel));
        foreach (var i in Children(channel, Core, "item").Concat(rdf || channel != root ? Children(root, Core, "item") : []))
        {
            feed.Items.Add(Item(i, start));
        }
        return feed;
    }

    private static FeedItem Item(XElement i, Uri? start)
    {
        var baseUri = BaseOf(i, start);
        var guid = Child(i, Core, "guid");
        var guidText = Text(guid);
        var permalink = guidText is not null && !string.Equals(Attr(guid, "isPermaLink"), "false", StringComparison.OrdinalIgnoreCase)
            && (guidText.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || guidText.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
        var item = new FeedItem
        {
            Id = guidText,
            Title = Text(i, Core, "title") ?? Text(i, Dc, "title"),
            Link = Resolve(baseUri, CoreLink(i) ?? LinkHref(i, "alternate") ?? (permalink ? guidText : null)),
            Summary = ResolveHtml(baseUri, Text(i, Core, "description") ?? Text(i, Dc, "description") ?? Text(i, Itunes, "summary")),
            Content = ResolveHtml(baseUri, Text(i, Content, "encoded") ?? Text(i, Core, "encoded") ?? AtomReader.TextConstruct(Child(i, Atom, "content"))),
            Published = FeedDates.Parse(Text(i, Core, "pubDate")) ?? FeedDates.Parse(Text(i, Dc, "date")) ?? FeedDates.Parse(Text(i, DcTerms, "issued"))
                ?? FeedDates.Parse(Text(i, Atom, "published")),
            Updated = FeedDates.Parse(Text(i, Dc, "date")) ?? FeedDates.Parse(Text(i, DcTerms, "modified")) ?? FeedDates.Parse(Text(i, Atom, "updated")),
        };
        var authors = Children(i, Core, "author").Concat(Children(i, Dc, "author")).Concat(Children(i, Dc, "creator")).Concat(Children(i, Itunes, "author"))
            .Select(a => Person(Text(a))).OfType<FeedPerson>().Take(1).ToList();
        item.Authors.AddRange(authors.Count > 0 ? authors : Children(i, Atom, "author").Select(a => AtomReader.Person(a, baseUri)).OfType<FeedPerson>());
        item.Categories.AddRange(Categories(i));
        foreach (var e in Children(i, Core, "enclosure"))
        {
            if (Resolve(baseUri, Attr(e, "url")) is { } url)
            {
                item.Enclosures.Add(new FeedEnclosure(url, Attr(e, "type"), Length(Attr(e, "length"))));
            }
        }
        item.Image = Resolve(baseUri, Attr(Child(i, Itunes, "image"), "href") ?? MediaImage(i)
            ?? item.Enclosures.FirstOrDefault(e => e.Type?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) ?? false)?.Url
            ?? FirstImage(item.Summary) ?? FirstImage(item.Content));
        return item;
    }

    private static IEnumerable<string> Categories(XElement? parent) =>
        Children(parent, Core, "category").Select(Text)
            .Concat(Children(parent, Itunes, "keywords").SelectMany(k => (Text(k) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
            .Concat(Children(parent, Itunes, "category").SelectMany(c => c.DescendantsAndSelf().Where(d => Is(d, Itunes, "category")).Select(d => Attr(d, "text"))))
            .Concat(Children(parent, Dc, "subject").Select(Text))
            .Concat(Children(parent, Atom, "category").Select(c => Attr(c, "label") ?? Attr(c, "term")))
            .OfType<string>();

    /// <summary>The first link: some feeds write &lt;link href="…"/&gt; (Atom style, no namespace), which wins over text links.</summary>
    private static string? CoreLink(XElement? parent)
    {
        var links = Children(parent, Core, "link").ToList();
        return links.Select(l => Attr(l, "href")).LastOrDefault(h => h is not null) ?? links.Select(Text).FirstOrDefault(t => t is not null);
    }

    private static string? FirstImage(string? html) =>
        html is not null && html.Contains("<img", StringComparison.OrdinalIgnoreCase) && ImgSrc().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    private static string? LinkHref(XElement? parent, string rel) =>
        Children(parent, Atom, "link").FirstOrDefault(l => (Attr(l, "rel") ?? "alternate") == rel) is { } link ? Attr(link, "href") : null;

    private static string? MediaImage(XElement? parent)
    {
        if (parent is null)
        {
            return null;
        }
        var candidates = Children(parent, MediaRss, "thumbnail")
            .Concat(Children(parent, MediaRss, "content").Where(c => Attr(c, "medium") == "image" || (Attr(c, "type")?.StartsWith("image/", StringComparison.Ordinal) ?? false)))
            .Concat(Children(parent, MediaRss, "group").SelectMany(g => Children(g, MediaRss, "thumbnail").Concat(Children(g, MediaRss, "content"))));
        return candidates.Select(c => Attr(c, "url")).FirstOrDefault(u => u is not null);
    }

    internal static long? Length(string? text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : null;

    /// <summary>"jo@example.org (Jo)", "Jo &lt;jo@example.org&gt;", "jo@example.org" or "Jo".</summary>
    internal static FeedPerson? Person(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        text = text.Trim();
        var m = EmailThenName().Match(text);
        if (m.Success)
        {
            return new FeedPerson(m.Groups[2].Value.Trim() is { Length: > 0 } n ? n : null, m.Groups[1].Value, null);
        }
        m = NameThenEmail().Match(text);
        if (m.Success)
        {
            return new FeedPerson(m.Groups[1].Value.Trim() is { Length: > 0 } n ? n : null, m.Groups[2].Value, null);
        }
        return EmailOnly().IsMatch(text) ? new FeedPerson(null, text, null) : new FeedPerson(text, null, null);
    }

    [GeneratedRegex(@"<img\b[^>]*?\ssrc\s*=\s*[""']([^""']+)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex ImgSrc();

    [GeneratedRegex(@"^([^\s@()<>]+@[^\s@()<>]+)\s*\((.*)\)$")]
    private static partial Regex EmailThenName();

    [GeneratedRegex(@"^(.*?)\s*[<(]\s*([^\s@()<>]+@[^\s@()<>]+)\s*[>)]$")]
    private static partial Regex NameThenEmail();

    [GeneratedRegex(@"^[^\s@()<>]+@[^\s@()<>]+$")]
    private static partial Regex EmailOnly();
}
