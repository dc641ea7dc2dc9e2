namespace Herald.Listening.Matching;

/// <summary>One thread's reusable working memory for <see cref="MatchEngine.Match"/>; never shared between threads.</summary>
internal sealed class MatchScratch
{
    public MatchScratch(MatchEngine engine, int atoms, int queries, int maxDepth)
    {
        Engine = engine;
        AtomGen = new int[atoms];
        PhraseGen = new int[atoms];
        QueryGen = new int[queries];
        Present = new int[Math.Max(16, atoms)];
        Results = new int[Math.Max(16, queries)];
        Stack = new bool[Math.Max(16, maxDepth)];
    }

    /// <summary>The engine this scratch was made for: its sizes hold only for that engine.</summary>
    public MatchEngine Engine { get; }
    public TokenBuffer Tokens { get; } = new();

    /// <summary>Per token, its word entry (or -1): what phrases are matched on.</summary>
    public int[] TermOf = new int[256];

    /// <summary>Per atom and per query, the <see cref="Gen"/> of the last post that found it: nothing is cleared between posts.</summary>
    public int[] AtomGen;
    public int[] QueryGen;

    /// <summary>Per lazy phrase atom, the <see cref="Gen"/> of the last post it was looked for in.</summary>
    public int[] PhraseGen;

    /// <summary>How many tokens the post has (the length of <see cref="TermOf"/> in use).</summary>
    public int TokenCount;
    public int[] Present;
    public int PresentCount;
    public int[] Results;
    public bool[] Stack;
    /// <summary>Phrases of three words or more whose first two were found: (token, phrase) pairs, checked after the text.</summary>
    public int[] Pending = new int[64];
    public int PendingCount;
    public int Gen;
    public int LastCandidates;

    /// <summary>A sink for reads made only to bring memory into the cache early (<see cref="MatchEngine"/>'s Mark).</summary>
    public int Touch;

    /// <summary>The last post language looked up and its table slot (posts of a stream come in a handful of languages).</summary>
    public string? LastLang;
    public int LastLangSlot = -1;
    private char[] _attribute = new char[64 + TokenBuffer.Padding];

    /// <summary>A reusable buffer for a post attribute (lang, author) of up to <paramref name="length"/> characters and the padding after them.</summary>
    public char[] AttributeBuffer(int length)
    {
        if (_attribute.Length < length + TokenBuffer.Padding)
        {
            _attribute = new char[length * 2 + TokenBuffer.Padding];
        }
        return _attribute;
    }

    public void Next()
    {
        if (++Gen == int.MaxValue)
        {
            Array.Clear(AtomGen);
            Array.Clear(QueryGen);
            Array.Clear(PhraseGen);
            Gen = 1;
        }
        PresentCount = 0;
        PendingCount = 0;
    }
}
