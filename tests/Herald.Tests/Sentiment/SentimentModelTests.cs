using Herald.Sentiment;

namespace Herald.Tests.Sentiment;

/// <summary>The default analyzer (rules and the learned model together) on everyday texts.</summary>
public sealed class SentimentModelTests
{
    private static readonly LexiconSentimentAnalyzer Analyzer = new();

    [Theory]
    [InlineData("I love this, it is great", SentimentLabel.Positive)]
    [InlineData("This is awful and I hate it", SentimentLabel.Negative)]
    [InlineData("The food is not good at all", SentimentLabel.Negative)]
    [InlineData("Thank you so much, you made my day 😍", SentimentLabel.Positive)]
    [InlineData("My order never arrived and nobody answers. Terrible service.", SentimentLabel.Negative)]
    [InlineData("J'adore ce produit, il est génial", SentimentLabel.Positive)]
    [InlineData("Ce n'est pas bon du tout, je suis très déçu", SentimentLabel.Negative)]
    [InlineData("Merci beaucoup pour votre aide, super équipe !", SentimentLabel.Positive)]
    [InlineData("Service client nul, toujours pas remboursé, c'est une honte", SentimentLabel.Negative)]
    public void Clear_texts_get_the_obvious_label(string text, SentimentLabel label) => Assert.Equal(label, Analyzer.Analyze(text).Label);

    [Fact]
    public void Word_pairs_carry_their_own_weights()
    {
        // "can't wait" is eager, not negative: the pair "not wait" has weights the words alone lack.
        var pair = Analyzer.LexiconOf("en").Lookup.TryGetValue("not wait", out var entry);
        Assert.True(pair && entry.Positive > entry.Negative);
        Assert.Equal(SentimentLabel.Positive, Analyzer.Analyze("Can't wait to see you tomorrow").Label);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!!???")]
    [InlineData("@someone https://example.com/x")]
    public void Texts_without_any_known_word_are_neutral(string text)
    {
        var result = Analyzer.Analyze(text);
        Assert.Equal(SentimentLabel.Neutral, result.Label);
        Assert.Equal(0, result.Score);
    }

    [Fact]
    public void The_score_agrees_with_the_label()
    {
        foreach (var text in new[] { "I love it", "I hate it", "Je déteste", "J'adore", "ok" })
        {
            var r = Analyzer.Analyze(text);
            Assert.InRange(r.Score, -1, 1);
            if (r.Label == SentimentLabel.Positive)
            {
                Assert.True(r.Score > 0, text);
            }
            else if (r.Label == SentimentLabel.Negative)
            {
                Assert.True(r.Score < 0, text);
            }
        }
    }
}
