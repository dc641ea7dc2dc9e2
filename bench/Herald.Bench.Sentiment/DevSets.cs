namespace Herald.Bench.Sentiment;

/// <summary>One labelled text: gold 0 negative, 1 neutral, 2 positive.</summary>
internal readonly record struct Sample(int Gold, string Text, bool HeldOut);

/// <summary>A development set and how it splits into a tuning half and a held-out half.</summary>
internal sealed record DevSet(string Name, string Language, IReadOnlyList<Sample> Samples)
{
    /// <summary>
    /// English: even lines tune, odd lines are held out. French: the DEFT train split tunes, its validation split is held out.
    /// </summary>
    public static IReadOnlyList<DevSet> Load(string folder) =>
    [
        new("en_tweets", "en", Read(Path.Combine(folder, "en-tweets.tsv"), i => i % 2 == 1)),
        new("en_reviews", "en", Read(Path.Combine(folder, "en-reviews.tsv"), i => i % 2 == 1)),
        new("fr_tweets", "fr", [.. Read(Path.Combine(folder, "fr-tweets-train.tsv"), _ => false), .. Read(Path.Combine(folder, "fr-tweets-val.tsv"), _ => true)]),
    ];

    private static List<Sample> Read(string path, Func<int, bool> heldOut) =>
        File.ReadLines(path)
            .Select(line => line.Split('\t', 2))
            .Where(p => p.Length == 2 && p[1].Trim().Length > 0)
            .Select((p, i) => new Sample(int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), p[1], heldOut(i)))
            .ToList();
}

/// <summary>Accuracy and macro-F1 (mean F1 over the classes present in the gold labels).</summary>
internal static class Metrics
{
    public static (double Accuracy, double MacroF1) Score(IReadOnlyList<int> gold, IReadOnlyList<int> predicted)
    {
        var correct = 0;
        var tp = new int[3];
        var fp = new int[3];
        var fn = new int[3];
        for (var i = 0; i < gold.Count; i++)
        {
            if (gold[i] == predicted[i])
            {
                correct++;
                tp[gold[i]]++;
            }
            else
            {
                fp[predicted[i]]++;
                fn[gold[i]]++;
            }
        }
        var f1s = new List<double>();
        for (var c = 0; c < 3; c++)
        {
            if (tp[c] + fn[c] == 0)
            {
                continue;
            }
            var precision = tp[c] + fp[c] == 0 ? 0 : (double)tp[c] / (tp[c] + fp[c]);
            var recall = (double)tp[c] / (tp[c] + fn[c]);
            f1s.Add(precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
        }
        return (gold.Count == 0 ? 0 : (double)correct / gold.Count, f1s.Count == 0 ? 0 : f1s.Average());
    }
}
