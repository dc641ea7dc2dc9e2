using System.Buffers;
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
        var span = text.AsSpan();
        var next = span.IndexOfAny(Special);
        var bang = text.IndexOf("<!", StringComparison.Ordinal); // where a CDATA section or a comment may start
        if (next < 0 && bang < 0)
        {
            return text; // no ampersand, no forbidden character, no section to close: nothing to repair
        }
        var sb = new StringBuilder(text.Length + 64);
        var i = 0;
        while (next >= 0 || bang >= 0)
        {
            if (bang >= 0 && (next < 0 || bang < next))
            {
                sb.Append(span[i..bang]);
                i = string.CompareOrdinal(text, bang, "<![CDATA[", 0, 9) == 0 ? CopyThrough(text, bang, "]]>", sb)
                    : string.CompareOrdinal(text, bang, "<!--", 0, 4) == 0 ? CopyThrough(text, bang, "-->", sb)
                    : Copy(text, bang, 2, sb);
            }
            else
            {
                sb.Append(span[i..next]);
                // An ampersand is repaired; a character XML forbids is dropped.
                i = text[next] == '&' ? RepairEntity(text, next, sb) : next + 1;
            }
            next = i >= span.Length ? -1 : span[i..].IndexOfAny(Special) is var k and >= 0 ? i + k : -1;
            if (bang >= 0 && bang < i)
            {
                bang = i >= span.Length ? -1 : text.IndexOf("<!", i, StringComparison.Ordinal);
            }
        }
        sb.Append(span[i..]);
        return sb.ToString();
    }

    /// <summary>What <see cref="Repair"/> stops at outside CDATA sections and comments: ampersands and characters XML forbids.</summary>
    private static readonly SearchValues<char> Special = SearchValues.Create(
        "&\uFFFE\uFFFF\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    private static int Copy(string text, int i, int length, StringBuilder sb)
    {
        sb.Append(text, i, length);
        return i + length;
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
        var length = EntityLength(text.AsSpan(i));
        if (length > 0)
        {
            var reference = text.AsSpan(i, length);
            var name = reference[1..^1];
            if (name[0] == '#' || name is "amp" or "lt" or "gt" or "quot" or "apos")
            {
                sb.Append(reference);
                return i + length;
            }
            var value = reference.ToString();
            var decoded = WebUtility.HtmlDecode(value);
            if (decoded != value)
            {
                foreach (var rune in decoded.EnumerateRunes())
                {
                    sb.Append("&#").Append(rune.Value).Append(';');
                }
                return i + length;
            }
        }
        sb.Append("&amp;");
        return i + 1;
    }

    /// <summary>The length of the entity reference at the start of <paramref name="s"/> ("&amp;#123;", "&amp;#x1F;", "&amp;name;"), or 0.</summary>
    internal static int EntityLength(ReadOnlySpan<char> s)
    {
        if (s.Length < 3 || s[0] != '&')
        {
            return 0;
        }
        int end;
        if (s[1] == '#')
        {
            var hex = s.Length > 2 && s[2] is 'x' or 'X';
            var first = hex ? 3 : 2;
            end = first;
            while (end < s.Length && end - first < (hex ? 6 : 7) && (hex ? char.IsAsciiHexDigit(s[end]) : char.IsAsciiDigit(s[end])))
            {
                end++;
            }
            return end > first && end < s.Length && s[end] == ';' ? end + 1 : 0;
        }
        if (!char.IsAsciiLetter(s[1]))
        {
            return 0;
        }
        end = 2;
        while (end < s.Length && end - 1 < 32 && char.IsAsciiLetterOrDigit(s[end]))
        {
            end++;
        }
        return end < s.Length && s[end] == ';' ? end + 1 : 0;
    }

    [GeneratedRegex(@"<\?xml[^>]*encoding\s*=\s*[""']([A-Za-z0-9._:-]+)[""']")]
    private static partial Regex DeclaredEncoding();
}
