using Herald.Listening.Query;

namespace Herald.Tests.Listening;

/// <summary>The search strings asked of a network so that every post a query can match is among the answers.</summary>
public class SearchTermsTests
{
    [Theory]
    [InlineData("Herald", "herald")]
    [InlineData("#Herald", "#herald")]
    [InlineData("@Alice.bsky.social", "@alice.bsky.social")]
    [InlineData("\"Café Crème\"", "\"cafe creme\"")]
    [InlineData("from:alice.bsky.social", "from:alice.bsky.social")]
    [InlineData("herald OR #herald OR \"herald app\"", "herald|#herald|\"herald app\"")]
    [InlineData("acmewidget AND launch", "acmewidget")] // one side of AND is enough: the longer word
    [InlineData("launch AND #acme", "#acme")] // a hashtag before a word
    [InlineData("(a OR b) AND rare", "rare")] // one term before two
    [InlineData("brand -spam lang:fr", "brand")] // NOT and lang: cover nothing, the rest does
    [InlineData("(acme OR acmecorp) AND NOT (jobs OR hiring)", "acme|acmecorp")]
    [InlineData("l'Oréal", "\"l oreal\"")]
    public void A_query_is_covered_by_these_strings(string query, string expected) =>
        Assert.Equal(expected.Split('|'), SearchTerms.Cover(QueryParser.Parse(query)));

    [Theory]
    [InlineData("acme*")]
    [InlineData("lang:fr")]
    [InlineData("NOT spam")]
    [InlineData("brand OR acme*")] // a wildcard side of an OR cannot be searched for, so neither can the OR
    public void A_query_made_only_of_what_search_cannot_ask_is_not_covered(string query) =>
        Assert.Null(SearchTerms.Cover(QueryParser.Parse(query)));

    [Fact]
    public void Strings_shared_by_more_queries_come_first_and_the_list_is_capped()
    {
        var queries = new[] { "acme go", "acme OR rival", "rival", "#fall", "acme*", "other" }.Select(QueryParser.Parse);
        Assert.Equal(["acme", "rival", "#fall"], SearchTerms.Collect(queries, 3));
        Assert.Equal(["acme", "rival", "#fall", "other"], SearchTerms.Collect(queries, 10));
    }
}
