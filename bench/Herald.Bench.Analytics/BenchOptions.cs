namespace Herald.Bench.Analytics;

/// <summary>
/// Command-line options: --accounts, --days, --posts-per-day, --iterations, --databases sqlite,postgres, and --reuse NAME
/// (keep the databases under that name and, when they already hold data, migrate them and skip the load: for development),
/// --only TEXT (time only the queries whose name contains it).
/// </summary>
internal sealed record BenchOptions(int Accounts, int Days, int PostsPerDay, int Iterations, IReadOnlyList<string> Databases, string? Reuse, string? Only)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Get(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        return new BenchOptions(
            int.Parse(Get("--accounts") ?? "100", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("--days") ?? "365", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("--posts-per-day") ?? "3", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("--iterations") ?? "40", System.Globalization.CultureInfo.InvariantCulture),
            (Get("--databases") ?? "sqlite,postgres").Split(',', StringSplitOptions.RemoveEmptyEntries),
            Get("--reuse"),
            Get("--only"));
    }
}
