using System.Text.Json;

namespace Herald.Cli;

/// <summary>What the CLI prints: JSON for machines (--json), aligned text for people.</summary>
internal static class CliOutput
{
    private static readonly JsonSerializerOptions Indented = new(HeraldJson.Options) { WriteIndented = true };

    public static void Json(object value) => Console.WriteLine(JsonSerializer.Serialize(value, Indented));

    public static void Table(IEnumerable<string[]> rows, params string[] headers)
    {
        var all = new List<string[]> { headers };
        all.AddRange(rows);
        var widths = headers.Select((_, i) => all.Max(r => i < r.Length ? r[i].Length : 0)).ToArray();
        foreach (var row in all)
        {
            Console.WriteLine(string.Join("  ", row.Select((c, i) => i == row.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
        }
    }
}
