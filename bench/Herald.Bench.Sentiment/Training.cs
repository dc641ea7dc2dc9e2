using System.Globalization;
using System.Text;
using Herald.Sentiment;

namespace Herald.Bench.Sentiment;

/// <summary>
/// `--train DIR`: fits the small linear model on top of the rules (multinomial logistic regression over the rules' text
/// features, see <see cref="TextFeatures"/>, and word and word-pair counts) and writes {lang}-model.tsv into DIR. Trains
/// on the tuning halves and the extra training corpora only, never on the held-out halves. L2 strength and source
/// weighting are chosen by 5-fold cross-validation on the training texts, then the model is refitted on all of them.
/// </summary>
internal static partial class Training
{
    /// <param name="Binary">The example's set knows only positive and negative: it is fitted on those two classes alone
/// (softmax over them), so a two-class set does not teach the model that neutral is rare.</param>
    private sealed record Example(int Gold, float[] Dense, int[] Words, float[] L2Scale, float Weight, int Source, bool Binary)
    {
        /// <summary>The last dense features that are the text's word vectors (L2 applies to them).</summary>
        public int EmbedCount { get; init; }
    }

    /// <summary>The text's words' vectors, combined as <paramref name="config"/> says, into <paramref name="x"/>.</summary>
    private static void Embed(List<string> seen, Embeddings embeddings, Span<float> x, Config config)
    {
        var words = 0;
        var found = 0;
        foreach (var w in seen)
        {
            if (w.Contains(' ', StringComparison.Ordinal) || w[0] < ' ')
            {
                continue;
            }
            words++;
            if (embeddings.Vectors.TryGetValue(w, out var v))
            {
                found++;
                for (var d = 0; d < v.Length; d++)
                {
                    x[d] += v[d];
                }
            }
        }
        var divide = config.EmbedMode switch
        {
            0 => found,
            1 => words,
            _ => MathF.Sqrt(words),
        };
        if (divide > 0)
        {
            for (var d = 0; d < x.Length; d++)
            {
                x[d] = x[d] / divide * (float)config.EmbedScale;
            }
        }
    }

    /// <summary>Where word weights start in a fitted model: after the text features and up to 8 per-source biases.</summary>
    private static readonly int WordOffset = TextFeatures.Count + 8 + Embeddings.Dimensions;

    private static readonly (double Exponent, double Lambda)[] Grid =
        [(0.5, 1e-3), (0.5, 1e-2), (0.5, 1e-1), (0.5, 0.3), (0.5, 1.0), (1.0, 1e-3), (1.0, 1e-2), (1.0, 1e-1), (1.0, 0.3), (1.0, 1.0)];

    public static void Run(IReadOnlyList<DevSet> sets, string dataFolder, string outputFolder)
    {
        foreach (var language in new[] { "en", "fr" })
        {
            var config = Config.Shipped;
            var data = Prepare(sets, dataFolder, language, config);
            var (bestF1, bestLambda, bestExponent, _) = Select(data, config);
            var all = data.Examples(bestExponent);
            var final = Fit(all, data.Width, bestLambda, config);
            if (config.SocialBias)
            {
                for (var k = 0; k < 3; k++)
                {
                    final[k][0] += final[k][config.Dense + data.Social];
                }
            }
            Write(Path.Combine(outputFolder, $"{language}-model.tsv"), language, final, data.Vocabulary, config, bestLambda, all.Count);
            Console.WriteLine($"{language}: {all.Count} training texts, {data.Vocabulary.Count} words and pairs, {config}, source weight exponent {bestExponent}, L2 {bestLambda:G2} (5-fold CV macro-F1 {bestF1:F4})");
        }
    }

    private sealed record Prepared(List<string> SourceNames, Dictionary<string, int> Vocabulary, Func<double, List<Example>> Examples, int Social)
    {
        /// <summary>Word weights fitted: the vocabulary, twice with the tweets' own copies.</summary>
        public int Width { get; init; }
    }

