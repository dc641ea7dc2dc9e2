using Herald.Links;

namespace Herald.Tests.Links;

/// <summary>URL merging, codes, the bot filter and visitor keys, without a server.</summary>
public sealed class LinkUnitTests
{
    [Theory]
    [InlineData("https://a.example/", "https://a.example/?utm_source=x")]
    [InlineData("https://a.example/p?b=1", "https://a.example/p?b=1&utm_source=x")]
    [InlineData("https://a.example/p?utm_source=old&b=1#f", "https://a.example/p?b=1&utm_source=x#f")]
    [InlineData("https://a.example/p#frag?not=query", "https://a.example/p?utm_source=x#frag?not=query")]
    [InlineData("https://a.example/p?&&b=%C3%A9", "https://a.example/p?b=%C3%A9&utm_source=x")]
    public void Utm_parameters_are_merged_into_the_query_before_the_fragment(string url, string expected) =>
        Assert.Equal(expected, UrlMerge.With(url, [new("utm_source", "x")]));

    [Theory]
    [InlineData("https://a.example/")]
    [InlineData("https://a.example/p?b=1&hc=old")]
    [InlineData("https://a.example/p?utm_source=old&b=1#f")]
    [InlineData("https://a.example/p#frag?not=query")]
    public void A_precomputed_click_slot_gives_the_same_url_as_merging(string url)
    {
        var (before, after) = UrlMerge.Slot(url, "hc");
        const string clickId = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
        Assert.Equal(UrlMerge.With(url, [new("hc", clickId)]), before + clickId + after);
    }

    [Fact]
    public void Values_are_escaped() =>
        Assert.Equal("https://a.example/?utm_campaign=a%20b%26c", UrlMerge.With("https://a.example/", [new("utm_campaign", "a b&c")]));

    [Fact]
    public void Codes_are_ten_base62_characters_and_distinct()
    {
        var codes = Enumerable.Range(0, 10_000).Select(_ => ShortCodes.New()).ToList();
        Assert.All(codes, c => Assert.True(ShortCodes.LooksValid(c)));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Theory]
    [InlineData("GET", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", null, null)]
    [InlineData("GET", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Slack-ImgProxy", null, "slack-imgproxy")]
    [InlineData("GET", "Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)", null, "cardyb")]
    [InlineData("HEAD", "Mozilla/5.0", null, "head")]
    [InlineData("GET", "Mozilla/5.0", "prefetch", "prefetch")]
    public void The_bot_filter_names_its_reason(string method, string agent, string? purpose, string? reason) =>
        Assert.Equal(reason, BotFilter.Reason(method, agent, purpose, null, null));

    [Fact]
    public void A_visitor_key_never_contains_the_address_and_changes_with_the_salt()
    {
        var one = ClickStore.VisitorKey([1, 2, 3], "198.51.100.4", "UA");
        Assert.Equal(32, one.Length);
        Assert.Matches("^[0-9a-f]{32}$", one);
        Assert.Equal(one, ClickStore.VisitorKey([1, 2, 3], "198.51.100.4", "UA"));
        Assert.NotEqual(one, ClickStore.VisitorKey([4, 5, 6], "198.51.100.4", "UA"));
    }
}
