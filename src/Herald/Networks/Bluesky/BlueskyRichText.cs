using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Herald.Networks.Bluesky;

/// <summary>
/// Finds mentions, links, hashtags and cashtags in a post the way @atproto/api's <c>detectFacets</c> does, with UTF-8 byte offsets.
/// JavaScript's regex classes differ from .NET's (<c>\s</c>, <c>\b</c>, <c>\d</c>, case folding), so the patterns spell out
/// JavaScript's sets; hashtags are scanned by code point because atproto's tag pattern runs in Unicode mode.
/// </summary>
public static partial class BlueskyRichText
{
    // JavaScript's \s: WhiteSpace and LineTerminator.
    private const string JsSpace = @"\t\n\v\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF";
    private const string AsciiWordBoundary = "(?:(?<=[A-Za-z0-9_])(?![A-Za-z0-9_])|(?<![A-Za-z0-9_])(?=[A-Za-z0-9_]))";

    [GeneratedRegex("(?:^|[" + JsSpace + @"]|\()@(?<handle>[a-zA-Z0-9.-]+)" + AsciiWordBoundary, RegexOptions.CultureInvariant)]
    private static partial Regex MentionPattern();

    [GeneratedRegex("(?:^|[" + JsSpace + @"]|\()(?<uri>[hH][tT][tT][pP][sS]?://[^" + JsSpace + "]+|(?<domain>[a-zA-Z][a-zA-Z0-9]*(?:\\.[a-zA-Z0-9]+)+)[^" + JsSpace + "]*)",
        RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    [GeneratedRegex("(?:^|[" + JsSpace + @"]|\()\$(?<ticker>[A-Za-z][A-Za-z0-9]{0,4})(?=[" + JsSpace + @"]|\z|[.,;:!?)""'\u2019])", RegexOptions.CultureInvariant)]
    private static partial Regex CashtagPattern();

    /// <summary>Extended grapheme clusters as Bluesky counts them (its 300-character limit).</summary>
    public static int CountGraphemes(string text) => BlueskyGraphemes.Count(text);

    /// <summary>UTF-8 length, what Bluesky's 3,000-byte limit counts.</summary>
    public static int CountUtf8Bytes(string text) => Encoding.UTF8.GetByteCount(text);

    /// <summary>
    /// Detects facets and resolves each mentioned handle to its DID; a mention that does not resolve stays plain text.
    /// </summary>
    public static async Task<IReadOnlyList<BlueskyFacet>> DetectAsync(
        string text, Func<string, CancellationToken, Task<string?>> resolveHandle, CancellationToken ct)
    {
        var facets = Detect(text);
        var resolved = new List<BlueskyFacet>(facets.Count);
        var cache = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var facet in facets)
        {
            if (facet.Kind != BlueskyFacetKind.Mention)
            {
                resolved.Add(facet);
                continue;
            }
            if (!cache.TryGetValue(facet.Value, out var did))
            {
                did = await resolveHandle(facet.Value, ct);
                cache[facet.Value] = did;
            }
            if (!string.IsNullOrEmpty(did))
            {
                resolved.Add(facet with { Value = did });
            }
        }
        return resolved;
    }

    /// <summary>Detects facets without resolving mentions: a mention's value is the handle. Sorted by start, like atproto.</summary>
    public static IReadOnlyList<BlueskyFacet> Detect(string text)
    {
        var facets = new List<BlueskyFacet>();
        foreach (Match match in MentionPattern().Matches(text))
        {
            var handle = match.Groups["handle"];
            if (!BlueskyTlds.IsValidDomain(handle.Value) && !handle.Value.EndsWith(".test", StringComparison.Ordinal))
            {
                continue; // probably not a handle
            }
            facets.Add(Facet(text, handle.Index - 1, handle.Index + handle.Length, BlueskyFacetKind.Mention, handle.Value));
        }
        foreach (Match match in UrlPattern().Matches(text))
        {
            var found = match.Groups["uri"];
            var uri = found.Value;
            if (!uri.StartsWith("http", StringComparison.Ordinal))
            {
                var domain = match.Groups["domain"];
                if (!domain.Success || !BlueskyTlds.IsValidDomain(domain.Value))
                {
                    continue;
                }
                uri = "https://" + uri;
            }
            var end = found.Index + found.Length;
            if (".,;:!?".Contains(uri[^1], StringComparison.Ordinal))
            {
                uri = uri[..^1];
                end--;
            }
            if (uri[^1] == ')' && !uri.Contains('(', StringComparison.Ordinal))
            {
                uri = uri[..^1];
                end--;
            }
            facets.Add(Facet(text, found.Index, end, BlueskyFacetKind.Link, uri));
        }
        foreach (var (start, tag) in BlueskyHashtags.Find(text))
        {
            facets.Add(Facet(text, start, start + 1 + tag.Length, BlueskyFacetKind.Tag, tag));
        }
        foreach (Match match in CashtagPattern().Matches(text))
        {
            var ticker = match.Groups["ticker"];
            var upper = ticker.Value.ToUpperInvariant();
            facets.Add(Facet(text, ticker.Index - 1, ticker.Index + ticker.Length, BlueskyFacetKind.Tag, "$" + upper));
        }
        return [.. facets.OrderBy(f => f.ByteStart)];
    }

    private static BlueskyFacet Facet(string text, int start, int end, BlueskyFacetKind kind, string value) =>
        new(Utf8Index(text, start), Utf8Index(text, end), kind, value);

    private static int Utf8Index(string text, int utf16Index) => Encoding.UTF8.GetByteCount(text.AsSpan(0, utf16Index));

    internal static bool IsJsSpace(char c) => c is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00A0' or '\u1680'
        or (>= '\u2000' and <= '\u200A') or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' or '\uFEFF';
}
