using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Herald.Bench.Sentiment;

/// <summary>
/// VADER and AFINN, run by Node on the same texts. Labels: VADER compound ≥ 0.05 positive, ≤ -0.05 negative (its
/// authors' thresholds); AFINN score (sum of word valences) &gt; 0 positive, &lt; 0 negative, 0 neutral (the sign, as the
/// `sentiment` package's README reads it; comparative has the same sign).
/// </summary>
internal static class Baselines
{
    public static (int[] Vader, int[] Afinn) Run(string node, string script, string nodePath, IReadOnlyList<string> texts)
    {
        var start = new ProcessStartInfo(node, [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment["NODE_PATH"] = nodePath;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var reading = process.StandardOutput.ReadToEndAsync();
        foreach (var text in texts)
        {
            process.StandardInput.WriteLine(JsonSerializer.Serialize(text));
        }
        process.StandardInput.Close();
        var lines = reading.GetAwaiter().GetResult().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        process.WaitForExit();
        if (lines.Length != texts.Count)
        {
            throw new InvalidOperationException($"node answered {lines.Length} lines for {texts.Count} texts (exit {process.ExitCode}).");
        }
        var vader = new int[texts.Count];
        var afinn = new int[texts.Count];
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Split('\t');
            var compound = double.Parse(parts[0], CultureInfo.InvariantCulture);
            var score = double.Parse(parts[1], CultureInfo.InvariantCulture);
            vader[i] = compound >= 0.05 ? 2 : compound <= -0.05 ? 0 : 1;
            afinn[i] = score > 0 ? 2 : score < 0 ? 0 : 1;
        }
        return (vader, afinn);
    }
}
