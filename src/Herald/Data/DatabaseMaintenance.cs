namespace Herald.Data;

/// <summary>
/// Keeps the query planner's statistics fresh as the rollups grow: on SQLite <c>PRAGMA optimize=0x10002</c> (an ANALYZE,
/// bounded by SQLite itself, of every table whose size changed a lot since it was last analyzed), on PostgreSQL a plain
/// <c>ANALYZE</c> (sampled; autovacuum does the same, later). A minute after start, then every six hours. Without
/// statistics SQLite reads the dashboard's follower query through the (workspace, day) index and sorts, twice as slow on
/// a year of 100 accounts as the plan it picks once account_daily is analyzed.
/// </summary>
public sealed class DatabaseMaintenance(IDbConnectionFactory connections, TimeProvider time, ILogger<DatabaseMaintenance> log) : BackgroundService
{
    public static readonly TimeSpan FirstRun = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    /// <summary>Refreshes the statistics now (also after a bulk load).</summary>
    public async Task OptimizeAsync(CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = connections.Kind == DatabaseKind.Postgres ? "ANALYZE" : "PRAGMA optimize=0x10002";
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstRun, time, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await OptimizeAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    log.LogWarning(ex, "Refreshing the database statistics failed; trying again in {Interval}", Interval);
                }
                await Task.Delay(Interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
