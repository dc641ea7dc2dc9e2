using System.Security.Cryptography;
using System.Text;

namespace Herald.Networks.Sandbox;

/// <summary>
/// A small seeded generator (SplitMix64). System.Random's seeded sequence is not promised to stay the same across
/// .NET versions; this one is, so a post's simulated audience never changes after an upgrade.
/// </summary>
internal sealed class SandboxRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A generator seeded from a string key ("post:{id}"), identical on every machine and run.</summary>
    public static SandboxRandom For(string key) => new(BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0));

    /// <summary>A GUID-shaped id derived from a key, for events that are computed rather than stored.</summary>
    public static string StableId(string key)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16);
        return new Guid(bytes).ToString("D");
    }

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public int Next(int min, int max) => max <= min ? min : min + (int)(NextUInt64() % (ulong)(max - min));

    public double Between(double min, double max) => min + (NextDouble() * (max - min));

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Standard normal (Box–Muller).</summary>
    public double Gaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(0, items.Count)];

    /// <summary>A shuffled copy (Fisher–Yates).</summary>
    public List<T> Shuffle<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = Next(0, i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }
}
