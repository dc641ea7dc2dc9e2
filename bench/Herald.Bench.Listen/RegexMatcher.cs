using System.Text;
using System.Text.RegularExpressions;
using Herald.Listening.Query;

namespace Herald.Bench.Listen;

/// <summary>The baseline most code bases start with: one compiled Regex per query, every query tried on every post.</summary>
/// <remarks>Boolean logic is expressed with zero-width lookaheads over the canonical token string, so one regex is one query.</remarks>
internal sealed class RegexMatcher(IEnumerable<QueryNode> queries)
{
    private readonly Regex[] _regexes = [.. queries.Select(q => new Regex("^" + Translate(q), RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.Singleline))];

    public int Count => _regexes.Length;

    public void Match(string text, string[] langs, string? author, List<int> results)
    {
        results.Clear();
        var canonical = Canonical.ForRegex(text, langs, author);
        for (var i = 0; i < _regexes.Length; i++)
        {
            if (_regexes[i].IsMatch(canonical))
            {
                results.Add(i);
            }
        }
    }

    private static string Translate(QueryNode node) => node switch
    {
        AndNode a => string.Concat(a.Children.Select(Translate)),
        OrNode o => "(?:" + string.Join('|', o.Children.Select(Translate)) + ")",
        NotNode n => "(?!" + Translate(n.Child) + ")",
        _ => "(?=.*?" + Atom(node) + ")",
    };

    private static string Atom(QueryNode node) => node switch
    {
        TermNode { Kind: TermKind.Word } t => " #?" + Regex.Escape(t.Text) + " ",
        TermNode { Kind: TermKind.Hashtag } t => " #" + Regex.Escape(t.Text) + " ",
        TermNode t => " @" + Regex.Escape(t.Text) + " ",
        PrefixNode { Kind: TermKind.Word } p => " #?" + Regex.Escape(p.Text),
        PrefixNode { Kind: TermKind.Hashtag } p => " #" + Regex.Escape(p.Text),
        PrefixNode p => " @" + Regex.Escape(p.Text),
        PhraseNode ph => " " + string.Join(' ', ph.Words.Select(w => "#?" + Regex.Escape(w))) + " ",
        LangNode l => "\u0001L:" + Regex.Escape(l.Code) + " ",
        FromNode f => "\u0001A:" + Regex.Escape(f.Handle) + " ",
        _ => throw new ArgumentException(node.ToString()),
    };
}
