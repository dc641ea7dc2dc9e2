namespace Herald.Sentiment;

/// <summary>Lower-cases and strips accents into a caller's buffer, so "Génial", "GENIAL" and "genial" find the same lexicon entry.</summary>
internal static class TextFolding
{
    // One table over U+0000..U+017F (Latin-1 and Latin Extended-A): the folded char, or '\0' to keep the lower-cased char.
    private static readonly char[] Table = BuildTable();

    /// <summary>Folds <paramref name="source"/> into <paramref name="destination"/>; returns the folded length, or -1 when it does not fit.</summary>
    public static int Fold(ReadOnlySpan<char> source, Span<char> destination)
    {
        var n = 0;
        foreach (var c in source)
        {
            if (n >= destination.Length)
            {
                return -1;
            }
            if (c < Table.Length)
            {
                var f = Table[c];
                if (f == '\u0001')
                {
                    // œ and æ become two letters, as French spells them without the ligature ("coeur").
                    if (n + 1 >= destination.Length)
                    {
                        return -1;
                    }
                    destination[n++] = c is 'œ' or 'Œ' ? 'o' : 'a';
                    destination[n++] = 'e';
                    continue;
                }
                destination[n++] = f;
            }
            else
            {
                destination[n++] = c is '\u2019' or '\u2018' or '\u02BC' ? '\'' : char.ToLowerInvariant(c);
            }
        }
        return n;
    }

    /// <summary>Folds a whole string (lexicon loading, tests); not for the hot path.</summary>
    public static string Fold(string source)
    {
        Span<char> buffer = stackalloc char[source.Length * 2 + 1];
        var n = Fold(source, buffer);
        return new string(buffer[..n]);
    }

    private static char[] BuildTable()
    {
        var table = new char[0x180];
        for (var i = 0; i < table.Length; i++)
        {
            var c = (char)i;
            var lower = char.ToLowerInvariant(c);
            var decomposed = lower.ToString().Normalize(System.Text.NormalizationForm.FormD);
            table[i] = decomposed.Length > 0 && decomposed[0] < 0x180 && char.IsLetter(decomposed[0]) ? decomposed[0] : lower;
        }
        table['œ'] = table['Œ'] = table['æ'] = table['Æ'] = '\u0001';
        table['ß'] = 's';
        return table;
    }
}
