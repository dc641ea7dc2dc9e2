using Herald.Listening.Query;

namespace Herald.Listening;

/// <summary>Reads `id&lt;TAB&gt;query` lines (blank lines and lines starting with '#' followed by a space are skipped).</summary>
internal static class QueryFile
{
    public static List<(string Id, QueryNode Query)> Read(string path, TextReader reader)
    {
        var list = new List<(string, QueryNode)>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith("# ", StringComparison.Ordinal))
            {
                continue;
            }
            var tab = line.IndexOf('\t');
            if (tab <= 0)
            {
                throw new QueryFileException($"{path}:{number}: expected 'id<TAB>query'");
            }
            try
            {
                list.Add((line[..tab], QueryParser.Parse(line[(tab + 1)..])));
            }
            catch (QuerySyntaxException e)
            {
                throw new QueryFileException($"{path}:{number}: {e.Reason} at {e.Position} (column {tab + 2 + e.Position} of the line)");
            }
        }
        return list;
    }
}

/// <summary>A query file that cannot be read, with the file, line and position in the message.</summary>
public sealed class QueryFileException(string message) : Exception(message);
