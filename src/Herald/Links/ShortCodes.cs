using System.Security.Cryptography;

namespace Herald.Links;

/// <summary>Short-link codes: base62 of 56 random bits (10 characters), so codes are short and cannot be guessed or enumerated.</summary>
public static class ShortCodes
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    public const int Length = 10;

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes[..7]);
        bytes[7] = 0;
        var value = BitConverter.ToUInt64(bytes);
        Span<char> chars = stackalloc char[Length];
        for (var i = Length - 1; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value % 62)];
            value /= 62;
        }
        return new string(chars);
    }

    /// <summary>A cheap check before any lookup, so random paths never reach the cache or the database.</summary>
    public static bool LooksValid(ReadOnlySpan<char> code)
    {
        if (code.Length != Length)
        {
            return false;
        }
        foreach (var c in code)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }
        return true;
    }
}
