namespace Herald.Bench.Sentiment;

/// <summary>
/// How sure a lead is: Herald against a baseline on the same texts. The two systems label the same texts, so their errors
/// are paired, and the difference is surer than either accuracy alone suggests.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>McNemar's exact test on accuracy: among the texts exactly one of the two got right, is Herald's share above one
/// half by more than chance? (two-sided binomial p-value).</item>
/// <item>A paired bootstrap: texts drawn with replacement (the same draw for both systems), 10,000 times with a fixed seed;
/// the 2.5th and 97.5th percentiles of the accuracy and macro-F1 differences.</item>
/// </list>
/// </remarks>
internal static class Paired
{
    public const int Resamples = 10_000;

    public static Dictionary<string, object> Compare(IReadOnlyList<int> gold, IReadOnlyList<int> herald, IReadOnlyList<int> baseline, int seed)
    {
        var n = gold.Count;
        int onlyHerald = 0, onlyBaseline = 0;
        for (var i = 0; i < n; i++)
        {
            var h = herald[i] == gold[i];
            var b = baseline[i] == gold[i];
            onlyHerald += h && !b ? 1 : 0;
            onlyBaseline += b && !h ? 1 : 0;
        }
        var (accuracyH, f1H) = Metrics.Score(gold, herald);
        var (accuracyB, f1B) = Metrics.Score(gold, baseline);

        var random = new Random(seed);
        var accuracyDiffs = new double[Resamples];
        var f1Diffs = new double[Resamples];
        var g = new int[n];
        var hs = new int[n];
        var bs = new int[n];
        for (var r = 0; r < Resamples; r++)
        {
            for (var i = 0; i < n; i++)
            {
                var k = random.Next(n);
                g[i] = gold[k];
                hs[i] = herald[k];
                bs[i] = baseline[k];
            }
            var (ah, fh) = Metrics.Score(g, hs);
            var (ab, fb) = Metrics.Score(g, bs);
            accuracyDiffs[r] = ah - ab;
            f1Diffs[r] = fh - fb;
        }
        Array.Sort(accuracyDiffs);
        Array.Sort(f1Diffs);
        return new()
        {
            ["n"] = n,
            ["accuracy_difference"] = Math.Round(accuracyH - accuracyB, 4),
            ["accuracy_difference_ci95"] = new[] { Math.Round(Percentile(accuracyDiffs, 0.025), 4), Math.Round(Percentile(accuracyDiffs, 0.975), 4) },
            ["macro_f1_difference"] = Math.Round(f1H - f1B, 4),
            ["macro_f1_difference_ci95"] = new[] { Math.Round(Percentile(f1Diffs, 0.025), 4), Math.Round(Percentile(f1Diffs, 0.975), 4) },
            ["only_herald_right"] = onlyHerald,
            ["only_baseline_right"] = onlyBaseline,
            ["mcnemar_exact_p"] = McNemarExactP(onlyHerald, onlyBaseline),
            ["bootstrap_share_herald_ahead_f1"] = Math.Round(f1Diffs.Count(d => d > 0) / (double)Resamples, 4),
        };
    }

    private static double Percentile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }

    /// <summary>Two-sided exact binomial p-value of <paramref name="a"/> against <paramref name="b"/> discordant pairs, p = 1/2.</summary>
    internal static double McNemarExactP(int a, int b)
    {
        var n = a + b;
        if (n == 0)
        {
            return 1;
        }
        var k = Math.Min(a, b);
        // P(X <= k) for X ~ Binomial(n, 1/2), summed in log space so that n in the thousands does not overflow.
        var tail = 0.0;
        for (var i = 0; i <= k; i++)
        {
            tail += Math.Exp(LogChoose(n, i) - n * Math.Log(2));
        }
        var p = Math.Min(1, 2 * tail);
        return p < 1e-6 ? double.Parse(p.ToString("0.###e0", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture) : Math.Round(p, 6);
    }

    private static double LogChoose(int n, int k)
    {
        var sum = 0.0;
        for (var i = 1; i <= k; i++)
        {
            sum += Math.Log(n - k + i) - Math.Log(i);
        }
        return sum;
    }
}
