namespace Herald.Listening.Query;

/// <summary>The kinds of lexical tokens in a listening query.</summary>
internal enum LexKind { End, LParen, RParen, Phrase, Word, And, Or, Not }

/// <summary>One lexical token: its kind, raw text and 0-based offset.</summary>
internal readonly record struct Lexeme(LexKind Kind, string Text, int Position);

/// <summary>Splits a query into parentheses, "phrases", operators (AND, OR, NOT, a leading '-') and words.</summary>
internal static class QueryLexer
{
    public static List<Lexeme> Lex(string query)
    {
        var list = new List<Lexeme>();
        var i = 0;
        while (i < query.Length)
        {
            var c = query[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '(')
            {
                list.Add(new(LexKind.LParen, "(", i++));
            }
            else if (c == ')')
            {
                list.Add(new(LexKind.RParen, ")", i++));
            }
            else if (c == '"')
            {
                var close = query.IndexOf('"', i + 1);
                if (close < 0)
                {
                    throw new QuerySyntaxException(i, "unterminated phrase: expected a closing '\"'");
                }
                list.Add(new(LexKind.Phrase, query[(i + 1)..close], i));
                i = close + 1;
            }
            else if (c == '-' && i + 1 < query.Length && !char.IsWhiteSpace(query[i + 1]) && query[i + 1] != ')' && (i == 0 || IsBoundary(query[i - 1])))
            {
                list.Add(new(LexKind.Not, "-", i++));
            }
            else
            {
                var start = i;
                while (i < query.Length && !char.IsWhiteSpace(query[i]) && query[i] is not ('(' or ')' or '"'))
                {
                    i++;
                }
                var word = query[start..i];
                var kind = word switch { "AND" => LexKind.And, "OR" => LexKind.Or, "NOT" => LexKind.Not, _ => LexKind.Word };
                list.Add(new(kind, word, start));
            }
        }
        list.Add(new(LexKind.End, "", query.Length));
        return list;
    }

    private static bool IsBoundary(char c) => char.IsWhiteSpace(c) || c is '(' or ')';
}
