using System.Diagnostics;
using System.Globalization;

namespace Herald.Scheduling;

/// <summary>
/// Names the process that holds a lease: "host:pid:start-ticks". A lease held by a process of this machine that has
/// died (SIGKILL, power loss) is recovered at once instead of waiting for it to expire.
/// </summary>
public static class WorkerIdentity
{
    public static string Current()
    {
        using var self = Process.GetCurrentProcess();
        return $"{Environment.MachineName}:{Environment.ProcessId}:{self.StartTime.Ticks.ToString(CultureInfo.InvariantCulture)}";
    }

    public static bool IsDeadLocalProcess(string owner)
    {
        var parts = owner.Split(':');
        if (parts.Length != 3 || parts[0] != Environment.MachineName
            || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var ticks))
        {
            return false;
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            // The same pid with another start time is another process: the holder is gone.
            return process.StartTime.Ticks != ticks;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
        catch (InvalidOperationException)
        {
            return true; // it exited while we looked
        }
    }
}
