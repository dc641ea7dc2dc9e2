namespace Herald.Listening.Matching;

/// <summary>One thread's reusable working memory for <see cref="MatchEngine.Match"/>; never shared between threads.</summary>
internal sealed class MatchScratch
{
    public MatchScratch(int atoms, int queries)
    {
        AtomGen = new int[atoms];
        QueryGen = new int[queries];
        Present = new int[Math.Max(16, atoms)];
        Candidates = new int[Math.Max(16, queries)];
        Results = new int[Math.Max(16, queries)];
    }

    public TokenBuffer Tokens { get; } = new();
    public int[] TermOf = new int[256];
    public int[] AtomGen;
    public int[] QueryGen;
    public int[] Present;
    public int PresentCount;
    public int[] Candidates;
    public int[] Results;
    public int Gen;
    public int LastCandidates;
    public int LastTokens;

    public void Next()
    {
        if (++Gen == int.MaxValue)
        {
            Array.Clear(AtomGen);
            Array.Clear(QueryGen);
            Gen = 1;
        }
        PresentCount = 0;
    }
}
