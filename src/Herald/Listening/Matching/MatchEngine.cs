using Herald.Listening.Query;

namespace Herald.Listening.Matching;

/// <summary>All listening queries compiled into one matcher whose cost grows with the text, not with the number of queries.</summary>
/// <remarks>Each token of a post is folded and hashed in one pass; a token seen recently replays its dictionary entries from
/// the thread's <see cref="TokenCache"/>, others are looked up (prefixes only at lengths some wildcard uses). Phrases are
/// found by pairs of consecutive entries. The atoms found (terms, prefixes, phrases, lang, from) trigger only the queries
/// that need one of them, and only those run their postfix program; queries that need no term (pure NOT) run only when one
/// of their atoms is present. No allocation per post. Immutable and thread-safe; each thread brings its own
/// <see cref="MatchScratch"/>.</remarks>
internal sealed class MatchEngine
{
    private readonly TermTable _table;
    private readonly TermEntry[] _entries;
    private readonly QueryPrograms _programs;
    private readonly int[] _triggerStarts;
    private readonly int[] _triggers;
    private readonly int[] _always;
    private readonly int[][] _phraseTerms;
    private readonly int[] _phraseAtoms;
    private readonly PhrasePairs _pairs;
    private readonly ulong _wordPrefixLengths;
    private readonly ulong _hashtagPrefixLengths;
    private readonly ulong _mentionPrefixLengths;