    private static Prepared Prepare(IReadOnlyList<DevSet> sets, string dataFolder, string language, Config config)
    {
        var analyzer = new LexiconSentimentAnalyzer();
        var sources = sets.Where(s => s.Language == language)
            .Select(s => (s.Name, Texts: s.Samples.Where(x => !x.HeldOut).Select(x => (x.Gold, x.Text)).ToList()))
            .ToList();
        if (language == "en")
        {
            foreach (var file in Directory.GetFiles(Path.Combine(dataFolder, "train"), "*_GroundTruth.txt").Order(StringComparer.Ordinal))
            {
                if (config.Exclude is null || !file.Contains(config.Exclude, StringComparison.Ordinal))
                {
                    sources.Add((Path.GetFileName(file), Snippets(file, config.Band)));
                }
            }
        }
        var lexicon = analyzer.LexiconOf(language);
        var embeddings = config.Embed > 0 && language == "en" ? Embeddings.Load(config.Embed) : null;
        // A text's features: the dense ones, a bias per source (SocialBias), AFINN's 3 sums, the word vectors.
        var afinnAt = config.Dense + (config.SocialBias ? sources.Count : 0);
        var afinn = config.Afinn > 0 && language == "en" ? Afinn.Load() : null;
        var embedAt = afinnAt + (afinn is null ? 0 : 3);
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var raw = new List<(int Gold, float[] Dense, List<string> Words, int Source)>();
        var average = sources.Average(s => s.Texts.Count);
        for (var source = 0; source < sources.Count; source++)
        {
            var (name, texts) = sources[source];
            foreach (var (gold, text) in texts)
            {
                var seen = new List<string>();
                var compound = (float)LexiconSentimentAnalyzer.Compound(text, lexicon, language == "fr", out var features, seen);
                var dense = new float[TextFeatures.Count];
                features.Fill(dense, compound);
                var x = new float[embedAt + (embeddings is null ? 0 : Embeddings.Dimensions)];
                dense[..config.Dense].CopyTo(x, 0);
                if (config.SocialBias)
                {
                    // A bias per source absorbs its class balance (reviews: no neutral; tweets: 43 % neutral), so word
                    // weights need not; the model ships the social source's (Herald scores posts and replies).
                    x[config.Dense + source] = 1;
                }
                if (afinn is not null)
                {
                    afinn.Fill(text, x.AsSpan(afinnAt, 3), config.Afinn);
                }
                if (embeddings is not null)
                {
                    Embed(seen, embeddings, x.AsSpan(embedAt), config);
                }
                Experiments.AddWords(seen, lexicon, config);
                raw.Add((gold, x, seen, source));
                foreach (var w in seen.Distinct())
                {
                    documentFrequency[w] = documentFrequency.GetValueOrDefault(w) + 1;
                }
            }
        }
        foreach (var (w, df) in documentFrequency.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var pair = w.Contains(' ', StringComparison.Ordinal);
            if (w[0] == '\u0003')
            {
                if (df >= 3)
                {
                    vocabulary[w] = vocabulary.Count;
                }
            }
            else if (w[0] < ' ')
            {
                if (df >= config.PairMinDf)
                {
                    vocabulary[w] = vocabulary.Count;
                }
            }
            else if (pair ? config.PairMinDf > 0 && df >= config.PairMinDf : df >= config.WordMinDf && !w.All(char.IsDigit))
            {
                vocabulary[w] = vocabulary.Count;
            }
        }
        // Sources of different sizes weigh (average size / size)^exponent per text: 0 equal per text, 1 equal per source.
        var binary = sources.Select(s => s.Texts.All(t => t.Gold != 1)).ToArray();
        var social = sources.FindIndex(s => s.Name.Contains("tweets", StringComparison.Ordinal));
        var v = vocabulary.Count;
        var tweetCopies = config.TweetWords > 0;
        // With tweets' own word weights (domain adaptation as Daumé 2007), a tweet also sees a copy of each of its words,
        // trained on tweets alone; the shipped weight of a word is the sum of both.
        var words = raw.Select(r =>
        {
            var ids = r.Words.Where(vocabulary.ContainsKey).Select(w => vocabulary[w]).ToArray();
            return tweetCopies && r.Source == social ? [.. ids, .. ids.Select(i => v + i)] : ids;
        }).ToList();
        var isPair = vocabulary.OrderBy(p => p.Value).Select(p => p.Key.Contains(' ', StringComparison.Ordinal)).ToArray();
        var isGram = vocabulary.OrderBy(p => p.Value).Select(p => p.Key[0] < ' ').ToArray();
        var l2Scale = Enumerable.Range(0, tweetCopies ? 2 * v : v)
            .Select(i => (float)((isPair[i % v] ? config.PairL2 : 1) * (isGram[i % v] ? config.GramL2 : 1) * (i >= v ? config.TweetWords : 1))).ToArray();
        List<Example> Examples(double exponent) => raw.Select((r, i) => new Example(r.Gold, r.Dense, words[i], l2Scale,
            (float)(Math.Pow(average / sources[r.Source].Texts.Count, exponent) * (r.Source == social ? config.TweetWeight : 1)), r.Source, binary[r.Source])
            { EmbedCount = embeddings is null ? 0 : Embeddings.Dimensions }).ToList();
        return new Prepared(sources.Select(s => s.Name).ToList(), vocabulary, Examples, social) { Width = l2Scale.Length };
    }

    /// <summary>VADER's human-rated snippets: mean rating ≥ 0.5 positive, ≤ -0.5 negative, else neutral.</summary>
    private static List<(int, string)> Snippets(string file, double band) =>
        File.ReadLines(file).Select(l => l.Split('\t'))
            .Where(p => p.Length >= 3)
            .Select(p => (double.Parse(p[1], CultureInfo.InvariantCulture), p[2]))
            .Select(p => (p.Item1 >= band ? 2 : p.Item1 <= -band ? 0 : 1, p.Item2))
            .ToList();

