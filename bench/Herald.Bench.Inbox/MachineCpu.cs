using System.Globalization;

/// <summary>
/// The whole machine's busy CPU time (Linux <c>/proc/stat</c>, every process: Herald and the PostgreSQL server it talks to),
/// so a run can report the CPU an item costs end to end. Throughput on 2 cores swings with what else is scheduled; the CPU
/// per item is steadier, and it is what bounds the throughput of a busy machine.
/// </summary>
internal static class MachineCpu
{
    /// <summary>Busy seconds since boot summed over all cores, or null where <c>/proc/stat</c> is not there.</summary>
    public static double? BusySeconds()
    {
        try
        {
            // "cpu  user nice system idle iowait irq softirq steal guest guest_nice", in clock ticks (USER_HZ, 100 on Linux).
            var line = File.ReadLines("/proc/stat").First();
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var busy = f[0] + f[1] + f[2] + f[5] + f[6] + f[7];
            return busy / 100.0;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
