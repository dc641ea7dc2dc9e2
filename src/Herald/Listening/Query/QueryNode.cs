namespace Herald.Listening.Query;

/// <summary>A node of a parsed listening query; texts are already normalized (folded, lowercase).</summary>
internal abstract record QueryNode;

/// <summary>What a single-token term looks at: plain words (which also match hashtag bodies), hashtags, or mentions.</summary>
internal enum TermKind { Word, Hashtag, Mention }

/// <summary>One normalized token: `brand`, `#brand`, `@brand.bsky.social`.</summary>
internal sealed record TermNode(TermKind Kind, string Text) : QueryNode
{
    public override string ToString() => Kind switch { TermKind.Hashtag => "#" + Text, TermKind.Mention => "@" + Text, _ => Text };
}

/// <summary>A trailing wildcard: any token starting with <see cref="Text"/>.</summary>
internal sealed record PrefixNode(TermKind Kind, string Text) : QueryNode
{
    public override string ToString() => new TermNode(Kind, Text) + "*";
}

/// <summary>Consecutive words, e.g. "exact phrase" (or a term that normalizes to several tokens, like `e-commerce`).</summary>
internal sealed record PhraseNode(IReadOnlyList<string> Words) : QueryNode
{
    public override string ToString() => "\"" + string.Join(' ', Words) + "\"";
}

/// <summary>`lang:fr`: the post declares that language (a region subtag is ignored).</summary>
internal sealed record LangNode(string Code) : QueryNode
{
    public override string ToString() => "lang:" + Code;
}

/// <summary>`from:handle`: written by that handle (or DID); `from:alice` also matches `alice.bsky.social`.</summary>
internal sealed record FromNode(string Handle) : QueryNode
{
    public override string ToString() => "from:" + Handle;
}

/// <summary>All children match.</summary>
internal sealed record AndNode(IReadOnlyList<QueryNode> Children) : QueryNode
{
    public override string ToString() => "(" + string.Join(" AND ", Children) + ")";
}

/// <summary>At least one child matches.</summary>
internal sealed record OrNode(IReadOnlyList<QueryNode> Children) : QueryNode
{
    public override string ToString() => "(" + string.Join(" OR ", Children) + ")";
}

/// <summary>The child does not match.</summary>
internal sealed record NotNode(QueryNode Child) : QueryNode
{
    public override string ToString() => "NOT " + Child;
}