    /// <summary>Weights: per class, [bias, compound, magnitude, word 0, word 1, …].</summary>
    private static float[][] Fit(List<Example> examples, int words, double lambda, Config config)
    {
        if (config.Seeds > 1)
        {
            // A linear model: the mean of fits from several shuffles is one model, with less of SGD's noise.
            var fits = Enumerable.Range(0, config.Seeds).Select(seed => Fit(examples, words, lambda, config, 7 + seed)).ToList();
            for (var k = 0; k < 3; k++)
            {
                for (var i = 0; i < fits[0][k].Length; i++)
                {
                    fits[0][k][i] = fits.Average(f => f[k][i]);
                }
            }
            return fits[0];
        }
        return Fit(examples, words, lambda, config, 7);
    }

    private static float[][] Fit(List<Example> examples, int words, double lambda, Config config, int seed)
    {
        // Flat L2: a word's L2 per occurrence divided by how often it occurs, so its total pull toward 0 per epoch is
        // the same for a rare word and a common one (the default pulls in proportion to occurrences).
        var occurrences = new float[words];
        foreach (var e in examples)
        {
            foreach (var w in e.Words)
            {
                occurrences[w]++;
            }
        }
        var dense = WordOffset;
        var model = new float[3][];
        var squares = new float[3][];
        for (var k = 0; k < 3; k++)
        {
            model[k] = new float[dense + words];
            squares[k] = new float[dense + words];
        }
        var random = new Random(seed);
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var p = new float[3];
        for (var epoch = 0; epoch < config.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                var e = examples[i];
                Probabilities(model, e, p);
                for (var k = 0; k < 3; k++)
                {
                    if (e.Binary && k == 1)
                    {
                        continue;
                    }
                    var g = (p[k] - (e.Gold == k ? 1 : 0)) * e.Weight;
                    for (var d = 0; d < e.Dense.Length; d++)
                    {
                        Step(model[k], squares[k], d, g * e.Dense[d], d >= e.Dense.Length - e.EmbedCount ? (float)config.EmbedL2 : 0);
                    }
                    var l2 = (float)lambda * examples.Count / Math.Max(1, e.Words.Length) / 100;
                    foreach (var w in e.Words)
                    {
                        Step(model[k], squares[k], dense + w, g, l2 * e.L2Scale[w] * (config.FlatL2 ? 10 / occurrences[w] : 1));
                    }
                }
            }
        }
        return model;
    }

    /// <summary>AdaGrad with L2 on the touched word weight.</summary>
    private static void Step(float[] weights, float[] squares, int index, float gradient, float l2)
    {
        gradient += l2 * weights[index];
        squares[index] += gradient * gradient;
        weights[index] -= 0.1f * gradient / (1e-6f + MathF.Sqrt(squares[index]));
    }

    private static void Probabilities(float[][] model, Example e, float[] p)
    {
        for (var k = 0; k < 3; k++)
        {
            var z = 0f;
            for (var d = 0; d < e.Dense.Length; d++)
            {
                z += model[k][d] * e.Dense[d];
            }
            foreach (var w in e.Words)
            {
                z += model[k][WordOffset + w];
            }
            p[k] = z;
        }
        if (e.Binary)
        {
            p[1] = float.NegativeInfinity;
        }
        var max = p.Max();
        var sum = 0f;
        for (var k = 0; k < 3; k++)
        {
            p[k] = MathF.Exp(p[k] - max);
            sum += p[k];
        }
        for (var k = 0; k < 3; k++)
        {
            p[k] /= sum;
        }
    }

    private static int Predict(float[][] model, Example e)
    {
        var p = new float[3];
        Probabilities(model, e, p);
        return p[2] >= p[1] && p[2] >= p[0] ? 2 : p[0] >= p[1] ? 0 : 1;
    }

    private static void Write(string path, string language, float[][] model, Dictionary<string, int> vocabulary, Config config, double lambda, int examples)
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"# {language} model: multinomial logistic regression over the rules' text features and word and word-pair counts; {examples} training texts, {config}, L2 {lambda:G2}.\n");
        s.Append("# Written by bench/run-sentiment.sh --train (bench/Herald.Bench.Sentiment/Training.cs); columns: negative, neutral, positive.\n");
        string Row(string key, int i) => string.Create(CultureInfo.InvariantCulture, $"{key}\t{model[0][i]:0.###}\t{model[1][i]:0.###}\t{model[2][i]:0.###}\n");
        for (var d = 0; d < config.Dense; d++)
        {
            s.Append(Row(TextFeatures.Names[d], d));
        }
        foreach (var (word, index) in vocabulary.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var i = WordOffset + index;
            if (config.TweetWords > 0)
            {
                for (var k = 0; k < 3; k++)
                {
                    model[k][i] += model[k][i + vocabulary.Count];
                }
            }
            // Centre the three weights (softmax ignores a shared shift) and drop words that barely move anything.
            var mean = (model[0][i] + model[1][i] + model[2][i]) / 3;
            if (Math.Max(Math.Abs(model[0][i] - mean), Math.Max(Math.Abs(model[1][i] - mean), Math.Abs(model[2][i] - mean))) >= 0.05)
            {
                model[0][i] -= mean;
                model[1][i] -= mean;
                model[2][i] -= mean;
                s.Append(Row(word, i));
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, s.ToString());
    }
}
