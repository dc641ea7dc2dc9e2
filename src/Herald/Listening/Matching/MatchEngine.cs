using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Herald.Listening.Query;

namespace Herald.Listening.Matching;

/// <summary>All listening queries compiled into one matcher whose cost grows with the text, not with the number of queries.</summary>
/// <remarks>The post is folded and split into hashed tokens (<see cref="Tokenizer"/>), each looked up as it is found, once as
/// a word (and as a hashtag or handle) behind a bit filter. An entry found also carries the wildcard prefixes it begins
/// with; a token not found is probed as a prefix only at the lengths some prefix has and only while a second filter says
/// some prefix starts that way. Phrases that trigger queries are found by pairs of consecutive entries on the way; the
/// others only when a program reading them runs (<see cref="LazyPhrases"/>). The atoms found (terms,
/// prefixes, phrases, lang, from) trigger only the queries that need one of them; an OR of atoms matches when triggered,
/// the others run their postfix program; queries that need no term (pure NOT) run only when one of their atoms is present.
/// No allocation per post. Immutable and thread-safe; each thread brings its own <see cref="MatchScratch"/>.</remarks>
internal sealed class MatchEngine
{
    private readonly TermTable _table;
    private readonly TermSlot[] _slots;
    private readonly int[] _atomLists;
    private readonly QueryPrograms _programs;
    private readonly int[] _triggerStarts;
    private readonly int[] _triggers;
    private readonly int[] _always;
    private readonly int _triggering; // atoms below this number trigger queries; the others are only read by programs
    private readonly int[][] _phraseTerms;
    private readonly int[] _phraseAtoms;
    private readonly PhrasePairs _pairs;
    private readonly LazyPhrases _lazy;
    // Flags kept in a word's slot: it begins some phrase; it is the second word of some phrase.
    private const int StartsPhrase = 1 << 28;
    private const int SecondWord = 2 << 28;
    // Per prefix kind (word, hashtag, mention): the lengths some prefix has (bit n, n < 64), the shortest and the longest.
    private readonly ulong[] _prefixLengths = new ulong[3];
    private readonly int[] _minPrefix = [int.MaxValue, int.MaxValue, int.MaxValue];
    private readonly int[] _maxPrefix = new int[3];

    internal MatchEngine(TermTable table, QueryPrograms programs, int[][] triggers, int triggering, int[] always, int[][] phraseTerms, int[] phraseAtoms)
    {
        _triggering = triggering;
        // Phrases that trigger queries are found on the way (pairs of consecutive words); the others only when a program reads them.
        var eager = Enumerable.Range(0, phraseTerms.Length).Where(p => phraseAtoms[p] < triggering).ToArray();
        _lazy = new LazyPhrases(triggers.Length, Enumerable.Range(0, phraseTerms.Length).Where(p => phraseAtoms[p] >= triggering)
            .Select(p => (phraseTerms[p], phraseAtoms[p])));
        phraseTerms = [.. eager.Select(p => phraseTerms[p])];
        phraseAtoms = [.. eager.Select(p => phraseAtoms[p])];
        _pairs = new PhrasePairs(phraseTerms, phraseAtoms);
        _table = table;
        var entries = table.Entries;
        _slots = table.Slots;
        _atomLists = table.AtomLists;
        _programs = programs;
        // Per atom, its triggers in one run of ints: ~q for a query an atom matches outright, else q, the length of its
        // program and the program itself. A triggered program is then read where its trigger is, not through two more
        // arrays: in a table of 10,000 queries each of those reads was a cache miss.
        _triggerStarts = new int[triggers.Length + 1];
        var flat = new List<int>();
        for (var a = 0; a < triggers.Length; a++)
        {
            foreach (var q in triggers[a])
            {
                flat.Add(q);
                if (q >= 0)
                {
                    var program = programs.Code(q).ToArray();
                    var code = program.Select(c => c >= 0 && _lazy.IsLazy(c) ? c | LazyPhrases.Bit : c).ToArray();
                    var words = _lazy.WordsFor(program).ToArray();
                    if (code.Length > LazyPhrases.LengthMask || words.Length >= 1 << (30 - LazyPhrases.ExtraShift))
                    {
                        throw new InvalidOperationException("a query's program is too long for the matcher");
                    }
                    flat.Add(code.Length | (words.Length << LazyPhrases.ExtraShift) | (words.Length > 0 ? LazyPhrases.HasSome : 0));
                    flat.AddRange(code);
                    flat.AddRange(words); // the words of its lazy phrases, read only when it runs
                }
            }
            _triggerStarts[a + 1] = flat.Count;
        }
        flat.Add(0); // an atom with no triggers at the very end still has a run start to touch (see Mark)
        _triggers = [.. flat];
        _always = always;
        _phraseTerms = phraseTerms;
        _phraseAtoms = phraseAtoms;
        var flags = new int[entries.Length];
        foreach (var terms in phraseTerms)
        {
            flags[terms[0]] |= 1;
            flags[terms[1]] |= 2;
        }
        table.SetFlags(e => flags[e]);
        foreach (var e in entries)
        {
            if (e.Kind is EntryKind.WordPrefix or EntryKind.HashtagPrefix or EntryKind.MentionPrefix)
            {
                var k = e.Kind - EntryKind.WordPrefix;
                _prefixLengths[k] |= e.Text.Length < 64 ? 1UL << e.Text.Length : 0;
                _minPrefix[k] = Math.Min(_minPrefix[k], e.Text.Length);
                _maxPrefix[k] = Math.Max(_maxPrefix[k], e.Text.Length);
            }
        }
    }

