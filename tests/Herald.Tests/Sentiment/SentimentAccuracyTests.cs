using Herald.Sentiment;

namespace Herald.Tests.Sentiment;

/// <summary>
/// Accuracy on the held-out halves of the development sets (never used to tune the lexicons or thresholds) stays above
/// floors set a little under what was measured (bench/README.md), so a lexicon change that hurts shows up.
/// </summary>
public sealed class SentimentAccuracyTests
{
    private static readonly LexiconSentimentAnalyzer Analyzer = new();

    [Theory]
    [InlineData("en-tweets-heldout.tsv", 0.60)]
    [InlineData("en-reviews-heldout.tsv", 0.80)]
    [InlineData("fr-tweets-heldout.tsv", 0.61)]
    public void Accuracy_on_held_out_texts_stays_above_its_floor(string file, double floor)
    {
        var samples = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "TestData", "sentiment", file))
            .Select(l => l.Split('\t', 2))
            .Select(p => (Gold: int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), Text: p[1]))
            .ToList();
        var correct = samples.Count(s => (int)Analyzer.Analyze(s.Text).Label == s.Gold);
        var accuracy = correct / (double)samples.Count;
        Assert.True(accuracy >= floor, $"{file}: accuracy {accuracy:F4} under the floor {floor}");
    }
}
