using System.Runtime.CompilerServices;

namespace Herald.Listening.Matching;

/// <summary>What a dictionary entry is looked up as: a whole token or a token prefix, per token kind; or a post attribute.</summary>
internal enum EntryKind : byte { Word, Hashtag, Mention, WordPrefix, HashtagPrefix, MentionPrefix, Lang, From }

/// <summary>One distinct dictionary text and the atoms it makes present.</summary>
internal sealed class TermEntry(EntryKind kind, string text)
{
    public EntryKind Kind { get; } = kind;
    public string Text { get; } = text;
    public int[] Atoms { get; set; } = [];
}

/// <summary>An open-addressing hash table from (kind, folded text) to an entry; hashes are FNV-1a, computed while scanning a token.</summary>
internal sealed class TermTable
{
    public const ulong Seed = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;
    private readonly ulong[] _keys;
    private readonly int[] _slots;
    private readonly int _mask;
    // A 32 KB bit filter in front of the table: most lookups (prefixes of ordinary words) miss, and this answers them
    // from the L1/L2 cache instead of a random read in a table of tens of thousands of slots.
    private readonly ulong[] _filter = new ulong[FilterBits / 64];
    private const int FilterBits = 1 << 18;
    // Every beginning of every wildcard prefix: once a token's beginning is not one, no longer prefix can match.
    private readonly ulong[] _stems = new ulong[FilterBits / 64];

    public TermTable(TermEntry[] entries)
    {
        Entries = entries;
        var size = 16;
        while (size < entries.Length * 2)
        {
            size <<= 1;
        }
        _keys = new ulong[size];
        _slots = new int[size];
        Array.Fill(_slots, -1);
        _mask = size - 1;
        for (var e = 0; e < entries.Length; e++)
        {
            var key = Key(Hash(entries[e].Text), entries[e].Kind, entries[e].Text.Length);
            var slot = (int)key & _mask;
            while (_slots[slot] >= 0)
            {
                slot = (slot + 1) & _mask;
            }
            _keys[slot] = key;
            _slots[slot] = e;
            var bit = (int)(key >> 40) & (FilterBits - 1);
            _filter[bit >> 6] |= 1UL << bit;
            if (entries[e].Kind is EntryKind.WordPrefix or EntryKind.HashtagPrefix or EntryKind.MentionPrefix)
            {
                var h = Seed;
                foreach (var c in entries[e].Text)
                {
                    h = Step(h, c);
                    var stem = StemBit(h);
                    _stems[stem >> 6] |= 1UL << stem;
                }
            }
        }
    }

    public TermEntry[] Entries { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Step(ulong hash, char c) => (hash ^ c) * Prime;

    public static ulong Hash(ReadOnlySpan<char> text)
    {
        var h = Seed;
        foreach (var c in text)
        {
            h = Step(h, c);
        }
        return h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Key(ulong hash, EntryKind kind, int length)
    {
        var k = hash ^ ((ulong)kind << 56) ^ (ulong)length * 0x9E3779B97F4A7C15UL;
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccdUL;
        k ^= k >> 33;
        return k;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int StemBit(ulong hash) => (int)((hash * 0x9E3779B97F4A7C15UL) >> 46);

    /// <summary>False when no wildcard prefix begins with the characters hashed so far (true may be a false positive).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayBeStem(ulong hash)
    {
        var bit = StemBit(hash);
        return (_stems[bit >> 6] & (1UL << bit)) != 0;
    }

    /// <summary>The entry index for this text, or -1; <paramref name="text"/> must be the token (or prefix) whose FNV hash is given.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ulong hash, EntryKind kind, ReadOnlySpan<char> text)
    {
        var key = Key(hash, kind, text.Length);
        var bit = (int)(key >> 40) & (FilterBits - 1);
        if ((_filter[bit >> 6] & (1UL << bit)) == 0)
        {
            return -1;
        }
        var slot = (int)key & _mask;
        while (true)
        {
            var e = _slots[slot];
            if (e < 0)
            {
                return -1;
            }
            if (_keys[slot] == key)
            {
                var entry = Entries[e];
                if (entry.Kind == kind && text.SequenceEqual(entry.Text))
                {
                    return e;
                }
            }
            slot = (slot + 1) & _mask;
        }
    }
}
