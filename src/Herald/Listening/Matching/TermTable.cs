using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

/// <summary>A slot of <see cref="TermTable"/>: all a hit needs, in one cache line (no object to follow).</summary>
internal struct TermSlot
{
    public ulong Key;
    public int Entry;
    public int Text;
    public int Length;

    /// <summary>The entry's atom when it has one (≥ 0); -1 when none; else -(start + 2) of its count and atoms in <see cref="TermTable.AtomLists"/>.</summary>
    public int Atom;
}

/// <summary>An open-addressing hash table from (kind, folded text) to an entry, keyed by the <see cref="TokenHash"/> of the text.</summary>
/// <remarks>A bit filter sits in front of the table, and another holds every beginning of every wildcard prefix (per kind), so
/// the usual answer, "not a query word and no query prefix starts like it", comes from two reads in the L1/L2 cache. A slot
/// holds its key, its text's place in one flat array and its atoms, so a hit reads one slot and compares a few 64-bit words.
/// Texts given to <see cref="Find"/> must be followed by 7 readable characters (the token buffer is padded).</remarks>
internal sealed class TermTable
{
    private readonly TermSlot[] _slots;
    private readonly char[] _text;
    private readonly int _mask;
    private readonly ulong[] _filter = new ulong[FilterBits / 64];
    private const int FilterBits = 1 << 18;
    private readonly ulong[] _stems = new ulong[FilterBits / 64];

    public TermTable(TermEntry[] entries)
    {
        Entries = entries;
        var size = 16;
        while (size < entries.Length * 2)
        {
            size <<= 1;
        }
        _slots = new TermSlot[size];
        for (var i = 0; i < size; i++)
        {
            _slots[i].Entry = -1;
        }
        _mask = size - 1;
        _text = new char[entries.Sum(e => e.Text.Length) + TokenBuffer.Padding];
        var lists = new List<int>();
        var at = 0;
        for (var e = 0; e < entries.Length; e++)
        {
            var text = entries[e].Text;
            var key = Key(TokenHash.Of(text), entries[e].Kind, text.Length);
            var slot = (int)key & _mask;
            while (_slots[slot].Entry >= 0)
            {
                slot = (slot + 1) & _mask;
            }
            text.CopyTo(_text.AsSpan(at));
            var atoms = entries[e].Atoms;
            _slots[slot] = new TermSlot
            {
                Key = key,
                Entry = e,
                Text = at,
                Length = text.Length,
                Atom = atoms.Length switch { 0 => -1, 1 => atoms[0], _ => -(lists.Count + 2) },
            };
            if (atoms.Length > 1)
            {
                lists.Add(atoms.Length);
                lists.AddRange(atoms);
            }
            at += text.Length;
            var bit = FilterBit(key);
            _filter[bit >> 6] |= 1UL << bit;
            if (entries[e].Kind is EntryKind.WordPrefix or EntryKind.HashtagPrefix or EntryKind.MentionPrefix)
            {
                for (var length = 1; length <= text.Length; length++)
                {
                    var stem = FilterBit(Key(TokenHash.Of(text.AsSpan(0, length)), entries[e].Kind, length) * 0x9E3779B97F4A7C15UL);
                    _stems[stem >> 6] |= 1UL << stem;
                }
            }
        }
        AtomLists = [.. lists];
    }

    public TermEntry[] Entries { get; }

    public TermSlot[] Slots => _slots;

    public int[] AtomLists { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Key(ulong hash, EntryKind kind, int length)
    {
        // The token hash is already mixed: one multiply spreads kind and length; the high half folded down serves the slot.
        var k = (hash ^ ((ulong)kind << 56) ^ (ulong)length * 0x9E3779B97F4A7C15UL) * 0xff51afd7ed558ccdUL;
        return k ^ (k >> 32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FilterBit(ulong key) => (int)(key >> 46);

    /// <summary>False when no wildcard prefix of this kind begins with the text whose hash and length are given (true may be a false positive).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayBeStem(ulong hash, EntryKind prefixKind, int length)
    {
        var bit = FilterBit(Key(hash, prefixKind, length) * 0x9E3779B97F4A7C15UL);
        return (_stems[bit >> 6] & (1UL << bit)) != 0;
    }

    /// <summary>The slot of this text's entry, or -1; <paramref name="hash"/> is the <see cref="TokenHash"/> of <paramref name="text"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ulong hash, EntryKind kind, ReadOnlySpan<char> text)
    {
        var key = Key(hash, kind, text.Length);
        var bit = FilterBit(key);
        if ((_filter[bit >> 6] & (1UL << bit)) == 0)
        {
            return -1;
        }
        return Probe(key, text);
    }

    private int Probe(ulong key, ReadOnlySpan<char> text)
    {
        var slots = _slots;
        var slot = (int)key & _mask;
        while (true)
        {
            ref var s = ref slots[slot];
            if (s.Entry < 0)
            {
                return -1;
            }
            if (s.Key == key && s.Length == text.Length && SameText(ref MemoryMarshal.GetReference(text), ref _text[s.Text], text.Length))
            {
                return slot;
            }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Whether two padded texts have the same first <paramref name="length"/> characters, four at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SameText(ref char a, ref char b, int length)
    {
        ref var x = ref Unsafe.As<char, byte>(ref a);
        ref var y = ref Unsafe.As<char, byte>(ref b);
        if ((uint)(length - 1) < 8)
        {
            var second = length > 4 ? TokenHash.Mask(length - 4) : 0;
            return (((Unsafe.ReadUnaligned<ulong>(ref x) ^ Unsafe.ReadUnaligned<ulong>(ref y)) & TokenHash.Mask(Math.Min(length, 4)))
                | ((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref x, 8)) ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref y, 8))) & second)) == 0;
        }
        var i = 0;
        for (; i + 4 <= length; i += 4)
        {
            if (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref x, i * 2)) != Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref y, i * 2)))
            {
                return false;
            }
        }
        var rest = length - i;
        return rest == 0 || ((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref x, i * 2)) ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref y, i * 2))) & TokenHash.Mask(rest)) == 0;
    }
}