    internal MatchEngine(TermTable table, QueryPrograms programs, int[][] triggers, int[] always, int[][] phraseTerms, int[] phraseAtoms)
    {
        _pairs = new PhrasePairs(table.Entries.Length, phraseTerms);
        _table = table;
        _entries = table.Entries;
        _programs = programs;
        _triggerStarts = new int[triggers.Length + 1];
        for (var a = 0; a < triggers.Length; a++)
        {
            _triggerStarts[a + 1] = _triggerStarts[a] + triggers[a].Length;
        }
        _triggers = [.. triggers.SelectMany(t => t)];
        _always = always;
        _phraseTerms = phraseTerms;
        _phraseAtoms = phraseAtoms;
        foreach (var e in _entries)
        {
            var bit = 1UL << e.Text.Length;
            switch (e.Kind)
            {
                case EntryKind.WordPrefix: _wordPrefixLengths |= bit; break;
                case EntryKind.HashtagPrefix: _hashtagPrefixLengths |= bit; break;
                case EntryKind.MentionPrefix: _mentionPrefixLengths |= bit; break;
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
        if (s.Engine != this)
        {
            throw new ArgumentException("this scratch belongs to another engine", nameof(s));
        }
        s.Next();
        var tokens = s.Tokens;
        Tokenizer.Tokenize(text, tokens);
        if (s.TermOf.Length < tokens.Count)
        {
            s.TermOf = new int[tokens.Count * 2];
        }
        LookUpTokens(tokens, s);
        if (_phraseTerms.Length > 0)
        {
            FindPhrases(tokens.Count, s);
        }
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

    private void LookUpTokens(TokenBuffer tokens, MatchScratch s)
    {
        var chars = tokens.Chars;
        var cache = s.Cache;
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = chars.AsSpan(tokens.Start[t], tokens.Length[t]);
            var kind = tokens.Kind[t];
            if (token.Length > TokenCache.MaxLength)
            {
                s.Found = -1;
                s.TermOf[t] = LookUpToken(token, (TermKind)kind, s);
                continue;
            }
            var key = TokenCache.Key(tokens.Hash[t], token.Length, kind);
            var known = cache.Find(key, token);
            if (!known.IsEmpty)
            {
                s.TermOf[t] = known[0];
                for (var i = 2; i < 2 + known[1]; i++)
                {
                    Hit(known[i], s);
                }
                continue;
            }
            s.Found = 0;
            var word = LookUpToken(token, (TermKind)kind, s);
            s.TermOf[t] = word;
            if (s.Found >= 0)
            {
                cache.Add(key, token, word, s.FoundEntries.AsSpan(0, s.Found));
            }
        }
    }

    /// <summary>Marks the atoms of the dictionary entries this token is (or begins with); returns its word entry, or -1.</summary>
    private int LookUpToken(ReadOnlySpan<char> token, TermKind kind, MatchScratch s)
    {
        var h = TermTable.Seed;
        if (kind == TermKind.Mention)
        {
            var mask = _mentionPrefixLengths;
            var stem = mask != 0;
            for (var j = 0; j < token.Length; j++)
            {
                h = TermTable.Step(h, token[j]);
                if (stem && (stem = _table.MayBeStem(h)) && j < 63 && ((mask >> (j + 1)) & 1) != 0)
                {
                    Found(_table.Find(h, EntryKind.MentionPrefix, token[..(j + 1)]), s);
                }
            }
            Found(_table.Find(h, EntryKind.Mention, token), s);
            return -1;
        }
        var hashtag = kind == TermKind.Hashtag;
        var words = _wordPrefixLengths;
        var tags = hashtag ? _hashtagPrefixLengths : 0;
        var any = words | tags;
        var alive = any != 0;
        for (var j = 0; j < token.Length; j++)
        {
            h = TermTable.Step(h, token[j]);
            if (alive && (alive = _table.MayBeStem(h)) && j < 63 && ((any >> (j + 1)) & 1) != 0)
            {
                if (((words >> (j + 1)) & 1) != 0)
                {
                    Found(_table.Find(h, EntryKind.WordPrefix, token[..(j + 1)]), s);
                }
                if (((tags >> (j + 1)) & 1) != 0)
                {
                    Found(_table.Find(h, EntryKind.HashtagPrefix, token[..(j + 1)]), s);
                }
            }
        }
        var word = _table.Find(h, EntryKind.Word, token);
        Found(word, s);
        if (hashtag)
        {
            Found(_table.Find(h, EntryKind.Hashtag, token), s);
        }
        return word;
    }

    /// <summary>Marks the entry's atoms and remembers the entry for the token cache (which gives up past a few).</summary>
    private void Found(int entry, MatchScratch s)
    {
        if (entry < 0)
        {
            return;
        }
        Hit(entry, s);
        if (s.Found >= 0)
        {
            s.Found = s.Found < TokenCache.MaxEntries ? s.Found : -1;
            if (s.Found >= 0)
            {
                s.FoundEntries[s.Found++] = entry;
            }
        }
    }

    private void FindPhrases(int count, MatchScratch s)
    {
        var termOf = s.TermOf;
        for (var t = 0; t + 1 < count; t++)
        {
            var e = termOf[t];
            if (e < 0 || !_pairs.StartsAny(e))
            {
                continue;
            }
            var next = termOf[t + 1];
            if (next < 0)
            {
                continue;
            }
            foreach (var p in _pairs.Find(e, next))
            {
                var terms = _phraseTerms[p];
                if (t + terms.Length > count)
                {
                    continue;
                }
                var all = true;
                for (var j = 2; j < terms.Length && all; j++)
                {
                    all = termOf[t + j] == terms[j];
                }
                if (all)
                {
                    Mark(_phraseAtoms[p], s);
                }
            }
        }
    }

    private void LookUpLang(string lang, MatchScratch s)
    {
        Span<char> code = stackalloc char[8];
        var n = 0;
        foreach (var c in lang)
        {
            if (c is '-' or '_' || n == code.Length)
            {
                break;
            }
            code[n++] = char.ToLowerInvariant(c);
        }
        Hit(_table.Find(TermTable.Hash(code[..n]), EntryKind.Lang, code[..n]), s);
    }

    private void LookUpAuthor(string author, bool splitAtDots, MatchScratch s)
    {
        Span<char> lower = author.Length <= 256 ? stackalloc char[author.Length] : new char[author.Length];
        author.AsSpan().ToLowerInvariant(lower);
        var h = TermTable.Seed;
        for (var j = 0; j < lower.Length; j++)
        {
            if (splitAtDots && lower[j] == '.')
            {
                Hit(_table.Find(h, EntryKind.From, lower[..j]), s); // from:alice matches alice.bsky.social
            }
            h = TermTable.Step(h, lower[j]);
        }
        Hit(_table.Find(h, EntryKind.From, lower), s);
    }

    private void Hit(int entry, MatchScratch s)
    {
        if (entry >= 0)
        {
            foreach (var atom in _entries[entry].Atoms)
            {
                Mark(atom, s);
            }
        }
    }

    private static void Mark(int atom, MatchScratch s)
    {
        if (s.AtomGen[atom] != s.Gen)
        {
            s.AtomGen[atom] = s.Gen;
            s.Present[s.PresentCount++] = atom;
        }
    }

    private ReadOnlySpan<int> Evaluate(MatchScratch s)
    {
        var gen = s.Gen;
        var atomGen = s.AtomGen;
        var queryGen = s.QueryGen;
        var candidates = 0;
        for (var i = 0; i < s.PresentCount; i++)
        {
            var atom = s.Present[i];
            for (int k = _triggerStarts[atom], end = _triggerStarts[atom + 1]; k < end; k++)
            {
                var q = _triggers[k];
                if (queryGen[q] != gen)
                {
                    queryGen[q] = gen;
                    s.Candidates[candidates++] = q;
                }
            }
        }
        s.LastCandidates = candidates;
        var results = 0;
        for (var i = 0; i < candidates; i++)
        {
            var q = s.Candidates[i];
            if (_programs.Evaluate(q, atomGen, gen, s.Stack))
            {
                s.Results[results++] = q;
            }
        }
        foreach (var q in _always)
        {
            if (queryGen[q] != gen)
            {
                s.Results[results++] = q; // none of its atoms is present: it matches, as computed when built
            }
        }
        var span = s.Results.AsSpan(0, results);
        span.Sort();
        return span;
    }
}
