using System.Text;
using Herald.Listening.Matching;
using Herald.Listening.Query;

namespace Herald.Tests.Listening;

public class TokenizerTests
{
    // ASCII, accents precomposed and decomposed, ligatures (one folds to 18 letters), handles' joiners, an emoji, other scripts.
    private static readonly string[] Pieces =
    [
        "a", "Z", "q", "7", "herald", "HERALD", " ", " ", "  ", "#", "@", ".", "-", "_", "!", ",", "'", "\n",
        "é", "É", "ç", "à", "œ", "ß", "ﬁ", "ﬃ", "\uFDFA", "e\u0301", "\u0301", "\u0308", "😀", "Ωμέγα", "Привет", "東京", "Ａｂ", "²",
    ];

    [Fact]
    public void Splits_like_the_character_by_character_reference_on_random_texts()
    {
        var random = new Random(11);
        var buffer = new TokenBuffer();
        for (var n = 0; n < 20_000; n++)
        {
            var sb = new StringBuilder();
            var pieces = random.Next(0, n % 10 == 0 ? 120 : 30);
            for (var p = 0; p < pieces; p++)
            {
                // Long ASCII runs cross the 8-character blocks and the 64-character words of the bitmaps.
                sb.Append(random.Next(8) == 0 ? new string((char)('a' + random.Next(26)), random.Next(1, 70)) : Pieces[random.Next(Pieces.Length)]);
            }
            var text = sb.ToString();
            Assert.Equal(ReferenceTokenizer.Tokens(text), Tokens(text, buffer));
        }
    }

    [Theory]
    [InlineData("Hello #World @Alice.bsky.social!", "w:hello h:world m:alice.bsky.social")]
    [InlineData("a#b c@d", "w:a w:b w:c w:d")]
    [InlineData("##tag @.x @a..b @a-b_c.", "h:tag w:x m:a w:b m:a-b_c")]
    [InlineData("ca\u0301fe\u0301 e\u0301#x", "w:cafe w:e w:x")]
    [InlineData("ﬁle oﬃce Straße ŒUVRE", "w:file w:office w:straße w:œuvre")]
    [InlineData("@ﬁx.e\u0301t #ﬁ", "m:fix.et h:fi")]
    public void Folds_and_splits(string text, string expected)
    {
        var tokens = Tokens(text, new TokenBuffer()).Select(t => $"{t.Kind.ToString()[0]}:{t.Text}".ToLowerInvariant());
        Assert.Equal(expected, string.Join(' ', tokens));
    }

    [Fact]
    public void A_token_hash_does_not_depend_on_what_follows_the_token()
    {
        var buffer = new TokenBuffer();
        Tokenizer.Tokenize("brand brandy BRAND, #brand e\u0301te\u0301 ete", buffer);
        for (var t = 0; t < buffer.Count; t++)
        {
            Assert.Equal(TokenHash.Of(buffer.Token(t)), buffer.Hash[t]);
        }
        Assert.Equal(buffer.Hash[0], buffer.Hash[2]);
        Assert.Equal(buffer.Hash[4], buffer.Hash[5]);
    }

    private static List<(TermKind Kind, string Text)> Tokens(string text, TokenBuffer buffer)
    {
        Tokenizer.Tokenize(text, buffer);
        return [.. Enumerable.Range(0, buffer.Count).Select(t => ((TermKind)buffer.Kind[t], buffer.Token(t).ToString()))];
    }
}
