using System.CommandLine;
using System.Text;
using System.Text.Json;
using Herald.Sentiment;

namespace Herald.Cli;

/// <summary>`./herald sentiment [--lang auto|en|fr]`: one text per line on stdin, one JSON line per text on stdout. No database.</summary>
internal static class SentimentCommand
{
    public static Command Build()
    {
        var lang = new Option<string>("--lang") { Description = "auto (detect per line), en or fr.", DefaultValueFactory = _ => "auto" };
        lang.AcceptOnlyFromAmong("auto", "en", "fr");
        var command = new Command("sentiment", "Sentiment of each line of standard input, as JSON lines: {\"label\",\"score\",\"lang\"}.") { lang };
        command.SetAction(async (r, ct) =>
        {
            var language = r.GetValue(lang) is "en" or "fr" ? r.GetValue(lang) : null;
            await RunAsync(Console.In, Console.OpenStandardOutput(), new LexiconSentimentAnalyzer(), language, ct);
            return 0;
        });
        return command;
    }

    /// <summary>Reads lines until the end of <paramref name="input"/>; an empty line gets a neutral answer so lines stay aligned.</summary>
    public static async Task RunAsync(TextReader input, Stream output, ISentimentAnalyzer analyzer, string? language, CancellationToken ct)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var newline = Encoding.UTF8.GetBytes("\n");
        while (await input.ReadLineAsync(ct) is { } line)
        {
            var result = analyzer.Analyze(line, language);
            json.WriteStartObject();
            json.WriteString("label", result.Label.ToString().ToLowerInvariant());
            json.WriteNumber("score", result.Score);
            json.WriteString("lang", result.Language);
            json.WriteEndObject();
            await json.FlushAsync(ct);
            json.Reset();
            await output.WriteAsync(newline, ct);
        }
        await output.FlushAsync(ct);
    }
}
