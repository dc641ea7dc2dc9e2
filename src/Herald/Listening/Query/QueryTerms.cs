using System.Text.RegularExpressions;
using Herald.Listening.Matching;

namespace Herald.Listening.Query;

/// <summary>Turns a raw word or phrase of a query into a term node: fields, wildcards, hashtags, handles, words.</summary>
internal static partial class QueryTerms
{
    public const int MinPrefix = 2;
    public const int MaxPrefix = 60;

    public static QueryNode Phrase(string raw, int position)
    {
        var tokens = Tokenizer.Tokens(raw);
        if (tokens.Count == 0)
        {
            throw new QuerySyntaxException(position, "empty phrase: expected words between the quotes");
        }
        if (tokens.Any(t => t.Kind == TermKind.Mention))
        {
            throw new QuerySyntaxException(position, "a phrase cannot contain a @handle; write it outside the quotes");
        }
        return tokens.Count == 1 ? new TermNode(tokens[0].Kind, tokens[0].Text) : new PhraseNode(tokens.Select(t => t.Text).ToArray());
    }

    public static QueryNode Word(string raw, int position)
    {
        if (raw.StartsWith("lang:", StringComparison.OrdinalIgnoreCase))
        {
            var code = raw[5..].ToLowerInvariant();
            return LanguageCode().IsMatch(code) ? new LangNode(code) : throw new QuerySyntaxException(position + 5, "expected a language code like lang:fr");
        }
        if (raw.StartsWith("from:", StringComparison.OrdinalIgnoreCase))
        {
            var handle = raw[5..].TrimStart('@');
            if (handle.StartsWith("did:", StringComparison.OrdinalIgnoreCase))
            {
                return new FromNode(handle.ToLowerInvariant());
            }
            var tokens = Tokenizer.Tokens("@" + handle);
            return tokens is [{ Kind: TermKind.Mention } t] ? new FromNode(t.Text) : throw new QuerySyntaxException(position + 5, "expected a handle after from:");
        }
        var star = raw.IndexOf('*');
        if (star >= 0 && star != raw.Length - 1)
        {
            throw new QuerySyntaxException(position + star, "a wildcard '*' goes only at the end of a term");
        }
        var body = star >= 0 ? raw[..^1] : raw;
        var parts = Tokenizer.Tokens(body);
        if (parts.Count == 0)
        {
            throw new QuerySyntaxException(position, star >= 0 ? "expected letters before '*'" : $"nothing to match in '{raw}': expected letters or digits");
        }
        if (star >= 0)
        {
            if (parts.Count > 1)
            {
                throw new QuerySyntaxException(position, "a wildcard applies to a single word");
            }
            return parts[0].Text.Length switch
            {
                < MinPrefix => throw new QuerySyntaxException(position + star, $"a wildcard needs at least {MinPrefix} letters before '*'"),
                > MaxPrefix => throw new QuerySyntaxException(position + star, $"a wildcard allows at most {MaxPrefix} letters before '*'"),
                _ => new PrefixNode(parts[0].Kind, parts[0].Text),
            };
        }
        if (parts.Count == 1)
        {
            return new TermNode(parts[0].Kind, parts[0].Text);
        }
        if (parts.Any(p => p.Kind == TermKind.Mention))
        {
            throw new QuerySyntaxException(position, $"cannot read '{raw}' as one handle");
        }
        // "l'oréal" or "e-commerce": several tokens written together mean them in a row.
        return new PhraseNode(parts.Select(p => p.Text).ToArray());
    }

    [GeneratedRegex("^[a-z]{2,3}$")]
    private static partial Regex LanguageCode();
}
