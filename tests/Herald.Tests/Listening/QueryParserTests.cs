using Herald.Listening.Query;

namespace Herald.Tests.Listening;

public class QueryParserTests
{
    [Theory]
    [InlineData("brand", "brand")]
    [InlineData("Brand Launch", "(brand AND launch)")]
    [InlineData("a OR b c", "(a OR (b AND c))")]
    [InlineData("a AND (b OR c)", "(a AND (b OR c))")]
    [InlineData("NOT spam", "NOT spam")]
    [InlineData("brand -spam", "(brand AND NOT spam)")]
    [InlineData("\"Café Crème\"", "\"cafe creme\"")]
    [InlineData("#Herald OR @Alice.bsky.social", "(#herald OR @alice.bsky.social)")]
    [InlineData("héral*", "heral*")]
    [InlineData("#launch*", "#launch*")]
    [InlineData("lang:FR from:@Alice.bsky.social", "(lang:fr AND from:alice.bsky.social)")]
    [InlineData("from:did:plc:ABC", "from:did:plc:abc")]
    [InlineData("l'Oréal", "\"l oreal\"")]
    [InlineData("a OR b OR (c OR d)", "(a OR b OR c OR d)")]
    [InlineData("e-commerce", "\"e commerce\"")]
    [InlineData("ÉTÉ", "ete")]
    public void Parses_to_the_expected_tree(string query, string expected) =>
        Assert.Equal(expected, QueryParser.Parse(query).ToString());

    [Theory]
    [InlineData("(brand OR launch", 16, "expected ')'")]
    [InlineData("brand OR", 8, "expected a term after OR")]
    [InlineData("AND brand", 0, "unexpected 'AND'")]
    [InlineData("brand )", 6, "unexpected ')'")]
    [InlineData("\"open phrase", 0, "unterminated phrase")]
    [InlineData("", 0, "empty query")]
    [InlineData("()", 1, "empty parentheses")]
    [InlineData("br*nd", 2, "a wildcard '*' goes only at the end")]
    [InlineData("b*", 1, "at least 2 letters")]
    [InlineData("lang:french", 5, "expected a language code")]
    [InlineData("from:", 5, "expected a handle")]
    [InlineData("brand AND NOT", 13, "expected a term after NOT")]
    [InlineData("!!!", 0, "nothing to match")]
    [InlineData("a (b OR (c d)", 13, "expected ')'")]
    [InlineData("\"\"", 0, "empty phrase")]
    public void A_mistake_points_at_its_position(string query, int position, string reason)
    {
        var e = Assert.Throws<QuerySyntaxException>(() => QueryParser.Parse(query));
        Assert.Equal(position, e.Position);
        Assert.Contains(reason, e.Reason);
        Assert.EndsWith($" at {position}", e.Message);
    }

    [Fact]
    public void Deep_nesting_is_refused_instead_of_overflowing_the_stack()
    {
        var e = Assert.Throws<QuerySyntaxException>(() => QueryParser.Parse(new string('(', 100) + "a" + new string(')', 100)));
        Assert.Contains("nested", e.Reason);
    }

    [Fact]
    public void Lowercase_operators_are_words() =>
        Assert.Equal("(cats AND and AND dogs)", QueryParser.Parse("cats and dogs").ToString());
}
