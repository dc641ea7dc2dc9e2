using System.Runtime.CompilerServices;

namespace Herald.Listening.Matching;

/// <summary>The phrases of all queries by their first two words' entries: a post's consecutive tokens are looked up as a pair.</summary>
/// <remarks>A slot holds the pair, the atom of the two-word phrase made of it (most phrases) and where the longer phrases that
/// begin with it are listed, so a found pair reads one slot.</remarks>
internal sealed class PhrasePairs
{
    private struct Slot
    {
        public ulong Key;

        /// <summary>The atom of the phrase of just these two words, or -1.</summary>
        public int Atom;

        /// <summary>The longer phrases beginning with these two words: their indexes in <see cref="_longer"/>, from here…</summary>
        public int First;

        /// <summary>…this many.</summary>
        public int Count;
    }

    private const ulong Empty = ulong.MaxValue; // no pair of entries (both ≥ 0) has this key
    private readonly Slot[] _slots;
    private readonly int[] _longer;
    private readonly int _mask;
    // Most consecutive word pairs of a post start no phrase: an 8 KB bit filter answers those without probing the table.
    private readonly ulong[] _filter = new ulong[FilterBits / 64];
    private const int FilterBits = 1 << 16;

    public PhrasePairs(int[][] phraseTerms, int[] phraseAtoms)
    {
        var groups = new Dictionary<ulong, (int Atom, List<int> Longer)>();
        for (var p = 0; p < phraseTerms.Length; p++)
        {
            var key = Key(phraseTerms[p][0], phraseTerms[p][1]);
            var group = groups.TryGetValue(key, out var g) ? g : (Atom: -1, Longer: new List<int>());
            if (phraseTerms[p].Length == 2)
            {
                group.Atom = phraseAtoms[p];
            }
            else
            {
                group.Longer.Add(p);
            }
            groups[key] = group;
        }
        var size = 16;
        while (size < groups.Count * 2)
        {
            size <<= 1;
        }
        _mask = size - 1;
        _slots = new Slot[size];
        _slots.AsSpan().Fill(new Slot { Key = Empty });
        _longer = new int[groups.Values.Sum(g => g.Longer.Count)];
        var n = 0;
        foreach (var (key, (atom, longer)) in groups)
        {
            var slot = SlotOf(key);
            while (_slots[slot].Key != Empty)
            {
                slot = (slot + 1) & _mask;
            }
            _slots[slot] = new Slot { Key = key, Atom = atom, First = n, Count = longer.Count };
            var bit = FilterBit(key);
            _filter[bit >> 6] |= 1UL << bit;
            foreach (var p in longer)
            {
                _longer[n++] = p;
            }
        }
    }

    /// <summary>False when no phrase begins with these two entries (true may be a false positive).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayStart(int first, int second)
    {
        var bit = FilterBit(Key(first, second));
        return (_filter[bit >> 6] & (1UL << bit)) != 0;
    }

    /// <summary>The atom of the two-word phrase of these entries (-1 if none), and the longer phrases that begin with them.</summary>
    public int Find(int first, int second, out ReadOnlySpan<int> longer)
    {
        var key = Key(first, second);
        var slot = SlotOf(key);
        while (true)
        {
            ref var s = ref _slots[slot];
            if (s.Key == key)
            {
                longer = _longer.AsSpan(s.First, s.Count);
                return s.Atom;
            }
            if (s.Key == Empty)
            {
                longer = [];
                return -1;
            }
            slot = (slot + 1) & _mask;
        }
    }

    private static ulong Key(int first, int second) => ((ulong)(uint)first << 32) | (uint)second;

    private static int FilterBit(ulong key) => (int)((key * 0xff51afd7ed558ccdUL) >> 48);

    private int SlotOf(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> 40) & _mask;
}
