using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Herald.Listening.Matching;

/// <summary>The 64-bit hash of a folded token, four characters per step; the length is mixed in by <see cref="TermTable.Key"/>.</summary>
/// <remarks>Four UTF-16 characters are read as one little-endian 64-bit word, the last one masked, so a token costs a step
/// per four characters (FNV took one per character) and any prefix's hash is as cheap as the whole token's. Collisions only
/// cost time: every table hit is checked against the entry's text.</remarks>
internal static class TokenHash
{
    private const ulong Seed = 0x243F6A8885A308D3UL;
    private const ulong Prime = 0x9E3779B97F4A7C15UL;
    private const ulong Second = 0xC2B2AE3D27D4EB4FUL;

    /// <summary>The hash of <paramref name="length"/> characters from <paramref name="start"/>; the 8 characters after them
    /// must be readable (they are masked out): the token buffer keeps that much padding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong OfPadded(ref char start, int length) => OfPadded(ref start, length, out _, out _);

    /// <summary>As <see cref="OfPadded(ref char, int)"/>; for a text of up to 8 characters also its two 64-bit blocks,
    /// zero-padded (what <see cref="TermTable"/> compares a short entry with), else zeros.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong OfPadded(ref char start, int length, out ulong head, out ulong tail)
    {
        ref var bytes = ref Unsafe.As<char, byte>(ref start);
        if ((uint)length <= 8)
        {
            // Most tokens: two blocks multiplied side by side (not one after the other: the table key multiplies again, and
            // every token waits for the chain), no loop, and no branch on the length: the masks come from a table (a
            // branch on "more than four characters" went either way from one token to the next, and mispredicted).
            Blocks(ref start, length, out head, out tail);
            return (head ^ Seed) * Prime ^ BitOperations.RotateLeft(tail * Second, 29);
        }
        head = 0;
        tail = 0;
        var h = Seed;
        var i = 0;
        for (; i + 4 <= length; i += 4)
        {
            h = Step(h, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, i * 2)));
        }
        var rest = length - i;
        if (rest > 0)
        {
            h = Step(h, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, i * 2)) & Mask(rest));
        }
        return h;
    }

    /// <summary>The low <paramref name="chars"/> (1 to 4) characters of a block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mask(int chars) => ~0UL >> (64 - chars * 16);

    /// <summary>A padded text of 0 to 8 characters as two zero-padded 64-bit blocks (characters 1–4 and 5–8), with no branch
    /// on the length: the masks come from a table. What <see cref="TermTable"/> holds and compares for a short entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Blocks(ref char start, int length, out ulong head, out ulong tail)
    {
        ref var bytes = ref Unsafe.As<char, byte>(ref start);
        head = Unsafe.ReadUnaligned<ulong>(ref bytes) & HeadMasks[length];
        tail = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, 8)) & TailMasks[length];
    }

    private static ReadOnlySpan<ulong> HeadMasks => [0, 0xFFFF, 0xFFFF_FFFF, 0xFFFF_FFFF_FFFF, ~0UL, ~0UL, ~0UL, ~0UL, ~0UL];

    private static ReadOnlySpan<ulong> TailMasks => [0, 0, 0, 0, 0, 0xFFFF, 0xFFFF_FFFF, 0xFFFF_FFFF_FFFF, ~0UL];

    /// <summary>The hash of any text (copied into a padded buffer first): for building tables and post attributes.</summary>
    public static ulong Of(ReadOnlySpan<char> text)
    {
        Span<char> padded = text.Length <= 248 ? stackalloc char[text.Length + 8] : new char[text.Length + 8];
        padded.Clear();
        text.CopyTo(padded);
        return OfPadded(ref MemoryMarshal.GetReference(padded), text.Length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Step(ulong h, ulong block) => BitOperations.RotateLeft((h ^ block) * Prime, 29);
}
