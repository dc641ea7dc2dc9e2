using Herald.Sentiment;

namespace Herald.Bench.Sentiment;

/// <summary>Word features tried in round 5 and not kept (bench/README.md): words after a negator marked, sub-words.</summary>
internal static class Experiments
{
    /// <summary>Adds to a text's <paramref name="seen"/> words the features <paramref name="config"/> asks for
    /// (marked with a control character so they never meet a real word).</summary>
    public static void AddWords(List<string> seen, Lexicon lexicon, Training.Config config)
    {
        if (config.NegationScope != 0)
        {
            // Experiment: a word within 3 words after a negator also (or only) counts as "¬word".
            var scope = 0;
            for (var i = 0; i < seen.Count; i++)
            {
                var w = seen[i];
                if (w.Contains(' ', StringComparison.Ordinal))
                {
                    continue;
                }
                var negator = lexicon.Lookup.TryGetValue(w, out var entry) && (entry.Role & WordRole.Negator) != 0;
                if (scope > 0 && !negator)
                {
                    if (config.NegationScope > 0)
                    {
                        seen[i] = "\u0003" + w;
                    }
                    else
                    {
                        seen.Add("\u0003" + w);
                    }
                    scope--;
                }
                scope = negator ? 3 : scope;
            }
        }
        foreach (var w in seen.Where(w => !w.Contains(' ', StringComparison.Ordinal) && w[0] >= ' ').ToList())
        {
            // Sub-word features (experiment): character n-grams of "<word>", or the word's first letters.
            if (config.CharGrams > 0)
            {
                var padded = "<" + w + ">";
                for (var i = 0; i + config.CharGrams <= padded.Length; i++)
                {
                    seen.Add(string.Concat("\u0001", padded.AsSpan(i, config.CharGrams)));
                }
            }
            if (config.Prefix > 0 && w.Length > config.Prefix)
            {
                seen.Add("\u0002" + w[..config.Prefix]);
            }
        }
    }
}
