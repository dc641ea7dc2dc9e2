using System.Diagnostics;

namespace Herald.Inbox;

/// <summary>The steps of saving a page whose time <see cref="InboxStages"/> can add up.</summary>
public enum InboxStage
{
    Lookup,
    Prepare,
    WaitForWriter,
    Contacts,
    Items,
    /// <summary>PostgreSQL: contacts, items, engagement and cursor in one round trip.</summary>
    Batch,
    Engagement,
    Cursor,
    Signals,
    Commit,
}

/// <summary>
/// Wall time per step of ingestion, summed over every page, when a benchmark turns it on
/// (<c>bench/run-inbox.sh --stages</c>); off, each step costs one branch.
/// </summary>
public static class InboxStages
{
    private static readonly long[] Wall = new long[Enum.GetValues<InboxStage>().Length];
    private static readonly long[] Times = new long[Wall.Length];

    public static bool Enabled { get; set; }

    /// <summary>A start mark, or zero when off.</summary>
    public static long Start() => Enabled ? Stopwatch.GetTimestamp() : 0;

    public static void Stop(InboxStage stage, long start)
    {
        if (!Enabled)
        {
            return;
        }
        Interlocked.Add(ref Wall[(int)stage], Stopwatch.GetTimestamp() - start);
        Interlocked.Increment(ref Times[(int)stage]);
    }

    public static void Reset()
    {
        Array.Clear(Wall);
        Array.Clear(Times);
    }

    /// <summary>(stage, wall seconds summed over all workers, times it ran: e.g. SQLite's commits, fewer than its pages).</summary>
    public static IEnumerable<(InboxStage Stage, double Seconds, long Times)> Totals() =>
        Enum.GetValues<InboxStage>().Select(s => (s, Wall[(int)s] / (double)Stopwatch.Frequency, Times[(int)s]));
}
