namespace Herald.Hosting;

/// <summary>Where Herald keeps its data and which database it uses; from --data/HERALD_DATA and --database/HERALD_DATABASE.</summary>
public sealed class HeraldOptions
{
    /// <summary>The data folder: SQLite database, key ring, media files.</summary>
    public string DataDirectory { get; set; } = Path.GetFullPath("data");

    /// <summary>A PostgreSQL connection string; empty means SQLite in the data folder.</summary>
    public string? Database { get; set; }

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(Database);

    public string SqlitePath => Path.Combine(DataDirectory, "herald.db");

    public string MediaDirectory => Path.Combine(DataDirectory, "media");

    public string KeyRingDirectory => Path.Combine(DataDirectory, "keys");

    /// <summary>Reads --data and --database from the command line, then HERALD_DATA and HERALD_DATABASE.</summary>
    public static HeraldOptions FromArgs(string[] args)
    {
        var options = new HeraldOptions();
        var data = ArgValue(args, "--data") ?? Environment.GetEnvironmentVariable("HERALD_DATA");
        if (!string.IsNullOrWhiteSpace(data))
        {
            options.DataDirectory = Path.GetFullPath(data);
        }
        options.Database = ArgValue(args, "--database") ?? Environment.GetEnvironmentVariable("HERALD_DATABASE");
        return options;
    }

    internal static string? ArgValue(string[] args, string name)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name && i + 1 < args.Length)
            {
                return args[i + 1];
            }
            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                return args[i][(name.Length + 1)..];
            }
        }
        return null;
    }
}
