using System.Globalization;

namespace Herald.Networks.Bluesky;

/// <summary>
/// atproto's hashtag rule, scanned by code point: after a '#' or '＃' at the start or after a space, the run of characters up to
/// the next space or zero-width character is a tag if it does not start with U+FE0F and holds at least one character that is
/// neither an ASCII digit nor punctuation; trailing punctuation is dropped and at most 64 graphemes are allowed.
/// </summary>
internal static class BlueskyHashtags
{
    private const int MaxGraphemes = 64;

    /// <summary>Each tag found: the UTF-16 index of its '#' and the tag without it.</summary>
    public static IEnumerable<(int Start, string Tag)> Find(string text)
    {
        var searchFrom = 0; // JavaScript's lastIndex: a match may not start (with its leading space) before it
        for (var hash = 0; hash < text.Length; hash++)
        {
            if (text[hash] is not ('#' or '\uFF03'))
            {
                continue;
            }
            var startsMatch = hash == 0 ? searchFrom == 0 : BlueskyRichText.IsJsSpace(text[hash - 1]) && hash - 1 >= searchFrom;
            if (!startsMatch)
            {
                continue;
            }
            var runEnd = RunEnd(text, hash + 1, out var hasTagCharacter);
            if (!hasTagCharacter || (runEnd > hash + 1 && text[hash + 1] == '\uFE0F'))
            {
                searchFrom = hash + 1;
                continue;
            }
            searchFrom = runEnd;
            var tag = StripTrailingPunctuation(text[(hash + 1)..runEnd]);
            if (tag.Length == 0 || (tag.Length > MaxGraphemes && BlueskyRichText.CountGraphemes(tag) > MaxGraphemes))
            {
                continue;
            }
            yield return (hash, tag);
        }
    }

    private static int RunEnd(string text, int from, out bool hasTagCharacter)
    {
        hasTagCharacter = false;
        var i = from;
        while (i < text.Length)
        {
            var c = text[i];
            if (BlueskyRichText.IsJsSpace(c) || c is '\u00AD' or '\u2060' or '\u200A' or '\u200B' or '\u200C' or '\u200D' or '\u20E2')
            {
                break;
            }
            var width = char.IsSurrogatePair(text, i) ? 2 : 1;
            if (c is not (>= '0' and <= '9') && !IsPunctuation(text, i))
            {
                hasTagCharacter = true;
            }
            i += width;
        }
        return i;
    }

    private static string StripTrailingPunctuation(string tag)
    {
        var end = tag.Length;
        while (end > 0)
        {
            var last = end >= 2 && char.IsSurrogatePair(tag[end - 2], tag[end - 1]) ? end - 2 : end - 1;
            if (!IsPunctuation(tag, last))
            {
                break;
            }
            end = last;
        }
        return tag[..end];
    }

    private static bool IsPunctuation(string text, int index)
    {
        if (char.IsSurrogate(text[index]) && !char.IsSurrogatePair(text, index))
        {
            return false; // a lone surrogate is a code point of its own, category Cs
        }
        return CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(text, index)) is UnicodeCategory.ConnectorPunctuation
            or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
            or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }
}
