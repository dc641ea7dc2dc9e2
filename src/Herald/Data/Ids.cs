using System.Security.Cryptography;

namespace Herald.Data;

/// <summary>Identifiers are time-ordered UUIDv7 strings: sortable, portable across SQLite and PostgreSQL, readable in logs.</summary>
public static class Ids
{
    // Random bits from the OS's CSPRNG, fetched 64 ids at a time per thread: Guid.CreateVersion7 asks the kernel for 16
    // bytes on every call (a system call per click on the redirect path).
    private const int PerRefill = 64;
    [ThreadStatic] private static byte[]? t_random;
    [ThreadStatic] private static int t_next;

    public static string New()
    {
        var random = t_random;
        if (random is null || t_next == PerRefill)
        {
            random = t_random ??= new byte[PerRefill * 16];
            RandomNumberGenerator.Fill(random);
            t_next = 0;
        }
        Span<byte> bytes = random.AsSpan(t_next++ * 16, 16);
        // RFC 9562 UUIDv7: 48-bit Unix milliseconds, version 7, 12 random bits, variant 10, 62 random bits.
        var ms = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        bytes[0] = (byte)(ms >> 40);
        bytes[1] = (byte)(ms >> 32);
        bytes[2] = (byte)(ms >> 24);
        bytes[3] = (byte)(ms >> 16);
        bytes[4] = (byte)(ms >> 8);
        bytes[5] = (byte)ms;
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        var id = new Guid(bytes, bigEndian: true).ToString("D");
        bytes.Clear();
        return id;
    }
}
