using System.CommandLine;
using Herald.Curation.Feeds;
using Herald.Curation.Fetching;
using Herald.Networks;

namespace Herald.Cli;

/// <summary>`./herald feeds parse FILE|URL [--json]`: the normalized feed, or a clear error and exit code 2 for what is not a feed.</summary>
internal static class FeedCommands
{
    public static Command Build()
    {
        var feeds = new Command("feeds", "Read RSS, Atom and JSON feeds.");
        var source = new Argument<string>("FILE|URL") { Description = "A feed file, or an http(s) URL to fetch (public addresses only)." };
        var json = new Option<bool>("--json") { Description = "Print the normalized feed as JSON." };
        var parse = new Command("parse", "Parse a feed and print it normalized.") { source, json };
        parse.SetAction((r, ct) => ParseAsync(r.GetValue(source)!, r.GetValue(json), ct));
        feeds.Subcommands.Add(parse);
        return feeds;
    }

    private static async Task<int> ParseAsync(string source, bool json, CancellationToken ct)
    {
        byte[] bytes;
        Uri? location = null;
        string? charset = null;
        if (source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            var fetched = await FeedFetcher.Create(AllowPrivate()).FetchAsync(source, ct: ct);
            if (fetched.Status != FetchStatus.Ok)
            {
                await Console.Error.WriteLineAsync($"error: {fetched.Error}");
                return 1;
            }
            bytes = fetched.Body!;
            location = new Uri(fetched.FinalUrl);
            charset = fetched.Charset;
        }
        else if (File.Exists(source))
        {
            bytes = await File.ReadAllBytesAsync(source, ct);
        }
        else
        {
            await Console.Error.WriteLineAsync($"error: no such file: {source}");
            return 1;
        }
        ParsedFeed feed;
        try
        {
            feed = FeedParser.Parse(bytes, location, charset);
        }
        catch (FeedFormatException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
        if (json)
        {
            CliOutput.Json(feed);
            return 0;
        }
        Console.WriteLine($"{feed.Title} ({feed.Format} {feed.Version}) {feed.Link}");
        foreach (var item in feed.Items)
        {
            Console.WriteLine($"  {item.Published?.ToString("u") ?? "-",-20} {item.Title}  {item.Link}");
        }
        return 0;
    }

    private static bool AllowPrivate()
    {
        foreach (var name in new[] { AddressGuard.EnvironmentVariable, "Networks__AllowPrivateAddresses" })
        {
            var value = Environment.GetEnvironmentVariable(name);
            if (value == "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
