using Herald.Sentiment;

namespace Herald.Tests.Sentiment;

/// <summary>The built-in English/French detector.</summary>
public sealed class LanguageDetectorTests
{
    [Theory]
    [InlineData("Bonjour, je voudrais savoir quand ma commande arrivera", "fr")]
    [InlineData("J'adore", "fr")]
    [InlineData("C'est génial", "fr")]
    [InlineData("Le réchauffement climatique menace la biodiversité", "fr")]
    [InlineData("Hello, I would like to know when my order will arrive", "en")]
    [InlineData("I'm so happy", "en")]
    [InlineData("Don't do that", "en")]
    [InlineData("The weather is nice today", "en")]
    [InlineData("", "en")]
    public void Tells_english_from_french(string text, string expected) => Assert.Equal(expected, LanguageDetector.Instance.Detect(text));

    [Fact]
    public void Is_right_on_nearly_every_development_tweet()
    {
        var french = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "TestData", "sentiment", "fr-tweets-heldout.tsv")).Select(l => l.Split('\t')[1]).ToList();
        var english = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "TestData", "sentiment", "en-tweets-heldout.tsv")).Select(l => l.Split('\t')[1]).ToList();
        var frenchRight = french.Count(t => LanguageDetector.Instance.Detect(t) == "fr") / (double)french.Count;
        var englishRight = english.Count(t => LanguageDetector.Instance.Detect(t) == "en") / (double)english.Count;
        Assert.True(frenchRight > 0.95, $"French detected on {frenchRight:P1} of French tweets");
        Assert.True(englishRight > 0.97, $"English detected on {englishRight:P1} of English tweets");
    }

    [Fact]
    public void Is_registered_for_other_capabilities()
    {
        var services = new ServiceCollection().AddSentiment().BuildServiceProvider();
        Assert.Same(LanguageDetector.Instance, services.GetRequiredService<ILanguageDetector>());
        Assert.Equal("positive", services.GetRequiredService<ISentimentAnalyzer>().Analyze("great").Label.ToString().ToLowerInvariant());
    }
}
