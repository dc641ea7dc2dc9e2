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

    /// <summary>On a program's length word: the length of the phrase words that follow the program, from this bit on.</summary>
    public const int ExtraShift = 15;

    /// <summary>The program's own length in its length word (the rest is <see cref="HasSome"/> and the extra length).</summary>
    public const int LengthMask = (1 << ExtraShift) - 1;

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

    /// <summary>The words of the lazy phrases a program reads, in the order it reads them: (count, entries…) per phrase.
    /// The matcher stores them right after the program, so resolving reads memory the program already brought in.</summary>
    public IEnumerable<int> WordsFor(IEnumerable<int> code)
    {
        foreach (var c in code)
        {
            if (c >= 0 && _termsOfAtom[c] is { } terms)
            {
                yield return terms.Length;
                foreach (var t in terms)
                {
                    yield return t;
                }
            }
        }
    }

    /// <summary>Stamps the lazy phrases a program's code reads that occur in the post's words (<see cref="MatchScratch.TermOf"/>),
    /// each looked for once per post; <paramref name="words"/> are the phrases' words (<see cref="WordsFor"/>).</summary>
    public static void Resolve(ReadOnlySpan<int> code, ReadOnlySpan<int> words, MatchScratch s)
    {
        var at = 0;
        foreach (var c in code)
        {
            if (c >= 0 && (c & Bit) != 0)
            {
                var n = words[at];
                var terms = words.Slice(at + 1, n);
                at += n + 1;
                var atom = c & ~Bit;
                if (s.PhraseGen[atom] != s.Gen)
                {
                    s.PhraseGen[atom] = s.Gen;
                    if (Occurs(terms, s.TermOf.AsSpan(0, s.TokenCount)))
                    {
                        s.AtomGen[atom] = s.Gen;
                    }
                }
            }
        }
    }

    /// <summary>Whether these word entries follow one another somewhere in the post's words (-1 for a token that is no word).</summary>
    private static bool Occurs(ReadOnlySpan<int> terms, ReadOnlySpan<int> words)
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
