using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Herald.Cli;
using Herald.Sentiment;

namespace Herald.Tests.Sentiment;

/// <summary>`./herald sentiment`: one JSON line per input line, no database.</summary>
public sealed class SentimentCliTests
{
    [Fact]
    public async Task Each_line_of_input_gets_one_json_line_in_process()
    {
        using var output = new MemoryStream();
        await SentimentCommand.RunAsync(new StringReader("I love it\nC'est nul\n\nok then"), output, new LexiconSentimentAnalyzer(), null, default);
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        var first = JsonNode.Parse(lines[0])!;
        Assert.Equal("positive", (string)first["label"]!);
        Assert.Equal("en", (string)first["lang"]!);
        Assert.InRange((double)first["score"]!, 0.05, 1);
        var second = JsonNode.Parse(lines[1])!;
        Assert.Equal("negative", (string)second["label"]!);
        Assert.Equal("fr", (string)second["lang"]!);
        Assert.Equal("neutral", (string)JsonNode.Parse(lines[2])!["label"]!);
    }

    [Fact]
    public async Task The_built_cli_reads_stdin_and_needs_no_database()
    {
        var data = Path.Combine(Path.GetTempPath(), "herald-sentiment-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Herald.dll"), "sentiment", "--lang", "fr", "--data", data, "--database", "Host=invalid.invalid;Database=none" })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync("Service génial, merci 😍\nJe suis très déçu, c'est une honte\n");
        process.StandardInput.Close();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["positive", "negative"], lines.Select(l => (string)l["label"]!));
        Assert.All(lines, l => Assert.Equal("fr", (string)l["lang"]!));
        Assert.False(Directory.Exists(data), "the sentiment command must not create a data folder");
    }
}
