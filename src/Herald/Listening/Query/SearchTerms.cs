namespace Herald.Listening.Query;

/// <summary>
/// What to ask a network's search for so that every post a query can match is among the answers: a set of search
/// strings whose results, together, cover the query (the matcher then keeps only the posts that really match).
/// </summary>
/// <remarks>
/// A word is searched as itself, a hashtag as <c>#tag</c>, a handle as <c>@handle</c>, a phrase in quotes, <c>from:</c> as
/// <c>from:handle</c>. OR needs every side covered; AND needs one side, the most selective-looking one (a phrase or a
/// hashtag before a long word before a short one; several terms before one). NOT, <c>lang:</c> and wildcards cover
/// nothing, so a query made only of them (<c>lang:fr</c>, <c>acme*</c>) cannot be searched for and gets null: it still
/// matches posts from the streams.
/// </remarks>
internal static class SearchTerms
{
    /// <summary>The search strings that cover <paramref name="node"/>, or null when none can.</summary>
    public static IReadOnlyList<string>? Cover(QueryNode node)
    {
        switch (node)
        {
            case TermNode { Kind: TermKind.Hashtag } t:
                return ["#" + t.Text];
            case TermNode { Kind: TermKind.Mention } t:
                return ["@" + t.Text];
            case TermNode t:
                return [t.Text];
            case PhraseNode p:
                return ["\"" + string.Join(' ', p.Words) + "\""];
            case FromNode f:
                return ["from:" + f.Handle];
            case OrNode or:
                var union = new List<string>();
                foreach (var child in or.Children)
                {
                    if (Cover(child) is not { } c)
                    {
                        return null;
                    }
                    union.AddRange(c);
                }
                return union.Distinct(StringComparer.Ordinal).ToArray();
            case AndNode and:
                return and.Children.Select(Cover).Where(c => c is not null).OrderBy(c => c!.Count).ThenByDescending(c => c!.Min(Selectivity)).FirstOrDefault();
            default:
                return null; // NOT, lang:, a wildcard
        }
    }

    /// <summary>
    /// The distinct search strings covering all of <paramref name="queries"/>, at most <paramref name="max"/>: strings shared
    /// by more queries first, then in the queries' order. Queries that cannot be covered are skipped.
    /// </summary>
    public static IReadOnlyList<string> Collect(IEnumerable<QueryNode> queries, int max)
    {
        var uses = new Dictionary<string, (int Count, int First)>(StringComparer.Ordinal);
        var order = 0;
        foreach (var query in queries)
        {
            foreach (var term in Cover(query) ?? [])
            {
                uses[term] = uses.TryGetValue(term, out var u) ? (u.Count + 1, u.First) : (1, order++);
            }
        }
        return [.. uses.OrderByDescending(u => u.Value.Count).ThenBy(u => u.Value.First).Take(max).Select(u => u.Key)];
    }

    /// <summary>How few posts a search string probably finds, higher is fewer: phrases and tags before words, long words before short ones.</summary>
    private static int Selectivity(string term) => term[0] switch
    {
        '"' or '#' or '@' => 1000 + term.Length,
        _ when term.StartsWith("from:", StringComparison.Ordinal) => 2000,
        _ => term.Length,
    };
}
