using System.Globalization;
using Herald.Networks;

namespace Herald.Publishing;

/// <summary>
/// Splits a text too long for a network into a numbered thread ("… 1/3"), breaking between paragraphs, then sentences,
/// then words, and only inside a word when one word alone is too long. Every part fits the network's rules.
/// </summary>
public static class ThreadSplitter
{
    public const int MaxParts = 25;

    public static IReadOnlyList<string> Split(string text, NetworkRules rules)
    {
        text = text.Trim();
        if (Fits(text, rules))
        {
            return [text];
        }
        // The suffix " 10/12" takes more room as the count grows: retry with the room the last try needed.
        for (var digits = 1; digits <= 2; digits++)
        {
            var reserve = 2 + digits * 2; // " " + n + "/" + total
            var parts = Pack(text, rules, reserve);
            if (parts.Count <= MaxParts && parts.Count.ToString(CultureInfo.InvariantCulture).Length <= digits)
            {
                return parts.Select((p, i) => $"{p} {i + 1}/{parts.Count}").ToList();
            }
        }
        throw new HeraldProblem(422, "Text too long", $"This text would need more than {MaxParts} posts as a thread.");
    }

    private static bool Fits(string text, NetworkRules rules, int reserve = 0) =>
        TextMeasure.Length(text, rules) + reserve <= rules.MaxGraphemes
        && (rules.MaxBytes is not { } maxBytes || TextMeasure.Utf8Bytes(text) + reserve <= maxBytes);

    private static List<string> Pack(string text, NetworkRules rules, int reserve)
    {
        var parts = new List<string>();
        var current = "";
        foreach (var token in Tokens(text))
        {
            var candidate = current.Length == 0 ? token.TrimStart() : current + token;
            if (Fits(candidate.TrimEnd(), rules, reserve))
            {
                current = candidate;
                continue;
            }
            if (current.Trim().Length > 0)
            {
                parts.Add(current.Trim());
            }
            current = token.TrimStart();
            while (!Fits(current.TrimEnd(), rules, reserve))
            {
                // One word longer than a whole post: cut it by graphemes.
                var cut = LongestFittingPrefix(current, rules, reserve);
                parts.Add(cut);
                current = current[cut.Length..];
            }
        }
        if (current.Trim().Length > 0)
        {
            parts.Add(current.Trim());
        }
        return parts;
    }

    private static string LongestFittingPrefix(string text, NetworkRules rules, int reserve)
    {
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        var end = 0;
        while (enumerator.MoveNext())
        {
            var next = enumerator.ElementIndex + ((string)enumerator.Current).Length;
            if (!Fits(text[..next], rules, reserve))
            {
                break;
            }
            end = next;
        }
        return text[..Math.Max(end, 1)];
    }

    /// <summary>Tokens keep their leading whitespace; paragraph and sentence ends are preferred break points because tokens end there.</summary>
    private static IEnumerable<string> Tokens(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) && i > start && !char.IsWhiteSpace(text[i - 1]))
            {
                yield return text[start..i];
                start = i;
            }
        }
        if (start < text.Length)
        {
            yield return text[start..];
        }
    }
}
