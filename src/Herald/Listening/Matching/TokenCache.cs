using System.Runtime.CompilerServices;

namespace Herald.Listening.Matching;

/// <summary>One thread's memo of what recent tokens found in the dictionary: the same few thousand words make most of any
/// stream, and replaying their entries skips the per-character prefix probes and the dictionary lookups.</summary>
/// <remarks>Direct-mapped; a slot keeps the token's text, so a hash collision is a miss, never a wrong answer. Tokens longer
/// than <see cref="MaxLength"/> or with more than <see cref="MaxEntries"/> entries are not kept.</remarks>
internal sealed class TokenCache
{
    public const int MaxLength = 16;
    public const int MaxEntries = 3;
    private const int Slots = 2048;
    private readonly ulong[] _keys = new ulong[Slots];
    private readonly int[] _entries = new int[Slots * (MaxEntries + 2)]; // word entry, count, entries
    private readonly char[] _text = new char[Slots * MaxLength];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Key(ulong hash, int length, byte kind) => TermTable.Key(hash, (EntryKind)kind, length) | 1;

    /// <summary>The cached entries (word entry first, then the count and the entries to mark) of this token, or empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<int> Find(ulong key, ReadOnlySpan<char> token)
    {
        var slot = (int)(key >> 32) & (Slots - 1);
        return _keys[slot] == key && token.SequenceEqual(_text.AsSpan(slot * MaxLength, token.Length))
            ? _entries.AsSpan(slot * (MaxEntries + 2), MaxEntries + 2)
            : default;
    }

    public void Add(ulong key, ReadOnlySpan<char> token, int word, ReadOnlySpan<int> entries)
    {
        var slot = (int)(key >> 32) & (Slots - 1);
        _keys[slot] = key;
        token.CopyTo(_text.AsSpan(slot * MaxLength));
        var at = slot * (MaxEntries + 2);
        _entries[at] = word;
        _entries[at + 1] = entries.Length;
        entries.CopyTo(_entries.AsSpan(at + 2));
    }
}
