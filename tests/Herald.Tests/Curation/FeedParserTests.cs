using System.Text;
using Herald.Curation.Feeds;

namespace Herald.Tests.Curation;

/// <summary>The parser on what real feeds do wrong, and on hostile XML: no DTD is ever processed.</summary>
public sealed class FeedParserTests
{
    private static ParsedFeed Parse(string xml, string? location = null) =>
        FeedParser.Parse(Encoding.UTF8.GetBytes(xml), location is null ? null : new Uri(location));

    [Fact]
    public void A_billion_laughs_is_not_expanded()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
              <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
              <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
              <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
              <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
              <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <rss version="2.0"><channel><title>&lol9;</title><item><title>ok</title></item></channel></rss>
            """;
        var feed = Parse(xml);
        Assert.Equal("&lol9;", feed.Title);
        Assert.Equal("ok", Assert.Single(feed.Items).Title);
    }

    [Fact]
    public void An_external_entity_is_never_read()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote; ]>
            <rss version="2.0"><channel><title>a &xxe; b</title></channel></rss>
            """;
        var feed = Parse(xml);
        Assert.Equal("a &xxe; b", feed.Title);
        Assert.DoesNotContain("root:", feed.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_entities_and_bare_ampersands_are_read_as_text()
    {
        var feed = Parse("<rss version=\"2.0\"><channel><title>Caf&eacute;&nbsp;&amp; Fish & Chips &hellip;</title></channel></rss>");
        Assert.Equal("Café\u00A0& Fish & Chips …", feed.Title);
    }

    [Fact]
    public void Utf8_declared_as_latin1_is_still_utf8_and_latin1_without_declaration_is_read()
    {
        var utf8 = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><title>Noël à Paris</title></channel></rss>");
        Assert.Equal("Noël à Paris", FeedParser.Parse(utf8, null, "iso-8859-1").Title);

        var latin1 = Encoding.Latin1.GetBytes("<rss><channel><title>Noël – à Paris</title></channel></rss>".Replace('–', '-'));
        Assert.Equal("Noël - à Paris", FeedParser.Parse(latin1).Title);

        var declared = Encoding.Latin1.GetBytes("<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss><channel><title>Été</title></channel></rss>");
        Assert.Equal("Été", FeedParser.Parse(declared).Title);

        var bom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("  <rss><channel><title>Ça</title></channel></rss>")).ToArray();
        Assert.Equal("Ça", FeedParser.Parse(bom, null, "iso-8859-1").Title);

        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss><channel><title>Ünï</title></channel></rss>")).ToArray();
        Assert.Equal("Ünï", FeedParser.Parse(utf16).Title);
    }

    [Fact]
    public void Relative_links_resolve_against_xml_base_then_the_fetch_url_then_the_feed_link()
    {
        var rss = """
            <rss version="2.0"><channel><title>t</title><link>https://site.example/blog/</link>
              <item><link>posts/1</link><enclosure url="/media/1.mp3" type="audio/mpeg" length="12"/>
                <description><![CDATA[<a href="../about">about</a>]]></description></item>
            </channel></rss>
            """;
        var fromFile = Parse(rss);
        Assert.Equal("https://site.example/blog/posts/1", fromFile.Items[0].Link);
        Assert.Equal(new FeedEnclosure("https://site.example/media/1.mp3", "audio/mpeg", 12), fromFile.Items[0].Enclosures[0]);

        var fetched = Parse(rss, "https://feeds.example/x/rss.xml");
        Assert.Equal("https://feeds.example/x/posts/1", fetched.Items[0].Link);
        Assert.Contains("href=\"https://feeds.example/about\"", fetched.Items[0].Summary, StringComparison.Ordinal);

        var atom = """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://a.example/dir/">
              <link href="/"/><entry xml:base="sub/"><id>tag:a,2024:1</id><link href="page.html"/></entry>
            </feed>
            """;
        var feed = Parse(atom, "https://elsewhere.example/feed");
        Assert.Equal("https://a.example/", feed.Link);
        Assert.Equal("https://a.example/dir/sub/page.html", feed.Items[0].Link);
    }

