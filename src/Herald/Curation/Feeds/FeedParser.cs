using System.Xml;
using System.Xml.Linq;

namespace Herald.Curation.Feeds;

/// <summary>
/// Reads any RSS, RDF, Atom or JSON Feed document into a <see cref="ParsedFeed"/>; anything else (an HTML page, an empty
/// body, binary data) is a <see cref="FeedFormatException"/> with a message for a person.
/// </summary>
public static class FeedParser
{
    /// <param name="bytes">The document as fetched.</param>
    /// <param name="location">Where it came from, to resolve relative links (null for a local file).</param>
    /// <param name="httpCharset">The charset of the HTTP Content-Type, if any.</param>
    public static ParsedFeed Parse(ReadOnlySpan<byte> bytes, Uri? location = null, string? httpCharset = null)
    {
        if (bytes.Trim((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n']).IsEmpty)
        {
            throw new FeedFormatException("Not a feed: the document is empty.");
        }
        if (LooksBinary(bytes))
        {
            throw new FeedFormatException("Not a feed: the document is binary data.");
        }
        var text = FeedText.Decode(bytes, httpCharset);
        var first = text.AsSpan().TrimStart(" \t\r\n\uFEFF");
        if (first.Length > 0 && first[0] is '{' or '[')
        {
            return JsonFeedReader.Read(first.ToString(), location);
        }
        if (first.Length == 0 || first[0] != '<')
        {
            throw new FeedFormatException("Not a feed: the document is neither XML nor JSON.");
        }
        XDocument doc;
        var repaired = FeedText.Repair(text);
        try
        {
            doc = Load(repaired);
        }
        catch (XmlException ex)
        {
            var html = first.Length > 15 && (first.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || first.Contains("<html", StringComparison.OrdinalIgnoreCase));
            throw new FeedFormatException(html ? "Not a feed: this is an HTML page." : $"Not a feed: the XML is broken ({ex.Message}).", ex);
        }
        var root = doc.Root ?? throw new FeedFormatException("Not a feed: the XML has no root element.");
        return root.Name.LocalName.ToLowerInvariant() switch
        {
            "rss" or "rdf" or "channel" => RssReader.Read(root, location),
            "feed" => AtomReader.Read(root, location),
            "html" => throw new FeedFormatException("Not a feed: this is an HTML page."),
            var other => throw new FeedFormatException($"Not a feed: the XML root is <{other}>, not <rss>, <rdf:RDF> or <feed>."),
        };
    }

    private static XDocument Load(string xml)
    {
        try
        {
            return FeedXml.Load(xml);
        }
        catch (XmlException)
        {
            return FeedXml.Load(TagBalancer.Balance(xml));
        }
    }

    private static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, 1024)];
        // UTF-16 text has zeros too, but then every other byte is one.
        var zeros = sample.Count((byte)0);
        if (zeros == 0)
        {
            return false;
        }
        var utf16 = sample.Length >= 2 && ((sample[0] == '<' && sample[1] == 0) || (sample[0] == 0 && sample[1] == '<')
            || (sample[0] == 0xFF && sample[1] == 0xFE) || (sample[0] == 0xFE && sample[1] == 0xFF));
        return !utf16;
    }
}
