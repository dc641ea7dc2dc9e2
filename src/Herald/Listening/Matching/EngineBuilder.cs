using Herald.Listening.Query;

namespace Herald.Listening.Matching;

/// <summary>Compiles many queries into one <see cref="MatchEngine"/>: distinct atoms, one dictionary, triggers per atom.</summary>
internal sealed class EngineBuilder
{
    private readonly Dictionary<(EntryKind, string), int> _entryIndex = [];
    private readonly List<TermEntry> _entries = [];
    private readonly List<List<int>> _entryAtoms = [];
    private readonly List<List<int>> _entryPhrases = [];
    private readonly Dictionary<string, int> _atomIndex = new(StringComparer.Ordinal);
    private readonly List<int> _atomCost = [];
    private readonly List<int[]> _phraseTerms = [];
    private readonly List<int> _phraseAtoms = [];
    private readonly List<QueryProgram> _programs = [];
    private readonly List<int> _always = [];
    private readonly List<List<int>> _triggers = [];

    private readonly List<QueryNode> _queries = [];
    private readonly List<int> _atomUses = [];
    private readonly Dictionary<string, int> _wordUses = new(StringComparer.Ordinal);

    public void Add(QueryNode query)
    {
        var index = _programs.Count;
        _queries.Add(query);
        var ops = new List<ProgramOp>();
        var args = new List<int>();
        var starts = new List<int>();
        var counts = new List<int>();
        var children = new List<int>();
        Emit(query, ops, args, starts, counts, children);
        _programs.Add(new QueryProgram([.. ops], [.. args], [.. starts], [.. counts], [.. children]));
        foreach (var atom in args.Where(a => a >= 0).Distinct())
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
        for (var q = 0; q < _queries.Count; q++)
        {
            if (Trigger(_queries[q]) is not { } trigger)
            {
                _always.Add(q); // e.g. "NOT spam": no term must be present, so it is checked on every post
                continue;
            }
            foreach (var atom in trigger.Atoms)
            {
                _triggers[atom].Add(q);
            }
        }
        var entries = _entries.ToArray();
        for (var e = 0; e < entries.Length; e++)
        {
            entries[e].Atoms = [.. _entryAtoms[e]];
            entries[e].PhraseStarts = [.. _entryPhrases[e]];
            entries[e].PhraseSeconds = [.. _entryPhrases[e].Select(p => _phraseTerms[p][1])];
        }
        var triggers = _triggers.Select(t => t.Distinct().ToArray()).ToArray();
        return new MatchEngine(new TermTable(entries), [.. _programs], triggers, [.. _always], [.. _phraseTerms], [.. _phraseAtoms]);
    }

    private int Emit(QueryNode node, List<ProgramOp> ops, List<int> args, List<int> starts, List<int> counts, List<int> children)
    {
        var me = ops.Count;
        ops.Add(ProgramOp.Atom);
        args.Add(-1);
        starts.Add(0);
        counts.Add(0);
        IReadOnlyList<QueryNode>? kids = node switch
        {
            AndNode a => a.Children,
            OrNode o => o.Children,
            NotNode n => [n.Child],
            _ => null,
        };
        if (kids is null)
        {
            args[me] = Atom(node);
            return me;
        }
        ops[me] = node switch { AndNode => ProgramOp.And, OrNode => ProgramOp.Or, _ => ProgramOp.Not };
        var ids = kids.Select(k => Emit(k, ops, args, starts, counts, children)).ToList();
        starts[me] = children.Count;
        counts[me] = ids.Count;
        children.AddRange(ids);
        return me;
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
                _entryPhrases[terms[0]].Add(_phraseTerms.Count);
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
            _entryPhrases.Add([]);
        }
        return e;
    }
}
