using Herald.Listening.Matching;
using Herald.Listening.Query;

namespace Herald.Tests.Listening;

/// <summary>The query semantics written the obvious way (walk the tree, scan the tokens), to check the engine against.</summary>
internal static class ReferenceMatcher
{
    public static bool Matches(QueryNode node, string text, string[] langs, string? author)
    {
        var tokens = ReferenceTokenizer.Tokens(text);
        return Eval(node, tokens, langs, author);
    }

    private static bool Eval(QueryNode node, List<(TermKind Kind, string Text)> tokens, string[] langs, string? author) => node switch
    {
        AndNode a => a.Children.All(c => Eval(c, tokens, langs, author)),
        OrNode o => o.Children.Any(c => Eval(c, tokens, langs, author)),
        NotNode n => !Eval(n.Child, tokens, langs, author),
        TermNode t => tokens.Any(k => Is(k.Kind, t.Kind) && k.Text == t.Text),
        PrefixNode p => tokens.Any(k => Is(k.Kind, p.Kind) && k.Text.StartsWith(p.Text, StringComparison.Ordinal)),
        PhraseNode ph => Enumerable.Range(0, Math.Max(0, tokens.Count - ph.Words.Count + 1))
            .Any(i => ph.Words.Select((w, j) => tokens[i + j].Kind != TermKind.Mention && tokens[i + j].Text == w).All(x => x)),
        LangNode l => langs.Any(x => x.ToLowerInvariant().Split('-', '_')[0] == l.Code),
        FromNode f => author is not null && (author.ToLowerInvariant() == f.Handle || author.ToLowerInvariant().StartsWith(f.Handle + ".", StringComparison.Ordinal)),
        _ => throw new ArgumentException(node.ToString()),
    };

    // A plain word also matches a hashtag's body; hashtags and handles match only their own kind.
    private static bool Is(TermKind token, TermKind query) => query == TermKind.Word ? token != TermKind.Mention : token == query;
}
