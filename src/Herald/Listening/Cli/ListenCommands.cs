using System.CommandLine;
using System.Text;
using System.Text.Json;
using Herald.Listening.Matching;

namespace Herald.Listening.Cli;

/// <summary>`./herald listen match --queries FILE`: one JSON array of matching query ids per stdin line. No database.</summary>
internal static class ListenCommands
{
    public static Command Build()
    {
        var listen = new Command("listen", "Social listening.");
        var queries = new Option<string>("--queries") { Required = true, Description = "File of 'id<TAB>query' lines." };
        var match = new Command("match", "Read one text per line on stdin (or a JSON object {\"text\",\"langs\",\"author\"}); print the ids of the queries each matches.") { queries };
        match.SetAction((r, _) => Task.FromResult(Match(r.GetValue(queries)!)));
        listen.Subcommands.Add(match);
        return listen;
    }

    private static int Match(string path)
    {
        List<(string Id, Query.QueryNode Query)> list;
        try
        {
            using var reader = new StreamReader(path);
            list = QueryFile.Read(path, reader);
        }
        catch (Exception e) when (e is QueryFileException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        var engine = MatchEngine.Build(list.Select(q => q.Query));
        var ids = list.Select(q => JsonSerializer.Serialize(q.Id)).ToArray();
        var scratch = engine.CreateScratch();
        using var stdin = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8, false, 1 << 16);
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
        var sb = new StringBuilder();
        while (stdin.ReadLine() is { } line)
        {
            var post = InputLine.Parse(line);
            var matched = engine.Match(post.Text, post.Langs, post.Author, null, scratch);
            sb.Clear().Append('[');
            for (var i = 0; i < matched.Length; i++)
            {
                sb.Append(i == 0 ? "" : ",").Append(ids[matched[i]]);
            }
            stdout.WriteLine(sb.Append(']'));
        }
        return 0;
    }

    /// <summary>A stdin line: plain text, or a JSON object with text, langs and author (to try lang: and from:).</summary>
    private readonly record struct InputLine(string Text, string[] Langs, string? Author)
    {
        public static InputLine Parse(string line)
        {
            if (line.StartsWith('{'))
            {
                try
                {
                    using var doc = JsonDocument.Parse(line);
                    var root = doc.RootElement;
                    var text = root.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";
                    var langs = root.TryGetProperty("langs", out var l) && l.ValueKind == JsonValueKind.Array
                        ? l.EnumerateArray().Select(x => x.GetString() ?? "").ToArray() : [];
                    var author = root.TryGetProperty("author", out var a) ? a.GetString() : null;
                    return new(text, langs, author);
                }
                catch (JsonException)
                {
                    // not JSON after all: match the line as text
                }
            }
            return new(line, [], null);
        }
    }
}
