namespace Herald.Bench;

/// <summary>The work both schedulers do: N deliveries, spread evenly over a window, round-robin over the accounts.</summary>
internal sealed record Workload(int Deliveries, int Accounts, TimeSpan Spread, TimeSpan Lead)
{
    public static double NowMs() => TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The due instant (Unix ms) of delivery <paramref name="i"/> when the first is due at <paramref name="firstDueMs"/>.</summary>
    public long DueAt(long firstDueMs, int i) => firstDueMs + (long)(Spread.TotalMilliseconds * i / Deliveries);

    /// <summary>Polls the sink (real time) until every delivery arrived or the deadline passed, then lets stragglers (duplicates) land.</summary>
    public static async Task WaitForAsync(Sink sink, int expected, double deadlineMs)
    {
        while (sink.Count < expected && NowMs() < deadlineMs)
        {
            await Task.Delay(100);
        }
        await Task.Delay(1000);
    }
}
