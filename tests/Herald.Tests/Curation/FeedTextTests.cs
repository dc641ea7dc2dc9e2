using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Herald.Curation.Feeds;

namespace Herald.Tests.Curation;

/// <summary>
/// The repair pass and the prefix scan that run before the XML parser, checked against the straightforward versions they
/// replaced (one character at a time, and regular expressions) on hand-written and random documents.
/// </summary>
public partial class FeedTextTests
{
    private static readonly string[] Fragments =
    [
        "a", "é", " ", "\n", "<b>", "</b>", "&", "&amp;", "&lt;", "&nbsp;", "&eacute;", "&unknown;", "&#233;", "&#x1F600;", "&#;",
        "&#12345678;", "&#xGG;", "&AElig;", "& amp;", "&a1;", "<![CDATA[", "]]>", "<!--", "-->", "<!DOCTYPE x>", "\u0001", "\u001F",
        "\uFFFE", "\uFFFF", "\t", "&&", "<media:content url=\"x\"/>", "</dc:date>", " xml:lang=\"fr\"", " see:this", "<a:b:c>",
        "<x.y-z:w>", "<1a:b>", "<_p:q>", ":", "<:a>", "<é:b>",
    ];

    [Theory]
    [InlineData("<rss>caf&eacute; &amp; &nbsp;&bogus; & x</rss>")]
    [InlineData("junk before <rss><![CDATA[a & b \u0001]]> & <!-- & --> &#233;</rss>")]
    [InlineData("<rss><![CDATA[never closed & ")]
    [InlineData("<rss>\u0001\u0002ok\uFFFF</rss>")]
    [InlineData("<rss>plain</rss>")]
    public void Repair_gives_what_the_character_by_character_version_gave(string text) =>
        Assert.Equal(OldRepair(text), FeedText.Repair(text));

    [Fact]
    public void Repair_and_the_prefix_scan_agree_with_the_old_versions_on_random_documents()
    {
        var random = new Random(20261124);
        for (var n = 0; n < 5000; n++)
        {
            var sb = new StringBuilder("<rss>");
            for (var k = random.Next(0, 40); k > 0; k--)
            {
                sb.Append(Fragments[random.Next(Fragments.Length)]);
            }
            var text = sb.ToString();
            Assert.Equal(OldRepair(text), FeedText.Repair(text));
            Assert.Equal(OldPrefixes(text).Order(StringComparer.Ordinal), FeedXml.UsedPrefixes(text).Order(StringComparer.Ordinal));
        }
    }

    private static HashSet<string> OldPrefixes(string text) =>
        UsedPrefix().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>The repair pass as it was: one character at a time, entities found by a regular expression.</summary>
    private static string OldRepair(string text)
    {
        var start = text.IndexOf('<', StringComparison.Ordinal);
        if (start > 0)
        {
            text = text[start..];
        }
        var sb = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '<' && string.CompareOrdinal(text, i, "<![CDATA[", 0, 9) == 0)
            {
                i = CopyThrough(text, i, "]]>", sb);
                continue;
            }
            if (c == '<' && string.CompareOrdinal(text, i, "<!--", 0, 4) == 0)
            {
                i = CopyThrough(text, i, "-->", sb);
                continue;
            }
            if (c == '&')
            {
                var m = EntityReference().Match(text, i);
                if (m.Success && m.Index == i)
                {
                    var name = m.Groups[1].Value;
                    if (name[0] == '#' || name is "amp" or "lt" or "gt" or "quot" or "apos")
                    {
                        sb.Append(m.Value);
                        i += m.Length;
                        continue;
                    }
                    var decoded = WebUtility.HtmlDecode(m.Value);
                    if (decoded != m.Value)
                    {
                        foreach (var rune in decoded.EnumerateRunes())
                        {
                            sb.Append("&#").Append(rune.Value).Append(';');
                        }
                        i += m.Length;
                        continue;
                    }
                }
                sb.Append("&amp;");
                i++;
                continue;
            }
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c is '\uFFFE' or '\uFFFF')
            {
                i++;
                continue;
            }
            sb.Append(c);
            i++;
        }
        return sb.ToString();
    }

    private static int CopyThrough(string text, int i, string end, StringBuilder sb)
    {
        var close = text.IndexOf(end, i, StringComparison.Ordinal);
        var stop = close < 0 ? text.Length : close + end.Length;
        sb.Append(text, i, stop - i);
        if (close < 0)
        {
            sb.Append(end);
        }
        return stop;
    }

    [GeneratedRegex(@"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")]
    private static partial Regex EntityReference();

    [GeneratedRegex(@"(?:</?|\s)([A-Za-z_][\w.-]*):[A-Za-z_]")]
    private static partial Regex UsedPrefix();
}
