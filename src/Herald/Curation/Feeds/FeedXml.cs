using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Herald.Curation.Feeds;

/// <summary>XML helpers shared by the RSS and Atom readers: safe loading, namespaces by family, text, xml:base.</summary>
internal static partial class FeedXml
{
    /// <summary>Namespace families, whatever spelling, case or stray whitespace a feed uses for the URI.</summary>
    public const string Core = "", Content = "content", Dc = "dc", DcTerms = "dcterms", MediaRss = "media", Itunes = "itunes",
        Atom = "atom", Atom03 = "atom03", Rdf = "rdf", Other = "?";

    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["purl.org/rss/1.0/modules/content"] = Content,
        ["purl.org/dc/elements/1.1"] = Dc,
        ["purl.org/dc/terms"] = DcTerms,
        ["search.yahoo.com/mrss"] = MediaRss,
        ["www.itunes.com/dtds/podcast-1.0.dtd"] = Itunes,
        ["www.w3.org/2005/atom"] = Atom,
        ["purl.org/atom/ns"] = Atom03,
        ["www.w3.org/1999/02/22-rdf-syntax-ns"] = Rdf,
        ["purl.org/rss/1.0"] = Core,
        ["my.netscape.com/rdf/simple/0.9"] = Core,
        ["backend.userland.com/rss2"] = Core,
        ["blogs.law.harvard.edu/tech/rss"] = Core,
    };

    private static readonly Dictionary<string, string> PrefixUris = new(StringComparer.Ordinal)
    {
        ["content"] = "http://purl.org/rss/1.0/modules/content/",
        ["dc"] = "http://purl.org/dc/elements/1.1/",
        ["dcterms"] = "http://purl.org/dc/terms/",
        ["media"] = "http://search.yahoo.com/mrss/",
        ["itunes"] = "http://www.itunes.com/dtds/podcast-1.0.dtd",
        ["atom"] = "http://www.w3.org/2005/Atom",
        ["rdf"] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    };

    private static readonly Dictionary<XNamespace, string> Families = [];
    private static readonly Lock FamiliesLock = new();

    /// <summary>
    /// Loads repaired text with no DTD processing at all (no external entity, no expansion), and with the usual prefixes
    /// (media:, dc:, itunes:…) predeclared, since many feeds use them without declaring them.
    /// </summary>
    public static XDocument Load(string text)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CheckCharacters = false,
        };
        var names = new NameTable();
        var namespaces = new XmlNamespaceManager(names);
        foreach (var prefix in UsedPrefixes(text))
        {
            if (prefix is "xml" or "xmlns" || namespaces.HasNamespace(prefix))
            {
                continue;
            }
            namespaces.AddNamespace(prefix, PrefixUris.GetValueOrDefault(prefix) ?? "urn:x-herald-undeclared:" + prefix);
        }
        var context = new XmlParserContext(names, namespaces, null, XmlSpace.None);
        using var reader = XmlReader.Create(new StringReader(text), settings, context);
        return XDocument.Load(reader);
    }

    public static string Family(XNamespace ns)
    {
        if (ns == XNamespace.None)
        {
            return Core;
        }
        lock (FamiliesLock)
        {
            if (Families.TryGetValue(ns, out var family))
            {
                return family;
            }
            var key = ns.NamespaceName.Trim().ToLowerInvariant();
            key = key[(key.IndexOf("://", StringComparison.Ordinal) is var i and >= 0 ? i + 3 : 0)..].TrimEnd('/', '#');
            family = Known.GetValueOrDefault(key, Other);
            if (Families.Count < 1000)
            {
                Families[ns] = family;
            }
            return family;
        }
    }

    public static bool Is(XElement e, string family, string local) =>
        string.Equals(e.Name.LocalName, local, StringComparison.OrdinalIgnoreCase) && Family(e.Name.Namespace) == family;

    public static XElement? Child(XElement? parent, string family, string local) =>
        parent?.Elements().FirstOrDefault(e => Is(e, family, local));

    public static IEnumerable<XElement> Children(XElement? parent, string family, string local) =>
        parent is null ? [] : parent.Elements().Where(e => Is(e, family, local));

    /// <summary>An element's text; when it holds markup instead (HTML not escaped), that markup.</summary>
    public static string? Text(XElement? e)
    {
        if (e is null)
        {
            return null;
        }
        var value = e.HasElements ? Inner(e) : e.Value;
        value = value.Trim();
        return value.Length == 0 ? null : value;
    }

    public static string? Text(XElement? parent, string family, string local) => Text(Child(parent, family, local));

    public static string? Attr(XElement? e, string name) =>
        e?.Attributes().FirstOrDefault(a => a.Name.LocalName == name && a.Name.Namespace == XNamespace.None)?.Value.Trim() is { Length: > 0 } v ? v : null;

    /// <summary>The markup inside an element, without namespace declarations repeated on every child.</summary>
    public static string Inner(XElement e)
    {
        var sb = new StringBuilder();
        foreach (var node in e.Nodes())
        {
            sb.Append(node is XElement child ? StripNamespaces(child) : node.ToString(SaveOptions.DisableFormatting));
        }
        return sb.ToString();
    }

    private static string StripNamespaces(XElement e)
    {
        var copy = new XElement(e);
        foreach (var d in copy.DescendantsAndSelf())
        {
            d.Name = d.Name.LocalName;
            d.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
        }
        return copy.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>The base URI in effect at <paramref name="e"/>: the xml:base attributes from the root down, over <paramref name="start"/>.</summary>
    public static Uri? BaseOf(XElement e, Uri? start)
    {
        List<string>? bases = null; // innermost first
        for (var a = e; a is not null; a = a.Parent)
        {
            if (a.Attribute(XmlBase)?.Value is { } value)
            {
                (bases ??= []).Add(value);
            }
        }
        var current = start;
        for (var i = (bases?.Count ?? 0) - 1; i >= 0; i--)
        {
            current = Resolve(current, bases![i]) is { } resolved && Uri.TryCreate(resolved, UriKind.Absolute, out var u) ? u : current;
        }
        return current;
    }

    private static readonly XName XmlBase = XNamespace.Xml + "base";

    /// <summary>Resolves a possibly relative URL; keeps it as given when there is nothing to resolve it against.</summary>
    public static string? Resolve(Uri? baseUri, string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }
        url = url.Trim();
        // "/path" parses as an absolute file: URI on Unix; a real absolute URL names its scheme.
        if (url[0] != '/' && Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme.Length > 1)
        {
            return url;
        }
        return baseUri is not null && Uri.TryCreate(baseUri, url, out var resolved) ? resolved.AbsoluteUri : url;
    }

    /// <summary>Resolves the href and src attributes of HTML content against a base.</summary>
    public static string? ResolveHtml(Uri? baseUri, string? html) =>
        baseUri is null || html is null || !html.Contains('=', StringComparison.Ordinal) ? html
            : HtmlUrl().Replace(html, m => m.Groups[1].Value + Resolve(baseUri, m.Groups[2].Value) + m.Groups[3].Value);

    /// <summary>
    /// The distinct prefixes written before a colon in element or attribute names (<c>&lt;media:content</c>,
    /// <c>&lt;/dc:date</c>, <c> xml:lang=</c>): a name of letters, digits, '_', '.' or '-' starting with a letter or '_', right
    /// after "&lt;", "&lt;/" or white space, followed by ':' and a letter or '_'. Text that looks the same (" see:this") adds a
    /// harmless unused declaration.
    /// </summary>
    internal static HashSet<string> UsedPrefixes(string text)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var span = text.AsSpan();
        for (var colon = span.IndexOf(':'); colon >= 0; colon = span[(colon + 1)..].IndexOf(':') is var next and >= 0 ? colon + 1 + next : -1)
        {
            if (colon + 1 >= span.Length || !(char.IsAsciiLetter(span[colon + 1]) || span[colon + 1] == '_'))
            {
                continue;
            }
            var start = colon;
            while (start > 0 && IsNameChar(span[start - 1]))
            {
                start--;
            }
            if (start == colon || start == 0 || !(char.IsAsciiLetter(span[start]) || span[start] == '_'))
            {
                continue;
            }
            var before = span[start - 1];
            if (before == '<' || char.IsWhiteSpace(before) || (before == '/' && start >= 2 && span[start - 2] == '<'))
            {
                var name = span[start..colon];
                if (!found.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name))
                {
                    found.Add(name.ToString());
                }
            }
        }
        return found;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' || (c > 127 && char.IsLetterOrDigit(c));

    [GeneratedRegex(@"(\s(?:href|src)\s*=\s*[""'])([^""']*)([""'])", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlUrl();
}
