using Herald.Listening.Matching;
using Herald.Listening.Query;

namespace Herald.Tests.Listening;

public class MatchEngineTests
{
    private static int[] Run(string[] queries, string text, string[]? langs = null, string? author = null)
    {
        var engine = MatchEngine.Build(queries.Select(QueryParser.Parse));
        return engine.Match(text, langs ?? [], author, null, engine.CreateScratch()).ToArray();
    }

    [Theory]
    [InlineData("herald", "I love HERALD!", true)]
    [InlineData("herald", "heraldry is old", false)]
    [InlineData("herald", "#Herald is out", true)]
    [InlineData("#herald", "herald is out", false)]
    [InlineData("@herald", "thanks @Herald", true)]
    [InlineData("@herald", "thanks herald", false)]
    [InlineData("heral*", "Heraldry", true)]
    [InlineData("#lau*", "#Launch day", true)]
    [InlineData("#lau*", "launch day", false)]
    [InlineData("\"crème brûlée\"", "La CREME brulee est bonne", true)]
    [InlineData("\"crème brûlée\"", "brulee creme", false)]
    [InlineData("\"creme brulee\"", "crème @x brûlée", false)]
    [InlineData("ete", "l'été arrive", true)]
    [InlineData("naive", "nai\u0308ve", true)]
    [InlineData("cafe", "ca\u0301fe", true)]
    [InlineData("brand NOT spam", "brand spam", false)]
    [InlineData("NOT spam", "anything else", true)]
    [InlineData("NOT spam", "Spam!", false)]
    [InlineData("(a OR b) c", "b and c", true)]
    [InlineData("(a OR b) c", "a and b", false)]
    [InlineData("@alice*", "hi @alice.bsky.social", true)]
    [InlineData("office", "ﬁle oﬃce", true)]
    public void Matches_like_the_query_says(string query, string text, bool expected) =>
        Assert.Equal(expected, Run([query], text).Length == 1);

    [Fact]
    public void Lang_and_from_read_the_post_attributes()
    {
        string[] queries = ["lang:fr", "from:alice", "from:alice.bsky.social", "from:bob", "from:did:plc:xyz"];
        var engine = MatchEngine.Build(queries.Select(QueryParser.Parse));
        var s = engine.CreateScratch();
        Assert.Equal([0, 1, 2], engine.Match("x", ["fr-CA"], "Alice.bsky.social", null, s).ToArray());
        Assert.Equal([4], engine.Match("x", ["en"], null, "did:plc:XYZ", s).ToArray());
        // The scratch keeps the last language's lookup: a change of language (or of its case) is still read.
        Assert.Equal([0, 3], engine.Match("x", ["FR"], "BOB", null, s).ToArray());
        Assert.Equal([3], engine.Match("x", ["en"], "bob.example.com", null, s).ToArray());
        Assert.Equal([1, 2], engine.Match("x", ["en", "de"], "ALICE.BSKY.SOCIAL", null, s).ToArray());
        Assert.Empty(engine.Match("x", [], "alicebob", null, s).ToArray());
    }

    [Fact]
    public void Words_whose_lengths_differ_by_a_multiple_of_128_or_256_stay_apart()
    {
        // The table key keeps a text's length modulo 128 and whether it is over 8 characters: 8, 136 and 264 characters of
        // the same letter are three different words, and none is taken for another.
        var (eight, long136, long264) = (new string('a', 8), new string('a', 136), new string('a', 264));
        string[] queries = [eight, long136, long264, new string('a', 7) + "*"];
        Assert.Equal([0, 3], Run(queries, eight));
        Assert.Equal([1, 3], Run(queries, long136));
        Assert.Equal([2, 3], Run(queries, long264));
        Assert.Equal([0, 1, 2, 3], Run(queries, $"{long264} {eight} {long136}"));
        Assert.Equal([3], Run(queries, new string('a', 391) + " " + new string('a', 6))); // only the prefix
    }

    [Fact]
    public void Results_come_in_query_order_and_once()
    {
        Assert.Equal([0, 1, 2, 3], Run(["brand OR brand*", "brand brand", "\"brand brand\"", "NOT x"], "brand brand brandy"));
    }

