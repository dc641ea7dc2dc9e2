using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Herald.Curation.Feeds;

/// <summary>
/// Turns a feed's bytes into text a strict XML parser accepts: the right encoding whatever the declarations say, and
/// entity references repaired (HTML entities such as &amp;nbsp; that XML does not know, bare ampersands).
/// </summary>
internal static partial class FeedText
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    static FeedText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// Decodes <paramref name="bytes"/>. A byte-order mark wins; then bytes that are valid UTF-8 are UTF-8 (servers and
    /// XML declarations often claim ISO-8859-1 for UTF-8 text, the reverse is rarer); then the XML declaration, then the
    /// HTTP charset; then Windows-1252, which decodes any byte.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? httpCharset)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(bytes[3..]);
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }
        // UTF-16 without a mark still starts with "<" next to a zero byte.
        if (bytes.Length >= 4 && bytes[0] == '<' && bytes[1] == 0)
        {
            return Encoding.Unicode.GetString(bytes);
        }
        if (bytes.Length >= 4 && bytes[0] == 0 && bytes[1] == '<')
        {
            return Encoding.BigEndianUnicode.GetString(bytes);
        }
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
        }
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 512)]);
        var declared = DeclaredEncoding().Match(head);
        foreach (var name in new[] { declared.Success ? declared.Groups[1].Value : null, httpCharset })
        {
            if (Lookup(name) is { } encoding && encoding.CodePage != Encoding.UTF8.CodePage)
            {
                return encoding.GetString(bytes);
            }
        }
        return Encoding.GetEncoding(1252).GetString(bytes);
    }

    private static Encoding? Lookup(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        try
        {
            var encoding = Encoding.GetEncoding(name.Trim().Trim('"', '\''));
            // ISO-8859-1 labels mean Windows-1252 in practice (as browsers treat them): 0x80-0x9F are its quotes and dashes.
            return encoding.CodePage == 28591 ? Encoding.GetEncoding(1252) : encoding;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Makes entity references well-formed XML, outside CDATA sections and comments: an HTML entity becomes a character
    /// reference, an unknown name or a bare ampersand becomes "&amp;amp;". Also drops anything before the first "&lt;"
    /// and characters XML forbids. No DTD is ever read, so a declared entity stays text: no expansion, no external file.
    /// </summary>
    public static string Repair(string text)
    {
        var start = text.IndexOf('<', StringComparison.Ordinal);
        if (start > 0)
        {
            text = text[start..];
        }
        var sb = new StringBuilder(text.Length + 64);
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
                i = RepairEntity(text, i, sb);
                continue;
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            {
                i++;
                continue;
            }
            if (c is '\uFFFE' or '\uFFFF')
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

    private static int RepairEntity(string text, int i, StringBuilder sb)
    {
        var m = EntityReference().Match(text, i);
        if (m.Success && m.Index == i)
        {
            var name = m.Groups[1].Value;
            if (name[0] == '#' || name is "amp" or "lt" or "gt" or "quot" or "apos")
            {
                sb.Append(m.Value);
                return i + m.Length;
            }
            var decoded = WebUtility.HtmlDecode(m.Value);
            if (decoded != m.Value)
            {
                foreach (var rune in decoded.EnumerateRunes())
                {
                    sb.Append("&#").Append(rune.Value).Append(';');
                }
                return i + m.Length;
            }
        }
        sb.Append("&amp;");
        return i + 1;
    }

    [GeneratedRegex(@"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")]
    private static partial Regex EntityReference();

    [GeneratedRegex(@"<\?xml[^>]*encoding\s*=\s*[""']([A-Za-z0-9._:-]+)[""']")]
    private static partial Regex DeclaredEncoding();
}
