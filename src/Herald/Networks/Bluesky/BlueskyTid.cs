namespace Herald.Networks.Bluesky;

/// <summary>
/// Timestamp identifiers (atproto TID): 64 bits, top bit zero, then 53 bits of microseconds since the Unix epoch and a
/// 10-bit clock id, written as 13 characters of base32-sortable. Used as record keys so a retry reuses the same key.
/// </summary>
public static class BlueskyTid
{
    private const string Alphabet = "234567abcdefghijklmnopqrstuvwxyz";
    private static readonly int ClockId = Random.Shared.Next(0, 1024);
    private static long _lastMicros;

    /// <summary>A new TID for the current time, strictly greater than any earlier one from this process.</summary>
    public static string Next(TimeProvider time)
    {
        var now = (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10;
        long micros;
        long last;
        do
        {
            last = Interlocked.Read(ref _lastMicros);
            micros = Math.Max(now, last + 1);
        }
        while (Interlocked.CompareExchange(ref _lastMicros, micros, last) != last);
        return Encode(micros, ClockId);
    }

    /// <summary>Encodes a timestamp (microseconds) and a clock id (0-1023).</summary>
    public static string Encode(long micros, int clockId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(micros);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(micros, 1L << 53);
        ArgumentOutOfRangeException.ThrowIfNegative(clockId);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(clockId, 1024);
        var value = (ulong)((micros << 10) | (long)clockId);
        Span<char> chars = stackalloc char[13];
        for (var i = 12; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }
        return new string(chars);
    }

    /// <summary>Whether <paramref name="value"/> is TID syntax: 13 base32-sortable characters whose top bit is zero.</summary>
    public static bool IsValid(string? value)
    {
        if (value is not { Length: 13 } || "234567abcdefghij".IndexOf(value[0], StringComparison.Ordinal) < 0)
        {
            return false;
        }
        foreach (var c in value)
        {
            if (Alphabet.IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return false;
            }
        }
        return true;
    }
}
