using Herald.Sentiment;

namespace Herald.Bench.Sentiment;

/// <summary>`--tune`: the label thresholds that maximize macro-F1 on the tuning halves only (never the held-out ones).</summary>
internal static class Tuning
{
    public static void Run(IReadOnlyList<DevSet> sets)
    {
        foreach (var language in new[] { "en", "fr" })
        {
            var samples = sets.Where(s => s.Language == language).SelectMany(s => s.Samples).Where(s => !s.HeldOut).ToList();
            var best = (F1: 0.0, Accuracy: 0.0, Positive: 0.0, Negative: 0.0);
            for (var pos = 0.05; pos <= 0.71; pos += 0.05)
            {
                for (var neg = 0.05; neg <= 0.71; neg += 0.05)
                {
                    var analyzer = new LexiconSentimentAnalyzer(new SentimentThresholds(pos, neg));
                    var predicted = samples.Select(s => (int)analyzer.Analyze(s.Text, language).Label).ToList();
                    var (accuracy, f1) = Metrics.Score(samples.Select(s => s.Gold).ToList(), predicted);
                    if (f1 > best.F1)
                    {
                        best = (f1, accuracy, pos, neg);
                    }
                }
            }
            Console.WriteLine($"{language}: tuning n={samples.Count} best macro-F1 {best.F1:F4} accuracy {best.Accuracy:F4} at positive ≥ {best.Positive:F2}, negative ≤ -{best.Negative:F2}");
        }
    }
}
