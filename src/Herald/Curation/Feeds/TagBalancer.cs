using System.Text;

namespace Herald.Curation.Feeds;

/// <summary>
/// The second chance for XML that is not well-formed: end tags are matched to the open elements the way a lenient
/// parser would (a misspelt end tag closes the element it obviously meant, a missing one is supplied, a stray one dropped).
/// </summary>
internal static class TagBalancer
{
    private static readonly System.Buffers.SearchValues<char> NameEnd = System.Buffers.SearchValues.Create(" \t\r\n/>");

    public static string Balance(string xml)
    {
        var sb = new StringBuilder(xml.Length + 64);
        var open = new List<string>();
        var i = 0;
        while (i < xml.Length)
        {
            var lt = xml.IndexOf('<', i);
            if (lt < 0)
            {
                sb.Append(xml, i, xml.Length - i);
                break;
            }
            sb.Append(xml, i, lt - i);
            var end = Skip(xml, lt, "<![CDATA[", "]]>") ?? Skip(xml, lt, "<!--", "-->") ?? Skip(xml, lt, "<?", "?>") ?? Skip(xml, lt, "<!", ">");
            if (end is { } e)
            {
                sb.Append(xml, lt, e - lt);
                i = e;
                continue;
            }
            var close = TagEnd(xml, lt);
            if (close < 0)
            {
                // A "<" that opens nothing: it was text.
                sb.Append("&lt;");
                i = lt + 1;
                continue;
            }
            var tag = xml.AsSpan(lt, close + 1 - lt);
            if (tag.Length > 2 && tag[1] == '/')
            {
                var name = tag[2..^1].Trim().ToString();
                var at = open.LastIndexOf(name);
                if (at >= 0)
                {
                    for (var k = open.Count - 1; k >= at; k--)
                    {
                        sb.Append("</").Append(open[k]).Append('>');
                    }
                    open.RemoveRange(at, open.Count - at);
                }
                else if (open.Count > 1)
                {
                    // A misspelt end tag: it closes the innermost element.
                    sb.Append("</").Append(open[^1]).Append('>');
                    open.RemoveAt(open.Count - 1);
                }
            }
            else
            {
                sb.Append(tag);
                if (tag[^2] != '/')
                {
                    var nameEnd = tag[1..].IndexOfAny(NameEnd);
                    open.Add(tag.Slice(1, nameEnd < 0 ? tag.Length - 2 : nameEnd).ToString());
                }
            }
            i = close + 1;
        }
        for (var k = open.Count - 1; k >= 0; k--)
        {
            sb.Append("</").Append(open[k]).Append('>');
        }
        return sb.ToString();
    }

    private static int? Skip(string xml, int at, string start, string end)
    {
        if (string.CompareOrdinal(xml, at, start, 0, start.Length) != 0)
        {
            return null;
        }
        var stop = xml.IndexOf(end, at + start.Length, StringComparison.Ordinal);
        return stop < 0 ? xml.Length : stop + end.Length;
    }

    /// <summary>The index of the "&gt;" that ends the tag at <paramref name="lt"/>, skipping quoted attribute values; -1 if it is not a tag.</summary>
    private static int TagEnd(string xml, int lt)
    {
        if (lt + 1 >= xml.Length || !(char.IsLetter(xml[lt + 1]) || xml[lt + 1] is '_' or '/'))
        {
            return -1;
        }
        char? quote = null;
        for (var k = lt + 1; k < xml.Length; k++)
        {
            var c = xml[k];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return k;
            }
            else if (c == '<')
            {
                return -1;
            }
        }
        return -1;
    }
}