    public int QueryCount => _programs.Count;

    public static MatchEngine Build(IEnumerable<QueryNode> queries)
    {
        var builder = new EngineBuilder();
        foreach (var q in queries)
        {
            builder.Add(q);
        }
        return builder.Build();
    }

    public MatchScratch CreateScratch() => new(this, _triggerStarts.Length - 1, _programs.Count, _programs.MaxDepth);

    /// <summary>The indexes (ascending) of the queries this post matches; the span is valid until the scratch is used again.</summary>
    public ReadOnlySpan<int> Match(ReadOnlySpan<char> text, ReadOnlySpan<string> langs, string? author, string? authorDid, MatchScratch s)
    {
        LookUp(text, s);
        foreach (var lang in langs)
        {
            LookUpLang(lang, s);
        }
        if (author is not null)
        {
            LookUpAuthor(author, splitAtDots: true, s);
        }
        if (authorDid is not null)
        {
            LookUpAuthor(authorDid, splitAtDots: false, s);
        }
        return Evaluate(s);
    }

    /// <summary>Starts a post: tokenizes the text and marks the atoms its tokens and phrases make present (no lang, no author).</summary>
    internal void LookUp(ReadOnlySpan<char> text, MatchScratch s)
    {
        if (s.Engine != this)
        {
            throw new ArgumentException("this scratch belongs to another engine", nameof(s));
        }
        s.Next();
        if (s.TermOf.Length < text.Length / 2 + 1) // a token takes a character and a separator: never more tokens than this
        {
            s.TermOf = new int[text.Length / 2 + 1];
        }
        var sink = new LookupSink(this, s);
        Tokenizer.Tokenize(text, s.Tokens, ref sink);
        s.TokenCount = sink.Count;
        if (s.PendingCount > 0)
        {
            LongPhrases(sink.Count, s);
        }
    }

    /// <summary>Looks each token up as the tokenizer finds it: no token list is written and read back.</summary>
    private struct LookupSink(MatchEngine engine, MatchScratch scratch) : ITokenSink
    {
        public readonly MatchEngine Engine = engine;
        public readonly MatchScratch Scratch = scratch;
        public readonly int[] TermOf = scratch.TermOf;
        public readonly int[] AtomGen = scratch.AtomGen;
        public readonly int Gen = scratch.Gen;
        public int Count;

        /// <summary>The previous token's word entry when that entry begins some phrase, else -1.</summary>
        public int Previous = -1;

        public void Token(char[] chars, int start, int count, TermKind kind, ulong hash, ulong head, ulong tail) =>
            Engine.LookUpToken(ref this, chars, start, count, kind, hash, head, tail);
    }

    /// <summary>The common case inline (a word found in the table, whose atom is only read by programs); the rest in calls.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void LookUpToken(ref LookupSink sink, char[] chars, int start, int count, TermKind kind, ulong hash, ulong head, ulong tail)
    {
        var t = sink.Count++;
        var word = kind == TermKind.Word ? _table.Find(hash, EntryKind.Word, new ReadOnlySpan<char>(chars, start, count), head, tail) : -1;
        if (word < 0)
        {
            OtherToken(ref sink, new ReadOnlySpan<char>(chars, start, count), kind, hash, t);
            return;
        }
        ref var slot = ref _slots[word];
        var flags = slot.Entry;
        var entry = flags & TermSlot.EntryMask;
        sink.TermOf[t] = entry;
        var atom = slot.Atom;
        if (atom >= _triggering)
        {
            sink.AtomGen[atom] = sink.Gen;
        }
        else if (atom != -1)
        {
            Hit(word, sink.Scratch);
        }
        if (sink.Previous >= 0 && (flags & SecondWord) != 0 && _pairs.MayStart(sink.Previous, entry))
        {
            Pairs(sink.Previous, entry, t - 1, sink.Scratch);
        }
        sink.Previous = (flags & StartsPhrase) != 0 ? entry : -1;
    }

