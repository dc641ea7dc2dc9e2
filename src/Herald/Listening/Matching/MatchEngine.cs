using Herald.Listening.Query;

namespace Herald.Listening.Matching;

/// <summary>All listening queries compiled into one matcher whose cost grows with the text, not with the number of queries.</summary>
/// <remarks>Each token of a post is hashed once (prefix lookups happen during the same scan, only at lengths some wildcard
/// uses); the atoms found (terms, prefixes, phrases, lang, from) trigger only the queries that need one of them, and only
/// those are evaluated. Immutable and thread-safe; each thread brings its own <see cref="MatchScratch"/>.</remarks>
internal sealed class MatchEngine
{
    private readonly TermTable _table;
    private readonly TermEntry[] _entries;
    private readonly QueryProgram[] _programs;
    private readonly int[][] _triggers;
    private readonly int[] _always;
    private readonly int[][] _phraseTerms;
    private readonly int[] _phraseAtoms;
    private readonly ulong _wordPrefixLengths;
    private readonly ulong _hashtagPrefixLengths;
    private readonly ulong _mentionPrefixLengths;

    internal MatchEngine(TermTable table, QueryProgram[] programs, int[][] triggers, int[] always, int[][] phraseTerms, int[] phraseAtoms)
    {
        _table = table;
        _entries = table.Entries;
        _programs = programs;
        _triggers = triggers;
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

    public int QueryCount => _programs.Length;

    public static MatchEngine Build(IEnumerable<QueryNode> queries)
    {
        var builder = new EngineBuilder();
        foreach (var q in queries)
        {
            builder.Add(q);
        }
        return builder.Build();
    }

    public MatchScratch CreateScratch() => new(_triggers.Length, _programs.Length);

    /// <summary>The indexes (ascending) of the queries this post matches; the span is valid until the scratch is used again.</summary>
    public ReadOnlySpan<int> Match(ReadOnlySpan<char> text, ReadOnlySpan<string> langs, string? author, string? authorDid, MatchScratch s)
    {
        if (s.AtomGen.Length != _triggers.Length || s.QueryGen.Length != _programs.Length)
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
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = chars.AsSpan(tokens.Start[t], tokens.Length[t]);
            var kind = (TermKind)tokens.Kind[t];
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
                        Hit(_table.Find(h, EntryKind.MentionPrefix, token[..(j + 1)]), s);
                    }
                }
                Hit(_table.Find(h, EntryKind.Mention, token), s);
                s.TermOf[t] = -1;
                continue;
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
                        Hit(_table.Find(h, EntryKind.WordPrefix, token[..(j + 1)]), s);
                    }
                    if (((tags >> (j + 1)) & 1) != 0)
                    {
                        Hit(_table.Find(h, EntryKind.HashtagPrefix, token[..(j + 1)]), s);
                    }
                }
            }
            var word = _table.Find(h, EntryKind.Word, token);
            s.TermOf[t] = word;
            Hit(word, s);
            if (hashtag)
            {
                Hit(_table.Find(h, EntryKind.Hashtag, token), s);
            }
        }
    }

    private void FindPhrases(int count, MatchScratch s)
    {
        var termOf = s.TermOf;
        for (var t = 0; t < count; t++)
        {
            var e = termOf[t];
            if (e < 0)
            {
                continue;
            }
            if (t + 1 >= count)
            {
                break;
            }
            var entry = _entries[e];
            var starts = entry.PhraseStarts;
            var seconds = entry.PhraseSeconds;
            var next = termOf[t + 1];
            for (var k = 0; k < starts.Length; k++)
            {
                if (seconds[k] != next)
                {
                    continue;
                }
                var p = starts[k];
                var terms = _phraseTerms[p];
                if (t + terms.Length > count)
                {
                    continue;
                }
                var all = true;
                for (var j = 1; j < terms.Length && all; j++)
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
        var candidates = 0;
        for (var i = 0; i < s.PresentCount; i++)
        {
            foreach (var q in _triggers[s.Present[i]])
            {
                if (s.QueryGen[q] != gen)
                {
                    s.QueryGen[q] = gen;
                    s.Candidates[candidates++] = q;
                }
            }
        }
        s.LastCandidates = candidates + _always.Length;
        var results = 0;
        for (var i = 0; i < candidates; i++)
        {
            var q = s.Candidates[i];
            if (_programs[q].Evaluate(s.AtomGen, gen))
            {
                s.Results[results++] = q;
            }
        }
        foreach (var q in _always)
        {
            if (_programs[q].Evaluate(s.AtomGen, gen))
            {
                s.Results[results++] = q;
            }
        }
        var span = s.Results.AsSpan(0, results);
        span.Sort();
        return span;
    }
}
