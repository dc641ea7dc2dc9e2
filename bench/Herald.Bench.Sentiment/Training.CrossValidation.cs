using Herald.Sentiment;

namespace Herald.Bench.Sentiment;

/// <summary>`--cv`: model configurations compared by 5-fold cross-validation on the tuning texts only.</summary>
internal static partial class Training
{
    /// <summary>How texts are dealt into folds (`--fold-seed N`; 42 unless told), to see how much a CV difference is the deal.</summary>
    internal static int FoldSeed { get; set; } = 42;

    /// <summary>`--offsets`: also print what offsets on the negative and neutral logits would have done.</summary>
    internal static bool PrintOffsets { get; set; }

    /// <summary>`--cv`: 5-fold cross-validation of each configuration on the tuning texts only; prints per-source figures.</summary>
    public static void CrossValidate(IReadOnlyList<DevSet> sets, string dataFolder, IEnumerable<Config> configs, string language)
    {
        foreach (var config in configs)
        {
            var data = Prepare(sets, dataFolder, language, config);
            var (f1, lambda, exponent, perSource) = Select(data, config);
            if (PrintOffsets)
            {
                Offsets();
            }
            Console.WriteLine($"[{language}] {config}: best L2 {lambda:G2}, exponent {exponent}: CV macro-F1 averaged over sources {f1:F4}; "
                + string.Join("; ", perSource.Select(p => $"{p.Name} acc {p.Accuracy:F4} F1 {p.MacroF1:F4}")));
        }
    }

    /// <summary>L2 strength and source weighting by 5-fold cross-validation; every source counts the same in the choice,
    /// so the small tweet sets are not drowned by the large review ones.</summary>
    private static (double F1, double Lambda, double Exponent, List<(string Name, double Accuracy, double MacroF1)> PerSource) Select(Prepared data, Config config)
    {
        const int folds = 5;
        var best = (F1: -1.0, Lambda: 0.0, Exponent: 0.0, PerSource: new List<(string, double, double)>());
        foreach (var exponent in Grid.Select(g => g.Exponent).Distinct())
        {
            var examples = data.Examples(exponent);
            var random = new Random(FoldSeed);
            var fold = Enumerable.Range(0, examples.Count).Select(_ => random.Next(folds)).ToArray();
            foreach (var lambda in Grid.Where(g => g.Exponent == exponent).Select(g => g.Lambda))
            {
                var predicted = new int[examples.Count];
                var logits = new float[examples.Count][];
                for (var k = 0; k < folds; k++)
                {
                    var model = Fit(examples.Where((_, i) => fold[i] != k).ToList(), data.Width, lambda, config);
                    for (var i = 0; i < examples.Count; i++)
                    {
                        if (fold[i] == k)
                        {
                            var deployed = Deployed(examples[i], config, data);
                            predicted[i] = Predict(model, deployed);
                            logits[i] = Logits(model, deployed);
                        }
                    }
                }
                var perSource = Enumerable.Range(0, data.SourceNames.Count).Select(s =>
                {
                    var indices = Enumerable.Range(0, examples.Count).Where(i => examples[i].Source == s).ToList();
                    var (accuracy, f1) = Metrics.Score(indices.Select(i => examples[i].Gold).ToList(), indices.Select(i => predicted[i]).ToList());
                    return (data.SourceNames[s], accuracy, f1);
                }).ToList();
                var mean = perSource.Average(p => p.f1);
                Console.Error.WriteLine($"  {config}, exponent {exponent}, L2 {lambda:G2}: CV macro-F1 averaged over sources {mean:F4}");
                if (mean > best.F1)
                {
                    best = (mean, lambda, exponent, perSource);
                    _bestLogits = (logits, examples.Select(e => e.Gold).ToArray(), examples.Select(e => e.Source).ToArray(), data.SourceNames);
                }
            }
        }
        return best;
    }

    /// <summary>The example as the shipped model scores it: with the social source's bias whatever its own source.</summary>
    private static Example Deployed(Example e, Config config, Prepared data)
    {
        if (config.TweetWords > 0 && e.Source != data.Social)
        {
            // The shipped weights add the tweets' copies to every text's words.
            var v = data.Vocabulary.Count;
            e = e with { Words = [.. e.Words, .. e.Words.Select(w => v + w)] };
        }
        if (!config.SocialBias)
        {
            return e;
        }
        var x = e.Dense.ToArray();
        x.AsSpan(config.Dense).Clear();
        x[config.Dense + data.Social] = 1;
        return e with { Dense = x };
    }

    private static (float[][] Logits, int[] Gold, int[] Source, List<string> Names) _bestLogits;

    private static float[] Logits(float[][] model, Example e)
    {
        var z = new float[3];
        for (var k = 0; k < 3; k++)
        {
            for (var d = 0; d < e.Dense.Length; d++)
            {
                z[k] += model[k][d] * e.Dense[d];
            }
            foreach (var w in e.Words)
            {
                z[k] += model[k][WordOffset + w];
            }
        }
        return z;
    }

    /// <summary>Offsets added to the negative and neutral logits of the CV predictions of the chosen L2: per-source figures on a grid.</summary>
    internal static void Offsets()
    {
        var (logits, gold, source, names) = _bestLogits;
        var results = new List<(double Mean, double Neg, double Neu, string Text)>();
        for (var neg = -1.0; neg <= 1.001; neg += 0.1)
        {
            for (var neu = -1.0; neu <= 1.001; neu += 0.1)
            {
                var predicted = logits.Select(z =>
                {
                    var a = z[0] + neg;
                    var b = z[1] + neu;
                    return z[2] >= b && z[2] >= a ? 2 : a >= b ? 0 : 1;
                }).ToArray();
                var per = Enumerable.Range(0, names.Count).Select(s =>
                {
                    var idx = Enumerable.Range(0, gold.Length).Where(i => source[i] == s).ToList();
                    return Metrics.Score(idx.Select(i => gold[i]).ToList(), idx.Select(i => predicted[i]).ToList());
                }).ToList();
                results.Add((per.Average(p => p.MacroF1), neg, neu, string.Join("; ", per.Select((p, s) => $"{names[s][..8]} {p.Accuracy:F4}/{p.MacroF1:F4}"))));
            }
        }
        foreach (var r in results.OrderByDescending(r => r.Mean).Take(8).Concat(results.Where(r => Math.Abs(r.Neg) < 0.01 && Math.Abs(r.Neu) < 0.01)))
        {
            Console.WriteLine($"  offsets neg {r.Neg:+0.0;-0.0;0.0} neu {r.Neu:+0.0;-0.0;0.0}: mean F1 {r.Mean:F4}; {r.Text}");
        }
    }
}