    /// <summary>A handle, a hashtag, or a word not in the table (then probed as wildcard prefixes).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OtherToken(ref LookupSink sink, ReadOnlySpan<char> token, TermKind kind, ulong hash, int t)
    {
        var s = sink.Scratch;
        var count = token.Length;
        if (kind == TermKind.Mention)
        {
            s.TermOf[t] = -1; // a handle is never a word of a phrase
            sink.Previous = -1;
            var mention = _table.Find(hash, EntryKind.Mention, token);
            if (mention >= 0)
            {
                Hit(mention, s); // its entry also carries the handle prefixes it begins with
            }
            else if (count >= _minPrefix[2])
            {
                Prefixes(token, EntryKind.MentionPrefix, s);
            }
            return;
        }
        var word = kind == TermKind.Word ? -1 : _table.Find(hash, EntryKind.Word, token); // a hashtag's body is also the word: "acme" finds "#acme"
        if (word >= 0)
        {
            var flags = _slots[word].Entry;
            var entry = flags & TermSlot.EntryMask;
            s.TermOf[t] = entry;
            Hit(word, s); // its entry also carries the word prefixes it begins with
            if (sink.Previous >= 0 && (flags & SecondWord) != 0 && _pairs.MayStart(sink.Previous, entry))
            {
                Pairs(sink.Previous, entry, t - 1, s);
            }
            sink.Previous = (flags & StartsPhrase) != 0 ? entry : -1;
        }
        else
        {
            s.TermOf[t] = -1;
            sink.Previous = -1;
            if (count >= _minPrefix[0])
            {
                Prefixes(token, EntryKind.WordPrefix, s);
            }
        }
        if (kind == TermKind.Hashtag)
        {
            var hashtag = _table.Find(hash, EntryKind.Hashtag, token);
            if (hashtag >= 0)
            {
                Hit(hashtag, s);
            }
            else if (count >= _minPrefix[1])
            {
                Prefixes(token, EntryKind.HashtagPrefix, s);
            }
        }
    }

    /// <summary>The phrases that begin with these two entries at token <paramref name="at"/>: two-word ones are found; longer
    /// ones are checked once the whole text is tokenized.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Pairs(int first, int second, int at, MatchScratch s)
    {
        var atom = _pairs.Find(first, second, out var longer);
        if (atom >= 0)
        {
            Mark(atom, s);
        }
        foreach (var p in longer)
        {
            if (s.PendingCount + 2 > s.Pending.Length)
            {
                Array.Resize(ref s.Pending, s.Pending.Length * 2);
            }
            s.Pending[s.PendingCount++] = at;
            s.Pending[s.PendingCount++] = p;
        }
    }

    private void LongPhrases(int count, MatchScratch s)
    {
        var termOf = s.TermOf;
        for (var i = 0; i < s.PendingCount; i += 2)
        {
            var at = s.Pending[i];
            var terms = _phraseTerms[s.Pending[i + 1]];
            if (at + terms.Length > count)
            {
                continue;
            }
            var all = true;
            for (var j = 2; j < terms.Length && all; j++)
            {
                all = termOf[at + j] == terms[j];
            }
            if (all)
            {
                Mark(_phraseAtoms[s.Pending[i + 1]], s);
            }
        }
    }

    /// <summary>Marks the prefixes of this kind the token begins with: lengths from the shortest prefix up, while some prefix starts so.</summary>
    private void Prefixes(ReadOnlySpan<char> token, EntryKind kind, MatchScratch s)
    {
        var k = kind - EntryKind.WordPrefix;
        var lengths = _prefixLengths[k];
        var max = Math.Min(token.Length, _maxPrefix[k]);
        ref var first = ref MemoryMarshal.GetReference(token); // the token buffer is padded, as OfPadded needs
        for (var j = _minPrefix[k]; j <= max; j++)
        {
            var h = TokenHash.OfPadded(ref first, j);
            if (!_table.MayBeStem(h, kind, j))
            {
                return;
            }
            if (j >= 64 || ((lengths >> j) & 1) != 0)
            {
                Hit(_table.Find(h, kind, token[..j]), s);
            }
        }
    }

    /// <summary>Marks the lang: atoms of a post language ("fr-CA" is "fr"); the last code's slot is kept in the scratch,
    /// since a stream's posts come in a handful of languages.</summary>
    private void LookUpLang(string lang, MatchScratch s)
    {
        if (!string.Equals(lang, s.LastLang, StringComparison.Ordinal))
        {
            var code = s.AttributeBuffer(8);
            var n = 0;
            foreach (var c in lang)
            {
                if (c is '-' or '_' || n == 8)
                {
                    break;
                }
                code[n++] = char.ToLowerInvariant(c);
            }
            code.AsSpan(n, TokenBuffer.Padding).Clear();
            s.LastLangSlot = _table.Find(TokenHash.OfPadded(ref code[0], n), EntryKind.Lang, code.AsSpan(0, n));
            s.LastLang = lang;
        }
        Hit(s.LastLangSlot, s);
    }

