namespace Herald.Listening.Matching;

/// <summary>The phrases of all queries by their first two words' entries: a post's consecutive tokens are looked up as a pair.</summary>
internal sealed class PhrasePairs
{
    private readonly ulong[] _keys;
    private readonly int[] _first;
    private readonly int[] _count;
    private readonly int[] _phrases;
    private readonly int _mask;
    // Most consecutive word pairs of a post start no phrase: an 8 KB bit filter answers those without probing the table.
    private readonly ulong[] _filter = new ulong[FilterBits / 64];
    private const int FilterBits = 1 << 16;

    public PhrasePairs(int[][] phraseTerms)
    {
        var groups = new Dictionary<ulong, List<int>>();
        for (var p = 0; p < phraseTerms.Length; p++)
        {
            var key = Key(phraseTerms[p][0], phraseTerms[p][1]);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }
            list.Add(p);
        }
        var size = 16;
        while (size < groups.Count * 2)
        {
            size <<= 1;
        }
        _mask = size - 1;
        _keys = new ulong[size];
        _first = new int[size];
        _count = new int[size];
        _phrases = new int[phraseTerms.Length];
        var n = 0;
        foreach (var (key, list) in groups)
        {
            var slot = Slot(key);
            while (_count[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }
            _keys[slot] = key;
            var bit = FilterBit(key);
            _filter[bit >> 6] |= 1UL << bit;
            _first[slot] = n;
            _count[slot] = list.Count;
            foreach (var p in list)
            {
                _phrases[n++] = p;
            }
        }
    }

    /// <summary>The phrases whose first two words are these entries.</summary>
    public ReadOnlySpan<int> Find(int first, int second)
    {
        var key = Key(first, second);
        var bit = FilterBit(key);
        if ((_filter[bit >> 6] & (1UL << bit)) == 0)
        {
            return [];
        }
        var slot = Slot(key);
        while (_count[slot] != 0)
        {
            if (_keys[slot] == key)
            {
                return _phrases.AsSpan(_first[slot], _count[slot]);
            }
            slot = (slot + 1) & _mask;
        }
        return [];
    }

    private static ulong Key(int first, int second) => ((ulong)(uint)first << 32) | (uint)second;

    private static int FilterBit(ulong key) => (int)((key * 0xff51afd7ed558ccdUL) >> 48);

    private int Slot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> 40) & _mask;
}
