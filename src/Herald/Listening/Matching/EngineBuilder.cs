using Herald.Listening.Query;

namespace Herald.Listening.Matching;

/// <summary>Compiles many queries into one <see cref="MatchEngine"/>: distinct atoms, one dictionary, triggers per atom.</summary>
internal sealed class EngineBuilder
{
    private readonly Dictionary<(EntryKind, string), int> _entryIndex = [];
    private readonly List<TermEntry> _entries = [];
    private readonly List<List<int>> _entryAtoms = [];
    private readonly Dictionary<string, int> _atomIndex = new(StringComparer.Ordinal);
    private readonly List<int> _atomCost = [];
    private readonly List<int[]> _phraseTerms = [];
    private readonly List<int> _phraseAtoms = [];
    private readonly List<int> _code = [];
    private readonly List<int> _codeStarts = [0];
    private int _maxDepth = 1;
    private readonly List<List<int>> _triggers = [];

    private readonly List<QueryNode> _queries = [];
    private readonly List<int> _atomUses = [];
    private readonly Dictionary<string, int> _wordUses = new(StringComparer.Ordinal);

    public void Add(QueryNode query)
    {
        _queries.Add(query);
        var start = _code.Count;
        _maxDepth = Math.Max(_maxDepth, Emit(query));
        _codeStarts.Add(_code.Count);
        foreach (var atom in _code.Skip(start).Where(a => a >= 0).Distinct())
        {
            _atomUses[atom]++;
        }
        foreach (var word in Words(query).Distinct())
        {
            _wordUses[word] = _wordUses.GetValueOrDefault(word) + 1;
        }
    }

    public MatchEngine Build()
    {
        // Triggers are chosen once every query is known: an atom many queries use is probably a common word, so a
        // conjunction is triggered by its rarest-looking side ("acme" rather than "today" in `acme today`).
        var programs = new QueryPrograms([.. _code], [.. _codeStarts], _maxDepth);
        var always = new List<int>();
        var none = new int[Math.Max(1, _atomCost.Count)];
        var stack = new bool[_maxDepth];
        for (var q = 0; q < _queries.Count; q++)
        {
            if (Trigger(_queries[q]) is { } trigger)
            {
                // A query that is one atom or an OR of atoms matches as soon as it is triggered: its program is never run.
                var direct = IsDisjunction(_queries[q]);
                foreach (var atom in trigger.Atoms)
                {
                    _triggers[atom].Add(direct ? ~q : q);
                }
                continue;
            }
            // e.g. "NOT spam": no term must be present. Without any of its atoms its answer is fixed (and known now), so
            // it is evaluated only on the posts where one of them is present.
            foreach (var atom in programs.Atoms(q))
            {
                _triggers[atom].Add(q);
            }
            if (programs.Evaluate(q, none, 1, stack))
            {
                always.Add(q);
            }
        }
        // Atoms that trigger queries are numbered first: a post finds dozens of atoms (common words that queries only
        // combine), and only those below the line need their triggers read.
        var order = Enumerable.Range(0, _triggers.Count).OrderBy(a => _triggers[a].Count == 0).ThenBy(a => a).ToArray();
        var renumber = new int[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            renumber[order[i]] = i;
        }
        var triggering = _triggers.Count(t => t.Count > 0);
        var code = _code.Select(c => c >= 0 ? renumber[c] : c).ToArray();
        programs = new QueryPrograms(code, [.. _codeStarts], _maxDepth);
        var entries = _entries.ToArray();
        for (var e = 0; e < entries.Length; e++)
        {
            entries[e].Atoms = [.. _entryAtoms[e].Select(a => renumber[a])];
        }
        AddPrefixAtoms(entries);
        var triggers = order.Select(a => _triggers[a].Distinct().ToArray()).ToArray();
        return new MatchEngine(new TermTable(entries), programs, triggers, triggering, [.. always], [.. _phraseTerms], [.. _phraseAtoms.Select(a => renumber[a])]);
    }

    /// <summary>Gives each word, hashtag and handle entry the atoms of the wildcard prefixes (of its kind) it begins with.</summary>
    /// <remarks>Known once the queries are: a post's token found in the table then needs no prefix probing at all; only
    /// tokens that are no query word are probed prefix length by prefix length.</remarks>
    private static void AddPrefixAtoms(TermEntry[] entries)
    {
        var prefixes = entries.Where(e => e.Kind is EntryKind.WordPrefix or EntryKind.HashtagPrefix or EntryKind.MentionPrefix)
            .ToDictionary(e => (e.Kind, e.Text));
        if (prefixes.Count == 0)
        {
            return;
        }
        foreach (var entry in entries.Where(e => e.Kind is EntryKind.Word or EntryKind.Hashtag or EntryKind.Mention))
        {
            var kind = entry.Kind + (EntryKind.WordPrefix - EntryKind.Word);
            var found = Enumerable.Range(1, entry.Text.Length)
                .Select(length => prefixes.GetValueOrDefault((kind, entry.Text[..length])))
                .OfType<TermEntry>()
                .SelectMany(p => p.Atoms)
                .ToList();
            if (found.Count > 0)
            {
                entry.Atoms = [.. entry.Atoms.Concat(found).Distinct()];
            }
        }
    }