    /// <summary>Marks the from: atoms of a post's author: the whole handle, and for a handle each part before a dot
    /// (from:alice matches alice.bsky.social).</summary>
    /// <remarks>One pass that lowercases and looks up each part as its dot is reached (a library lowercasing, then a
    /// search for each dot, cost 7 % of the whole match).</remarks>
    private void LookUpAuthor(string author, bool splitAtDots, MatchScratch s)
    {
        var buffer = s.AttributeBuffer(author.Length); // padded: the hash reads (and masks) up to 8 characters past a part
        ref var first = ref buffer[0];
        for (var j = 0; j < author.Length; j++)
        {
            var c = author[j];
            if (c == '.' && splitAtDots)
            {
                Hit(_table.Find(TokenHash.OfPadded(ref first, j), EntryKind.From, buffer.AsSpan(0, j)), s);
            }
            buffer[j] = c < 0x80 ? (char)((uint)(c - 'A') <= 'Z' - 'A' ? c | 0x20 : c) : char.ToLowerInvariant(c);
        }
        Hit(_table.Find(TokenHash.OfPadded(ref first, author.Length), EntryKind.From, buffer.AsSpan(0, author.Length)), s);
    }

    /// <summary>Marks the atoms of the entry in this table slot (none when -1).</summary>
    private void Hit(int slot, MatchScratch s)
    {
        if (slot < 0)
        {
            return;
        }
        var atom = _slots[slot].Atom;
        if (atom >= 0)
        {
            Mark(atom, s);
        }
        else if (atom < -1)
        {
            var at = -(atom + 2);
            for (int i = at + 1, end = at + 1 + _atomLists[at]; i < end; i++)
            {
                Mark(_atomLists[i], s);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Mark(int atom, MatchScratch s)
    {
        if (atom >= _triggering)
        {
            s.AtomGen[atom] = s.Gen;
        }
        else if (s.AtomGen[atom] != s.Gen)
        {
            s.AtomGen[atom] = s.Gen;
            s.Present[s.PresentCount++] = atom;
            // Read the start of its trigger run now: the cache miss overlaps the rest of the tokenizing instead of
            // stalling Evaluate (which read it cold: a tenth of the whole time at 10,000 queries).
            s.Touch += _triggers[_triggerStarts[atom]];
        }
    }

    internal ReadOnlySpan<int> Evaluate(MatchScratch s)
    {
        var gen = s.Gen;
        var atomGen = s.AtomGen;
        var queryGen = s.QueryGen;
        var triggers = _triggers;
        var candidates = 0;
        var results = 0;
        for (var i = 0; i < s.PresentCount; i++)
        {
            var atom = s.Present[i];
            for (int k = _triggerStarts[atom], end = _triggerStarts[atom + 1]; k < end;)
            {
                var q = triggers[k++];
                if (q < 0)
                {
                    q = ~q; // an OR of atoms: triggered means matched
                    if (queryGen[q] != gen)
                    {
                        queryGen[q] = gen;
                        s.Results[results++] = q;
                    }
                    continue;
                }
                var word = triggers[k++];
                var length = word & LazyPhrases.LengthMask;
                var extra = (word & ~LazyPhrases.HasSome) >> LazyPhrases.ExtraShift;
                if (queryGen[q] != gen) // every atom is stamped by now: a program runs once, at its first trigger
                {
                    queryGen[q] = gen;
                    candidates++;
                    var code = triggers.AsSpan(k, length);
                    if ((word & LazyPhrases.HasSome) != 0)
                    {
                        LazyPhrases.Resolve(code, triggers.AsSpan(k + length, extra), s);
                    }
                    if (QueryPrograms.Run(code, atomGen, gen, s.Stack))
                    {
                        s.Results[results++] = q;
                    }
                }
                k += length + extra;
            }
        }
        s.LastCandidates = candidates;
        foreach (var q in _always)
        {
            if (queryGen[q] != gen)
            {
                s.Results[results++] = q; // none of its atoms is present: it matches, as computed when built
            }
        }
        var span = s.Results.AsSpan(0, results);
        if (results > 16)
        {
            span.Sort();
            return span;
        }
        for (var i = 1; i < results; i++) // usually a handful: insertion sort
        {
            var q = span[i];
            var j = i - 1;
            for (; j >= 0 && span[j] > q; j--)
            {
                span[j + 1] = span[j];
            }
            span[j + 1] = q;
        }
        return span;
    }
}
