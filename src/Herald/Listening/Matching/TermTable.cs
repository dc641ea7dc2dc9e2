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

/// <summary>A slot of <see cref="TermTable"/>: all a hit needs in 32 bytes (no object, no second array to read).</summary>
/// <remarks>A text of up to 8 characters is held in the slot itself (<see cref="Head"/>, <see cref="Tail"/>, zero-padded); a
/// longer one in <see cref="TermTable"/>'s flat array, at <see cref="Head"/>'s low half, its length in the high half.
/// <see cref="Key"/>'s top byte holds whether the text is longer than 8 (and its length modulo 128), so a key match also
/// says which of the two it is.</remarks>
internal struct TermSlot
{
    public ulong Key;
    public ulong Head;
    public ulong Tail;

    /// <summary>The entry's index (bits 0–27) and flags the matcher keeps with it (bits 28–30); -1 when the slot is empty.</summary>
    public int Entry;

    /// <summary>The entry's atom when it has one (≥ 0); -1 when none; else -(start + 2) of its count and atoms in <see cref="TermTable.AtomLists"/>.</summary>
    public int Atom;

    public const int EntryMask = (1 << 28) - 1;
}

/// <summary>An open-addressing hash table from (kind, folded text) to an entry, keyed by the <see cref="TokenHash"/> of the text.</summary>
/// <remarks>A bit filter sits in front of the table, and another holds every beginning of every wildcard prefix (per kind), so
/// the usual answer, "not a query word and no query prefix starts like it", comes from two reads in the L1/L2 cache. A slot
/// holds its key, its text (or for a long one its place in one flat array) and its atoms, so a hit on a word of up to 8
/// characters reads one slot and compares three 64-bit words.
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
            var (head, tail) = text.Length <= 8 ? Inline(text) : ((uint)at | ((ulong)text.Length << 32), 0UL);
            _slots[slot] = new TermSlot
            {
                Key = key,
                Head = head,
                Tail = tail,
                Entry = e,
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

    /// <summary>Sets flags (three bits) on the slot of every entry: the matcher's per-word facts, read with the hit.</summary>
    public void SetFlags(Func<int, int> flagsOfEntry)
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i].Entry >= 0)
            {
                _slots[i].Entry |= (flagsOfEntry(_slots[i].Entry & TermSlot.EntryMask) & 7) << 28;
            }
        }
    }

    private static (ulong Head, ulong Tail) Inline(string text)
    {
        Span<char> padded = stackalloc char[8];
        padded.Clear();
        text.CopyTo(padded);
        var words = MemoryMarshal.Cast<char, ulong>(padded);
        return (words[0], words[1]);
    }

    public TermSlot[] Slots => _slots;

    public int[] AtomLists { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Key(ulong hash, EntryKind kind, int length)
    {
        // The token hash is already mixed and its masked blocks already differ by length: one multiply spreads the kind
        // (a constant where the kind is), the high half folded down serves the slot. The top byte, with no branch: the
        // length modulo 128, and whether the text is long (over 8 characters, compared whole) or short (held in the slot).
        var k = (hash ^ (ulong)kind * 0x9E3779B97F4A7C15UL) * 0xff51afd7ed558ccdUL;
        var top = ((uint)length & 127) | (((uint)(8 - length) >> 31) << 7);
        return ((k ^ (k >> 32)) & 0x00FF_FFFF_FFFF_FFFFUL) | ((ulong)top << 56);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FilterBit(ulong key) => (int)(key >> 38) & (FilterBits - 1);

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
        if (text.Length > 8)
        {
            return Find(hash, kind, text, 0, 0);
        }
        TokenHash.Blocks(ref MemoryMarshal.GetReference(text), text.Length, out var head, out var tail);
        return Find(hash, kind, text, head, tail);
    }

    /// <summary>As <see cref="Find(ulong, EntryKind, ReadOnlySpan{char})"/>, with a short text's two zero-padded blocks
    /// as <see cref="TokenHash.OfPadded(ref char, int, out ulong, out ulong)"/> gave them (ignored for a text over 8 characters).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ulong hash, EntryKind kind, ReadOnlySpan<char> text, ulong head, ulong tail)
    {
        var key = Key(hash, kind, text.Length);
        var bit = FilterBit(key);
        if ((_filter[bit >> 6] & (1UL << bit)) == 0)
        {
            return -1;
        }
        if (text.Length > 8)
        {
            return ProbeLong(key, text);
        }
        // A hit is three 64-bit compares in one slot.
        var slots = _slots;
        var slot = (int)key & _mask;
        while (true)
        {
            ref var s = ref slots[slot];
            if (s.Entry < 0)
            {
                return -1;
            }
            if (s.Key == key && s.Head == head && s.Tail == tail)
            {
                return slot;
            }
            slot = (slot + 1) & _mask;
        }
    }

    private int ProbeLong(ulong key, ReadOnlySpan<char> text)
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
            if (s.Key == key && (int)(s.Head >> 32) == text.Length && SameText(ref MemoryMarshal.GetReference(text), ref _text[(int)(uint)s.Head], text.Length))
            {
                return slot;
            }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Whether two padded texts have the same first <paramref name="length"/> characters, four at a time.</summary>
    private static bool SameText(ref char a, ref char b, int length)
    {
        ref var x = ref Unsafe.As<char, byte>(ref a);
        ref var y = ref Unsafe.As<char, byte>(ref b);
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
