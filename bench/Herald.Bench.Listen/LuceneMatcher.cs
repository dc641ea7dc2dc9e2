using Herald.Listening.Matching;
using Herald.Listening.Query;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Herald.Bench.Listen;

/// <summary>The search-engine baseline: each batch of posts indexed in memory (RAMDirectory), every query run against it.</summary>
/// <remarks>Fields hold Herald's folded tokens (whitespace analyzer), so both sides see the same words:
/// w = words and hashtag bodies with positions (handles as "@x" so phrases do not jump over them), h = hashtags, m = handles.</remarks>
internal sealed class LuceneMatcher(IEnumerable<QueryNode> queries)
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private readonly Query[] _queries = [.. queries.Select(Translate)];

    public int Count => _queries.Length;

    /// <summary>Matches a batch; results[i] gets the query indexes post i matches, ascending.</summary>
    public void MatchBatch(IReadOnlyList<(string Text, string[] Langs, string Author)> posts, List<int>[] results)
    {
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(Version, new WhitespaceAnalyzer(Version)) { OpenMode = OpenMode.CREATE }))
        {
            foreach (var (text, langs, author) in posts)
            {
                writer.AddDocument(Document(text, langs, author));
            }
        }
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        for (var i = 0; i < posts.Count; i++)
        {
            results[i].Clear();
        }
        for (var q = 0; q < _queries.Length; q++)
        {
            searcher.Search(_queries[q], new AllDocs(results, q));
        }
    }

    private static Document Document(string text, string[] langs, string author)
    {
        var tokens = Tokenizer.Tokens(text);
        var doc = new Document
        {
            new TextField("w", string.Join(' ', tokens.Select(t => t.Kind == TermKind.Mention ? "@" + t.Text : t.Text)), Field.Store.NO),
            new TextField("h", string.Join(' ', tokens.Where(t => t.Kind == TermKind.Hashtag).Select(t => t.Text)), Field.Store.NO),
            new TextField("m", string.Join(' ', tokens.Where(t => t.Kind == TermKind.Mention).Select(t => t.Text)), Field.Store.NO),
            new TextField("lang", string.Join(' ', langs.Select(Canonical.Lang)), Field.Store.NO),
            new TextField("from", string.Join(' ', Canonical.Authors(author)), Field.Store.NO),
        };
        return doc;
    }

    private static Query Translate(QueryNode node)
    {
        switch (node)
        {
            case AndNode a:
                var and = new BooleanQuery();
                foreach (var c in a.Children)
                {
                    and.Add(c is NotNode n ? Translate(n.Child) : Translate(c), c is NotNode ? Occur.MUST_NOT : Occur.MUST);
                }
                if (a.Children.All(c => c is NotNode))
                {
                    and.Add(new MatchAllDocsQuery(), Occur.MUST);
                }
                return and;
            case OrNode o:
                var or = new BooleanQuery();
                foreach (var c in o.Children)
                {
                    or.Add(Translate(c), Occur.SHOULD);
                }
                return or;
            case NotNode n:
                return new BooleanQuery { { new MatchAllDocsQuery(), Occur.MUST }, { Translate(n.Child), Occur.MUST_NOT } };
            case TermNode t:
                return new TermQuery(new Term(FieldOf(t.Kind), t.Text));
            case PrefixNode p:
                return new PrefixQuery(new Term(FieldOf(p.Kind), p.Text));
            case PhraseNode ph:
                var phrase = new PhraseQuery();
                foreach (var w in ph.Words)
                {
                    phrase.Add(new Term("w", w));
                }
                return phrase;
            case LangNode l:
                return new TermQuery(new Term("lang", l.Code));
            case FromNode f:
                return new TermQuery(new Term("from", f.Handle));
            default:
                throw new ArgumentException(node.ToString());
        }
    }

    private static string FieldOf(TermKind kind) => kind switch { TermKind.Hashtag => "h", TermKind.Mention => "m", _ => "w" };

    /// <summary>Collects every matching document, no scoring.</summary>
    private sealed class AllDocs(List<int>[] results, int query) : ICollector
    {
        private int _docBase;

        public bool AcceptsDocsOutOfOrder => true;

        public void Collect(int doc) => results[_docBase + doc].Add(query);

        public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

        public void SetScorer(Scorer scorer)
        {
        }
    }
}