    [Theory]
    [InlineData("Sun, 06 Jul 2014 12:56:00 GMT", "2014-07-06T12:56:00+00:00")]
    [InlineData("Sun, 6 Jul 2014 12:56:00 EST", "2014-07-06T17:56:00+00:00")]
    [InlineData("06 Jul 14 12:56 +0530", "2014-07-06T07:26:00+00:00")]
    [InlineData("Sunday, 06 July 2014 12:56:00 PDT", "2014-07-06T19:56:00+00:00")]
    [InlineData("Mon, 6 Jul 2014 12:56:00 UT", "2014-07-06T12:56:00+00:00")]
    [InlineData("Sun, 06 Jul 2014 12:56:00 -05:00", "2014-07-06T17:56:00+00:00")]
    [InlineData("2014-07-06T12:56:00Z", "2014-07-06T12:56:00+00:00")]
    [InlineData("2014-07-06T12:56:00.123+02:00", "2014-07-06T10:56:00.123+00:00")]
    [InlineData("2014-07-06T12:56:00+0200", "2014-07-06T10:56:00+00:00")]
    [InlineData("2014-07-06 12:56:00", "2014-07-06T12:56:00+00:00")]
    [InlineData("2014-07-06", "2014-07-06T00:00:00+00:00")]
    [InlineData("July 6, 2014", "2014-07-06T00:00:00+00:00")]
    public void Dates_in_the_formats_feeds_use_are_read(string text, string expected)
    {
        var feed = Parse($"<rss><channel><item><pubDate>{text}</pubDate></item></channel></rss>");
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), feed.Items[0].Published);
    }

    [Fact]
    public void A_missing_or_unreadable_date_is_null_not_an_error()
    {
        var feed = Parse("<rss><channel><item><title>x</title><pubDate>yesterday-ish</pubDate></item><item/></channel></rss>");
        Assert.Null(feed.Items[0].Published);
        Assert.Equal(2, feed.Items.Count);
    }

    [Fact]
    public void Namespaced_extensions_are_read_even_when_undeclared()
    {
        var feed = Parse("""
            <rss version="2.0"><channel><item><title><![CDATA[A <b>bold</b> title]]></title>
              <content:encoded><![CDATA[<p>Full</p>]]></content:encoded><dc:creator>Ada</dc:creator><dc:date>2020-01-02T03:04:05Z</dc:date>
              <media:thumbnail url="https://x.example/t.jpg"/></item></channel></rss>
            """);
        var item = feed.Items[0];
        Assert.Equal("A <b>bold</b> title", item.Title);
        Assert.Equal("<p>Full</p>", item.Content);
        Assert.Equal("Ada", item.Authors[0].Name);
        Assert.Equal(new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero), item.Published);
        Assert.Equal("https://x.example/t.jpg", item.Image);
    }

    [Theory]
    [InlineData("rss_feed.xml", "rss")]
    [InlineData("rss_feed_bom.xml", "rss")]
    [InlineData("rss_feed_leading_spaces.xml", "rss")]
    [InlineData("rdf_feed.xml", "rss")]
    [InlineData("atom03_feed.xml", "atom")]
    [InlineData("atom10_feed.xml", "atom")]
    [InlineData("json10_feed.json", "json")]
    [InlineData("json11_feed.json", "json")]
    public void Gofeed_universal_samples_are_detected(string file, string format) =>
        Assert.Equal(format, FeedParser.Parse(File.ReadAllBytes(Path.Combine(GofeedCases.Root, "parser", "universal", file))).Format);

    [Theory]
    [InlineData("empty_feed.xml")]
    [InlineData("invalid.json")]
    [InlineData("unknown_feed.xml")]
    public void Gofeed_universal_non_feeds_are_refused(string file) =>
        Assert.Throws<FeedFormatException>(() => FeedParser.Parse(File.ReadAllBytes(Path.Combine(GofeedCases.Root, "parser", "universal", file))));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("<!DOCTYPE html><html><head><title>x</title></head><body><p>hi<br></body></html>", "HTML page")]
    [InlineData("just some text", "neither XML nor JSON")]
    [InlineData("{\"hello\": 1}", "JSON Feed")]
    public void What_is_not_a_feed_gets_a_clear_message(string body, string expected)
    {
        var error = Assert.Throws<FeedFormatException>(() => Parse(body));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_data_is_refused()
    {
        var error = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 13, 1, 2 }));
        Assert.Contains("binary", error.Message, StringComparison.Ordinal);
    }
}
