using Herald.Listening.Matching;

namespace Herald.Listening.Query;

/// <summary>Recursive-descent parser: OR of ANDs (implicit between terms) of NOT/parenthesized/primary terms.</summary>
/// <remarks>Grammar: query := or END; or := and ("OR" and)*; and := unary (("AND")? unary)*;
/// unary := ("NOT" | "-") unary | "(" or ")" | PHRASE | WORD. Every mistake throws <see cref="QuerySyntaxException"/> with its offset.</remarks>
internal sealed class QueryParser
{
    public const int MaxLength = 2000;
    private const int MaxDepth = 32;
    private readonly List<Lexeme> _tokens;
    private int _next;
    private int _depth;

    private QueryParser(List<Lexeme> tokens) => _tokens = tokens;

    public static QueryNode Parse(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Length > MaxLength)
        {
            throw new QuerySyntaxException(MaxLength, $"query too long (at most {MaxLength} characters)");
        }
        var parser = new QueryParser(QueryLexer.Lex(query));
        if (parser.Peek.Kind == LexKind.End)
        {
            throw new QuerySyntaxException(0, "empty query: expected a term");
        }
        var node = parser.ParseOr();
        var rest = parser.Peek;
        if (rest.Kind != LexKind.End)
        {
            throw new QuerySyntaxException(rest.Position, $"unexpected '{rest.Text}'");
        }
        return node;
    }

    private Lexeme Peek => _tokens[_next];

    private Lexeme Take() => _tokens[_next++];

    private static bool StartsUnary(LexKind kind) => kind is LexKind.LParen or LexKind.Phrase or LexKind.Word or LexKind.Not;

    private QueryNode ParseOr()
    {
        var children = new List<QueryNode> { ParseAnd() };
        while (Peek.Kind == LexKind.Or)
        {
            var op = Take();
            RequireOperand(op);
            children.Add(ParseAnd());
        }
        return children.Count == 1 ? children[0] : new OrNode(Flatten<OrNode>(children));
    }

    private QueryNode ParseAnd()
    {
        var children = new List<QueryNode> { ParseUnary() };
        while (true)
        {
            if (Peek.Kind == LexKind.And)
            {
                RequireOperand(Take());
            }
            else if (!StartsUnary(Peek.Kind))
            {
                break;
            }
            children.Add(ParseUnary());
        }
        return children.Count == 1 ? children[0] : new AndNode(Flatten<AndNode>(children));
    }

    private void RequireOperand(Lexeme op)
    {
        if (!StartsUnary(Peek.Kind))
        {
            throw new QuerySyntaxException(Peek.Position, $"expected a term after {op.Text}");
        }
    }

    private QueryNode ParseUnary()
    {
        var token = Peek;
        switch (token.Kind)
        {
            case LexKind.Not:
                Take();
                RequireOperand(token);
                return new NotNode(Nested(ParseUnary, token.Position));
            case LexKind.LParen:
                Take();
                if (Peek.Kind == LexKind.RParen)
                {
                    throw new QuerySyntaxException(Peek.Position, "empty parentheses: expected a term");
                }
                var inner = Nested(ParseOr, token.Position);
                if (Peek.Kind != LexKind.RParen)
                {
                    throw new QuerySyntaxException(Peek.Position, "expected ')'");
                }
                Take();
                return inner;
            case LexKind.Phrase:
                Take();
                return QueryTerms.Phrase(token.Text, token.Position);
            case LexKind.Word:
                Take();
                return QueryTerms.Word(token.Text, token.Position);
            case LexKind.End:
                throw new QuerySyntaxException(token.Position, "expected a term");
            default:
                throw new QuerySyntaxException(token.Position, $"unexpected '{token.Text}'");
        }
    }

    private QueryNode Nested(Func<QueryNode> parse, int position)
    {
        if (++_depth > MaxDepth)
        {
            throw new QuerySyntaxException(position, $"too deeply nested (at most {MaxDepth} levels)");
        }
        var node = parse();
        _depth--;
        return node;
    }

    private static List<QueryNode> Flatten<T>(List<QueryNode> children) where T : QueryNode
    {
        var flat = new List<QueryNode>(children.Count);
        foreach (var child in children)
        {
            switch (child)
            {
                case AndNode a when typeof(T) == typeof(AndNode):
                    flat.AddRange(a.Children);
                    break;
                case OrNode o when typeof(T) == typeof(OrNode):
                    flat.AddRange(o.Children);
                    break;
                default:
                    flat.Add(child);
                    break;
            }
        }
        return flat;
    }
}
