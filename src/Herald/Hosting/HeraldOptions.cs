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
}