    /// <summary>Appends the node's postfix code; returns the operand stack depth it needs.</summary>
    private int Emit(QueryNode node)
    {
        IReadOnlyList<QueryNode>? kids = node switch
        {
            AndNode a => a.Children,
            OrNode o => o.Children,
            NotNode n => [n.Child],
            _ => null,
        };
        if (kids is null)
        {
            _code.Add(Atom(node));
            return 1;
        }
        var depth = 0;
        for (var k = 0; k < kids.Count; k++)
        {
            depth = Math.Max(depth, k + Emit(kids[k]));
        }
        var op = node switch { AndNode => QueryPrograms.And, OrNode => QueryPrograms.Or, _ => QueryPrograms.Not };
        _code.Add(QueryPrograms.Operator(op, kids.Count));
        return depth;
    }

    /// <summary>A set of atoms at least one of which must be present for the query to match; null when none is needed.</summary>
    private (int[] Atoms, int Cost)? Trigger(QueryNode node)
    {
        switch (node)
        {
            case NotNode:
                return null;
            case OrNode or:
                var union = new List<int>();
                var cost = 0;
                foreach (var child in or.Children)
                {
                    if (Trigger(child) is not { } t)
                    {
                        return null;
                    }
                    union.AddRange(t.Atoms);
                    cost += t.Cost;
                }
                return ([.. union], cost);
            case AndNode and:
                // Any one child's trigger is enough: take the cheapest (rare words rather than lang:, which most posts have).
                return and.Children.Select(Trigger).Where(t => t is not null).OrderBy(t => t!.Value.Cost).FirstOrDefault();
            default:
                var atom = Atom(node);
                return ([atom], _atomCost[atom] * node switch
                {
                    TermNode { Kind: TermKind.Word } t => _wordUses[t.Text],
                    PhraseNode p => p.Words.Min(w => _wordUses[w]),
                    _ => _atomUses[atom],
                });
        }
    }

    /// <summary>Whether the node is an atom or an OR of such: present as soon as any of its atoms is.</summary>
    private static bool IsDisjunction(QueryNode node) => node switch
    {
        NotNode or AndNode => false,
        OrNode or => or.Children.All(IsDisjunction),
        _ => true,
    };

    /// <summary>The words a query uses alone or in phrases: how often a word is used hints at how common it is.</summary>
    private static IEnumerable<string> Words(QueryNode node) => node switch
    {
        TermNode { Kind: TermKind.Word } t => [t.Text],
        PhraseNode p => p.Words,
        AndNode a => a.Children.SelectMany(Words),
        OrNode o => o.Children.SelectMany(Words),
        NotNode n => Words(n.Child),
        _ => [],
    };

    private int Atom(QueryNode node)
    {
        var key = node.GetType().Name + ":" + node;
        if (_atomIndex.TryGetValue(key, out var atom))
        {
            return atom;
        }
        atom = _atomCost.Count;
        _atomIndex[key] = atom;
        _triggers.Add([]);
        _atomUses.Add(0);
        _atomCost.Add(node switch { LangNode => 1000, FromNode => 10, PrefixNode => 3, _ => 1 });
        switch (node)
        {
            case TermNode t:
                _entryAtoms[Entry((EntryKind)t.Kind, t.Text)].Add(atom);
                break;
            case PrefixNode p:
                _entryAtoms[Entry((EntryKind)((int)p.Kind + (int)EntryKind.WordPrefix), p.Text)].Add(atom);
                break;
            case LangNode l:
                _entryAtoms[Entry(EntryKind.Lang, l.Code)].Add(atom);
                break;
            case FromNode f:
                _entryAtoms[Entry(EntryKind.From, f.Handle)].Add(atom);
                break;
            case PhraseNode ph:
                var terms = ph.Words.Select(w => Entry(EntryKind.Word, w)).ToArray();
                if (terms.Length == 1)
                {
                    _entryAtoms[terms[0]].Add(atom);
                    break;
                }
                _phraseTerms.Add(terms);
                _phraseAtoms.Add(atom);
                break;
            default:
                throw new ArgumentException($"not an atom: {node}", nameof(node));
        }
        return atom;
    }

    private int Entry(EntryKind kind, string text)
    {
        if (!_entryIndex.TryGetValue((kind, text), out var e))
        {
            e = _entries.Count;
            _entryIndex[(kind, text)] = e;
            _entries.Add(new TermEntry(kind, text));
            _entryAtoms.Add([]);
        }
        return e;
    }
}
