namespace Herald.Bench;

/// <summary>What one scheduler achieved on one database: throughput, lateness, duplicates and losses.</summary>
internal sealed record Figures(int Deliveries, double PerSecond, Lateness LatenessMs, long Duplicates, int Lost, double SetupSeconds, IReadOnlyDictionary<string, object> Extra)
{
    /// <summary>Throughput is deliveries / (last arrival − first due); lateness is arrival − due per delivery.</summary>
    public static Figures From(IReadOnlyDictionary<string, double> dueByKey, IReadOnlyDictionary<string, double> arrivals, long duplicates, double setupSeconds, IReadOnlyDictionary<string, object> extra)
    {
        var late = new List<double>(dueByKey.Count);
        var lastArrival = double.MinValue;
        foreach (var (key, due) in dueByKey)
        {
            if (arrivals.TryGetValue(key, out var at))
            {
                late.Add(at - due);
                lastArrival = Math.Max(lastArrival, at);
            }
        }
        late.Sort();
        var firstDue = dueByKey.Values.Min();
        // Lateness over time (by due time, 5 s buckets), to tell a start-up transient from a steady backlog.
        var buckets = dueByKey.Where(kv => arrivals.ContainsKey(kv.Key))
            .GroupBy(kv => (int)((kv.Value - firstDue) / 5000))
            .OrderBy(g => g.Key)
            .Select(g => $"{g.Key * 5}s:p99={Lateness.Of([.. g.Select(kv => arrivals[kv.Key] - kv.Value).Order()]).P99}");
        Console.Error.WriteLine("lateness by due time: " + string.Join(" ", buckets));
        var seconds = late.Count == 0 ? double.NaN : (lastArrival - firstDue) / 1000;
        return new Figures(dueByKey.Count, Math.Round(late.Count / seconds, 1), Lateness.Of(late), duplicates, dueByKey.Count - late.Count, Math.Round(setupSeconds, 1), extra);
    }

    public object ToJson() => new Dictionary<string, object>(Extra)
    {
        ["deliveries"] = Deliveries,
        ["per_s"] = PerSecond,
        ["lateness_ms"] = LatenessMs,
        ["duplicates"] = Duplicates,
        ["lost"] = Lost,
        ["setup_s"] = SetupSeconds,
    };
}

/// <summary>Percentiles of lateness in milliseconds (nearest rank).</summary>
internal sealed record Lateness(double P50, double P95, double P99, double Max)
{
    public static Lateness Of(List<double> sorted) => sorted.Count == 0
        ? new Lateness(double.NaN, double.NaN, double.NaN, double.NaN)
        : new Lateness(At(sorted, 0.50), At(sorted, 0.95), At(sorted, 0.99), Math.Round(sorted[^1], 1));

    private static double At(List<double> sorted, double q) => Math.Round(sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)], 1);
}