    [Fact]
    public void A_token_matches_the_same_every_time_it_comes_back()
    {
        // Overlapping prefixes of several lengths, a word past 16 characters, and a pure NOT: the same answers each round.
        string[] queries = ["bra*", "bran*", "brand*", "brandi*", "branding", "brand", "supercalifragilistic*", "NOT brand"];
        var engine = MatchEngine.Build(queries.Select(QueryParser.Parse));
        var s = engine.CreateScratch();
        string[] texts = ["branding brand", "supercalifragilisticexpialidocious", "brand", "other"];
        var first = texts.Select(t => engine.Match(t, [], null, null, s).ToArray()).ToArray();
        for (var round = 0; round < 3; round++)
        {
            foreach (var (t, i) in texts.Select((t, i) => (t, i)))
            {
                Assert.Equal(first[i], engine.Match(t, [], null, null, s).ToArray());
            }
        }
        Assert.Equal([0, 1, 2, 3, 4, 5], first[0]);
        Assert.Equal([6, 7], first[1]);
        Assert.Equal([0, 1, 2, 5], first[2]);
        Assert.Equal([7], first[3]);
    }

    [Fact]
    public void Phrases_read_only_by_programs_are_found_anywhere_in_the_post()
    {
        // These phrases trigger nothing (the brand does), so they are looked for only when the program runs.
        string[] queries = ["\"the big launch\" acme", "acme NOT \"free stuff\"", "\"big launch\" #acme", "\"launch today\" OR zeta"];
        var engine = MatchEngine.Build(queries.Select(QueryParser.Parse));
        var s = engine.CreateScratch();
        Assert.Equal([0, 1], engine.Match("Acme: THE big launch is here", [], null, null, s).ToArray());
        Assert.Equal([1], engine.Match("the big @x launch acme", [], null, null, s).ToArray());
        Assert.Equal([], engine.Match("acme free stuff", [], null, null, s).ToArray());
        Assert.Equal([0, 1, 2], engine.Match("free #acme the big the big launch", [], null, null, s).ToArray());
        Assert.Equal([0, 1, 3], engine.Match("acme launch today, the big launch", [], null, null, s).ToArray());
        Assert.Equal([], engine.Match("big launch", [], null, null, s).ToArray());
    }

    [Fact]
    public void A_scratch_is_refused_by_another_engine()
    {
        var a = MatchEngine.Build([QueryParser.Parse("x")]);
        var b = MatchEngine.Build([QueryParser.Parse("x")]);
        Assert.Throws<ArgumentException>(() => b.Match("x", [], null, null, a.CreateScratch()));
    }

    [Fact]
    public void Agrees_with_the_reference_on_random_queries_and_texts()
    {
        var random = new Random(42);
        string[] words = ["herald", "café", "crème", "brûlée", "launch", "paris", "spam", "bonjour", "hello", "brand", "été"];
        string Word() => words[random.Next(words.Length)];
        string Term() => random.Next(9) switch
        {
            0 => "#" + Word(),
            1 => "@" + Word(),
            2 => Word()[..3] + "*",
            3 => random.Next(3) == 0 ? $"\"{Word()} {Word()} {Word()}\"" : $"\"{Word()} {Word()}\"",
            4 => "lang:" + (random.Next(2) == 0 ? "fr" : "en"),
            5 => "from:" + Word(),
            _ => Word(),
        };
        string Query(int depth) => depth == 0 || random.Next(3) == 0 ? Term() : random.Next(4) switch
        {
            0 => $"({Query(depth - 1)} OR {Query(depth - 1)})",
            1 => $"NOT {Query(depth - 1)}",
            2 => $"{Query(depth - 1)} {Query(depth - 1)}",
            _ => $"({Query(depth - 1)}) AND {Query(depth - 1)}",
        };
        var queries = Enumerable.Range(0, 400).Select(_ => QueryParser.Parse(Query(3))).ToList();
        var engine = MatchEngine.Build(queries);
        var scratch = engine.CreateScratch();
        for (var p = 0; p < 500; p++)
        {
            var text = string.Join(' ', Enumerable.Range(0, random.Next(1, 12)).Select(_ => (random.Next(5) switch { 0 => "#", 1 => "@", _ => "" }) + Word().ToUpperInvariant()));
            string[] langs = random.Next(2) == 0 ? ["fr"] : ["en-US"];
            var author = Word() + ".bsky.social";
            var expected = queries.Select((q, i) => (q, i)).Where(x => ReferenceMatcher.Matches(x.q, text, langs, author)).Select(x => x.i).ToArray();
            Assert.Equal(expected, engine.Match(text, langs, author, null, scratch).ToArray());
        }
    }
}
