using Herald.Sentiment;

namespace Herald.Tests.Sentiment;

/// <summary>
/// The analyzer's rules, one behaviour each, in English and French. They are checked on the rules alone (the learned
/// model on top re-weighs whole texts, see <see cref="SentimentModelTests"/>), with the plain ±0.05 thresholds.
/// </summary>
public sealed class SentimentRulesTests
{
    private static readonly LexiconSentimentAnalyzer Analyzer = new(new SentimentThresholds(0.05, 0.05, IgnoreModel: true));

    private static SentimentResult En(string text) => Analyzer.Analyze(text, "en");

    private static SentimentResult Fr(string text) => Analyzer.Analyze(text, "fr");

    [Theory]
    [InlineData("I love this, it is great", SentimentLabel.Positive)]
    [InlineData("This is awful and I hate it", SentimentLabel.Negative)]
    [InlineData("The meeting is at 5pm in room 4", SentimentLabel.Neutral)]
    public void Plain_english_words_carry_their_valence(string text, SentimentLabel label) => Assert.Equal(label, En(text).Label);

    [Theory]
    [InlineData("J'adore ce produit, il est génial", SentimentLabel.Positive)]
    [InlineData("Service horrible, je suis très déçu", SentimentLabel.Negative)]
    [InlineData("La réunion est à 17 heures dans la salle 4", SentimentLabel.Neutral)]
    public void Plain_french_words_carry_their_valence(string text, SentimentLabel label) => Assert.Equal(label, Fr(text).Label);

    [Fact]
    public void Negation_flips_the_words_after_it()
    {
        Assert.True(En("The food is good").Score > 0);
        Assert.True(En("The food is not good").Score < 0);
        Assert.True(En("The food isn't good").Score < 0);
        Assert.True(En("The food isn’t good").Score < 0);
        Assert.True(En("This is not bad").Score > 0);
    }

    [Fact]
    public void French_negation_with_ne_pas_and_elided_n_flips_the_words()
    {
        Assert.True(Fr("Ce film est bon").Score > 0);
        Assert.True(Fr("Ce film n'est pas bon").Score < 0);
        Assert.True(Fr("Ce film n’est pas bon").Score < 0);
        Assert.True(Fr("Je ne suis jamais content").Score < 0);
        Assert.Equal(SentimentLabel.Positive, Fr("C'est pas mal du tout").Label);
        Assert.Equal(SentimentLabel.Negative, Fr("Ce n'est pas terrible, franchement décevant").Label);
    }

    [Fact]
    public void French_elisions_reveal_the_word_after_the_apostrophe()
    {
        Assert.Equal(SentimentLabel.Positive, Fr("J'adore").Label);
        Assert.Equal(SentimentLabel.Positive, Fr("j’aime").Label);
        Assert.Equal(SentimentLabel.Negative, Fr("Qu'il est nul").Label);
    }

    [Fact]
    public void Intensifiers_strengthen_and_dampeners_weaken()
    {
        Assert.True(En("It is very good").Score > En("It is good").Score);
        Assert.True(En("It is slightly good").Score < En("It is good").Score);
        Assert.True(Fr("C'est très bien").Score > Fr("C'est bien").Score);
        Assert.True(En("It is extremely bad").Score < En("It is bad").Score);
    }

    [Fact]
    public void Capitals_exclamations_and_elongations_add_emphasis()
    {
        Assert.True(En("This is GREAT today").Score > En("This is great today").Score);
        Assert.True(En("This is great!!!").Score > En("This is great").Score);
        Assert.True(En("This is goooood").Score > En("This is good").Score);
    }

    [Fact]
    public void But_and_mais_give_more_weight_to_what_follows()
    {
        Assert.Equal(SentimentLabel.Negative, En("The food was good but the service was terrible").Label);
        Assert.Equal(SentimentLabel.Positive, En("The service was slow but the food was excellent").Label);
        Assert.Equal(SentimentLabel.Negative, Fr("Le produit est beau mais il est vraiment nul").Label);
    }

    [Fact]
    public void Emoji_and_emoticons_count()
    {
        Assert.Equal(SentimentLabel.Positive, En("see you tomorrow 😍").Label);
        Assert.Equal(SentimentLabel.Negative, En("see you tomorrow 😡").Label);
        Assert.Equal(SentimentLabel.Positive, En("see you tomorrow :)").Label);
        Assert.Equal(SentimentLabel.Negative, En("see you tomorrow :(").Label);
        Assert.Equal(SentimentLabel.Positive, Fr("à demain ❤️").Label);
        Assert.Equal(SentimentLabel.Positive, En("see you tomorrow 👍🏽").Label);
    }

    [Fact]
    public void Mentions_and_links_are_not_read_as_words()
    {
        Assert.Equal(SentimentLabel.Neutral, En("@happy_love_great https://great.example/love").Label);
        Assert.Equal(SentimentLabel.Positive, En("#love").Label);
    }

    [Fact]
    public void Hashtags_are_read_as_their_words()
    {
        Assert.Equal(SentimentLabel.Positive, En("back home #SoHappy").Label);
        Assert.Equal(SentimentLabel.Negative, En("two hours on hold #WorstServiceEver").Label);
        Assert.Equal(SentimentLabel.Neutral, En("#iPhone launch at 7pm").Label);
    }

    [Fact]
    public void The_score_stays_between_minus_one_and_one()
    {
        var text = string.Concat(Enumerable.Repeat("great wonderful amazing love ", 500));
        var score = En(text).Score;
        Assert.InRange(score, 0.99, 1.0);
        Assert.InRange(En(text.Replace("great wonderful amazing love", "awful horrible terrible hate", StringComparison.Ordinal)).Score, -1.0, -0.99);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!!???")]
    [InlineData("\u0000\uD800 unpaired surrogate")]
    public void Odd_input_is_neutral_and_does_not_throw(string text) => Assert.Equal(SentimentLabel.Neutral, Analyzer.Analyze(text).Label);

    [Fact]
    public void Very_long_words_are_skipped()
    {
        var word = new string('a', 500);
        Assert.Equal(SentimentLabel.Positive, En(word + " great").Label);
    }

    [Fact]
    public void Auto_detects_the_language_and_reports_it()
    {
        Assert.Equal("fr", Analyzer.Analyze("Je n'aime pas du tout ce service").Language);
        Assert.Equal("en", Analyzer.Analyze("I do not like this service at all").Language);
        Assert.Equal(SentimentLabel.Negative, Analyzer.Analyze("Je n'aime pas du tout ce service").Label);
    }
}
