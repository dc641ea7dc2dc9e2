namespace Herald.Listening.Matching;

/// <summary>The phrases that trigger no query and are only read by programs: looked for in the post's words when a program
/// that reads one runs, instead of pair by pair as the text is tokenized.</summary>
/// <remarks>Such phrases (`"w w" brand`, `brand NOT "w w"`) are mostly made of common words, so finding them on the way
/// cost a pair-filter test, and often a pair lookup, on most tokens of every post; yet their answer is needed only when the
/// query's brand is there, a few programs per post. Eager phrases (those that trigger a query) are still found on the way.</remarks>
internal sealed class LazyPhrases
{
    /// <summary>Set on an atom id in a program's code (as the matcher copies it) when that atom is a lazy phrase.</summary>
    public const int Bit = 1 << 30;

    /// <summary>On a program's length (as the matcher copies it) when its code reads some lazy phrase.</summary>
    public const int HasSome = 1 << 30;

    private readonly int[]?[] _termsOfAtom;

    public LazyPhrases(int atoms, IEnumerable<(int[] Terms, int Atom)> phrases)
    {
        _termsOfAtom = new int[]?[atoms];
        foreach (var (terms, atom) in phrases)
        {
            _termsOfAtom[atom] = terms;
        }
    }

    public bool IsLazy(int atom) => _termsOfAtom[atom] is not null;

    /// <summary>Stamps the lazy phrases a program's code reads that occur in the post's words (<see cref="MatchScratch.TermOf"/>),
    /// each looked for once per post.</summary>
    public void Resolve(ReadOnlySpan<int> code, MatchScratch s)
    {
        foreach (var c in code)
        {
            if (c >= 0 && (c & Bit) != 0)
            {
                var atom = c & ~Bit;
                if (s.PhraseGen[atom] != s.Gen)
                {
                    s.PhraseGen[atom] = s.Gen;
                    if (Occurs(_termsOfAtom[atom]!, s.TermOf.AsSpan(0, s.TokenCount)))
                    {
                        s.AtomGen[atom] = s.Gen;
                    }
                }
            }
        }
    }

    /// <summary>Whether these word entries follow one another somewhere in the post's words (-1 for a token that is no word).</summary>
    private static bool Occurs(int[] terms, ReadOnlySpan<int> words)
    {
        var from = 0;
        while (true)
        {
            var i = words[from..].IndexOf(terms[0]);
            if (i < 0)
            {
                return false;
            }
            from += i;
            if (words.Length - from < terms.Length)
            {
                return false;
            }
            if (words.Slice(from, terms.Length).SequenceEqual(terms))
            {
                return true;
            }
            from++;
        }
    }
}
