using System.Collections.Frozen;
using System.Globalization;

namespace Herald.Sentiment;

/// <summary>What a lexicon word does besides carrying a valence.</summary>
[Flags]
internal enum WordRole : byte
{
    None = 0,
    /// <summary>Flips the valence of the words after it ("not", "pas", "n'").</summary>
    Negator = 1,
    /// <summary>"but", "mais": what comes after it weighs more than what came before.</summary>
    Contrast = 2,
    /// <summary>First word of a two-word entry ("fed up", "pas mal").</summary>
    PhraseStart = 4,
    /// <summary>First word of a word pair the model has weights for ("not bad", "can't wait").</summary>
    PairStart = 8,
}

/// <summary>
/// One folded word's entry: its valence (-4..+4, VADER's scale), its boost on the next words (+0.293 "very", -0.293
/// "slightly"), its role, and its learned weights toward negative, neutral and positive (the small linear model).
/// </summary>
internal readonly record struct LexiconEntry(float Valence, float Boost, WordRole Role, float Negative = 0, float Neutral = 0, float Positive = 0);

/// <summary>The linear model's weights of the text-level features (<see cref="TextFeatures.Names"/>): Weights[feature][class].</summary>
internal sealed record TextWeights(float[][] Weights);

/// <summary>
/// A language's lexicon: folded word (lower case, no accents) to entry, frozen for fast span look-ups.
/// Loaded from embedded resources: {lang}.tsv (word, valence), {lang}-rules.tsv (negators, boosters, contrast, corrections), emoji.tsv.
/// </summary>
internal sealed class Lexicon
{
    private readonly FrozenDictionary<string, LexiconEntry> _entries;

    private Lexicon(FrozenDictionary<string, LexiconEntry> entries, TextWeights? model)
    {
        _entries = entries;
        Model = model;
        Lookup = entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Look-ups by span, so the hot path never allocates a string.</summary>
    public FrozenDictionary<string, LexiconEntry>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }

    public int Count => _entries.Count;

    /// <summary>The learned text-level weights, or null when this language has no model (then thresholds on the compound decide).</summary>
    public TextWeights? Model { get; }

    public static Lexicon Load(string language)
    {
        var entries = new Dictionary<string, LexiconEntry>(StringComparer.Ordinal);
        foreach (var (key, value) in Lines($"{language}.tsv").Concat(Lines("emoji.tsv")))
        {
            var valence = float.Parse(value[0], CultureInfo.InvariantCulture);
            // "bon|bonne|bons|bonnes": the French lexicon lists a word's forms on one line. A literal "|" is VADER's emoticon.
            foreach (var form in key.Length > 1 && key.Contains('|', StringComparison.Ordinal) && char.IsLetter(key[0]) ? key.Split('|') : [key])
            {
                // The first spelling wins: VADER lists ":D" before ":d", and folding merges them.
                entries.TryAdd(TextFolding.Fold(form), new LexiconEntry(valence, 0, WordRole.None));
            }
        }
        foreach (var (key, value) in Lines($"{language}-rules.tsv"))
        {
            var folded = TextFolding.Fold(key);
            var entry = entries.GetValueOrDefault(folded);
            entry = value[0] switch
            {
                "negator" => entry with { Role = entry.Role | WordRole.Negator },
                "contrast" => entry with { Role = entry.Role | WordRole.Contrast },
                "boost" => entry with { Boost = float.Parse(value[1], CultureInfo.InvariantCulture) },
                "valence" => entry with { Valence = float.Parse(value[1], CultureInfo.InvariantCulture) },
                "remove" => entry with { Valence = 0 },
                _ => throw new InvalidDataException($"{language}-rules.tsv: unknown kind '{value[0]}' for '{key}'."),
            };
            entries[folded] = entry;
        }
        foreach (var key in entries.Keys.Where(k => k.Contains(' ', StringComparison.Ordinal)).ToList())
        {
            var first = key[..key.IndexOf(' ', StringComparison.Ordinal)];
            var entry = entries.GetValueOrDefault(first);
            entries[first] = entry with { Role = entry.Role | WordRole.PhraseStart };
        }
        var model = LoadModel(language, entries);
        return new Lexicon(entries.ToFrozenDictionary(StringComparer.Ordinal), model);
    }

    /// <summary>{lang}-model.tsv, written by `bench/run-sentiment.sh --train`: word weights per class, and "__bias__"-style text weights.</summary>
    private static TextWeights? LoadModel(string language, Dictionary<string, LexiconEntry> entries)
    {
        if (typeof(Lexicon).Assembly.GetManifestResourceInfo($"Herald.Sentiment.Lexicons.{language}-model.tsv") is null)
        {
            return null;
        }
        var weights = TextFeatures.Names.Select(_ => new float[3]).ToArray();
        foreach (var (key, value) in Lines($"{language}-model.tsv"))
        {
            var w = value.Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var feature = Array.IndexOf(TextFeatures.Names, key);
            if (feature >= 0)
            {
                weights[feature] = w;
                continue;
            }
            var entry = entries.GetValueOrDefault(key);
            entries[key] = entry with { Negative = w[0], Neutral = w[1], Positive = w[2] };
            if (key.IndexOf(' ', StringComparison.Ordinal) is var space and > 0)
            {
                // A word pair: its first word tells the scorer to look the pair up (most words start none).
                var first = key[..space];
                var head = entries.GetValueOrDefault(first);
                entries[first] = head with { Role = head.Role | WordRole.PairStart };
            }
        }
        return new TextWeights(weights);
    }

    /// <summary>Tab-separated lines of an embedded resource: the key, then the other fields. '#' starts a comment line.</summary>
    internal static IEnumerable<(string Key, string[] Fields)> Lines(string resource)
    {
        using var stream = typeof(Lexicon).Assembly.GetManifestResourceStream("Herald.Sentiment.Lexicons." + resource)
            ?? throw new InvalidOperationException($"Missing embedded lexicon {resource}.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith("# ", StringComparison.Ordinal))
            {
                continue;
            }
            var parts = line.Split('\t');
            if (parts.Length >= 2 && parts[0].Length > 0)
            {
                yield return (parts[0], parts[1..]);
            }
        }
    }
}
