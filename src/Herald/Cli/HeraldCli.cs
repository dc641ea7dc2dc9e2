using System.CommandLine;
using Herald.Hosting;

namespace Herald.Cli;

/// <summary>`./herald`: serve, and every CLI command. --data/HERALD_DATA and --database/HERALD_DATABASE apply to all.</summary>
public static class HeraldCli
{
    public static readonly Option<string?> Data = new("--data") { Description = "Data folder (SQLite database, key ring, media). Default ./data, or HERALD_DATA.", Recursive = true };
    public static readonly Option<string?> Database = new("--database") { Description = "PostgreSQL connection string instead of SQLite, or HERALD_DATABASE.", Recursive = true };

    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Herald: self-hosted social media management.");
        root.Options.Add(Data);
        root.Options.Add(Database);
        root.Subcommands.Add(ServeCommand.Build());
        root.Subcommands.Add(UserCommands.Build());
        root.Subcommands.Add(TokenCommands.Build());
        root.Subcommands.Add(AccountCommands.Build());
        root.Subcommands.Add(PostCommandsCli.Build());
        root.Subcommands.Add(Listening.Cli.ListenCommands.Build());
        root.Subcommands.Add(SentimentCommand.Build());
        root.Subcommands.Add(ReportCommand.Build());
        root.Subcommands.Add(FeedCommands.Build());
        return root.Parse(args).InvokeAsync();
    }

    public static HeraldOptions Options(ParseResult result)
    {
        var options = new HeraldOptions();
        var data = result.GetValue(Data) ?? Environment.GetEnvironmentVariable("HERALD_DATA");
        if (!string.IsNullOrWhiteSpace(data))
        {
            options.DataDirectory = Path.GetFullPath(data);
        }
        var database = result.GetValue(Database) ?? Environment.GetEnvironmentVariable("HERALD_DATABASE");
        options.Database = string.IsNullOrWhiteSpace(database) ? null : database;
        return options;
    }
}
