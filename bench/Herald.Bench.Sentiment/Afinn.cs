using System.Text.Json;
using System.Text.RegularExpressions;

namespace Herald.Bench.Sentiment;

/// <summary>Experiment (round 6): AFINN-165's sums as features, the way npm `sentiment` scores (a word after a negator flips).</summary>
internal sealed partial class Afinn
{
    private readonly Dictionary<string, int> _labels;
    private readonly HashSet<string> _negators;

    private Afinn(Dictionary<string, int> labels, HashSet<string> negators) => (_labels, _negators) = (labels, negators);

    public static Afinn Load()
    {
        var folder = Path.Combine(Embeddings.NodeModules!, "sentiment", "languages", "en");
        var labels = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(Path.Combine(folder, "labels.json")))!;
        var negators = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(Path.Combine(folder, "negators.json")))!;
        return new Afinn(labels, [.. negators.Keys]);
    }

    [GeneratedRegex(@"[^a-z0-9'\s]")]
    private static partial Regex Strip();

    public void Fill(string text, Span<float> x, int mode)
    {
        var tokens = Strip().Replace(text.ToLowerInvariant().Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' '), "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        float sum = 0, positive = 0, negative = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!_labels.TryGetValue(tokens[i], out var score))
            {
                continue;
            }
            if (i > 0 && _negators.Contains(tokens[i - 1]))
            {
                score = -score;
            }
            sum += score;
            if (score > 0)
            {
                positive += score;
            }
            else
            {
                negative -= score;
            }
        }
        if (mode == 1)
        {
            x[0] = sum / MathF.Sqrt(sum * sum + 15);
            x[1] = positive / MathF.Sqrt(positive * positive + 15);
            x[2] = negative / MathF.Sqrt(negative * negative + 15);
        }
        else
        {
            x[0] = Math.Sign(sum);
            x[1] = sum / MathF.Sqrt(sum * sum + 15);
            x[2] = sum == 0 ? 1 : 0;
        }
    }
}
