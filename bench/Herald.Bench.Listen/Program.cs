using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Herald.Bench.Listen;
using Herald.Listening.Matching;
using Herald.Listening.Query;

// The listening matcher benchmark: Herald's one-engine matcher vs one Regex per query vs Lucene.Net (batches indexed in
// memory), single-threaded, same queries and posts; then agreement of the three on a sample. Last line: one JSON object.
var queryCount = Int("--queries", 10_000);
var postCount = Int("--posts", 100_000);
var seconds = Int("--seconds", 5);
var regexPosts = Int("--regex-posts", 300);
var lucenePosts = Int("--lucene-posts", 4_000);
var batch = Int("--batch", 1_000);
var heraldOnly = args.Contains("--herald-only");

var workload = new Workload(7);
workload.MakeBrands(queryCount / 2);
var queryTexts = workload.Queries(queryCount);
var queries = queryTexts.Select(QueryParser.Parse).ToArray();
var posts = workload.Posts(postCount);
Console.Error.WriteLine($"{queryCount} queries, {postCount} posts of {posts.Average(p => p.Text.Length):F0} chars on average");

// Herald
var build = Stopwatch.StartNew();
var engine = MatchEngine.Build(queries);
var buildMs = build.Elapsed.TotalMilliseconds;
var scratch = engine.CreateScratch();
if (Environment.GetEnvironmentVariable("LISTEN_STATS") == "1")
{
    var bf = System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance;
    var table = (TermTable)typeof(MatchEngine).GetField("_table", bf)!.GetValue(engine)!;
    Console.Error.WriteLine($"entries {table.Entries.Length}, slots {table.Slots.Length}, atoms {scratch.AtomGen.Length}, triggers {((int[])typeof(MatchEngine).GetField("_triggers", bf)!.GetValue(engine)!).Length}");
    foreach (var g in table.Entries.GroupBy(e => e.Kind)) Console.Error.WriteLine($"  {g.Key}: {g.Count()}");
}
long matches = 0;
// Warm-up for 2 s: the tiered JIT recompiles the hot loop in the background, and that CPU time must not land in the figure.
for (var warm = Stopwatch.StartNew(); warm.Elapsed < TimeSpan.FromSeconds(2);)
{
    foreach (var p in posts.Take(20_000))
    {
        matches += engine.Match(p.Text, p.Langs, p.Author, null, scratch).Length;
    }
}
var (heraldRate, heraldCpuRate, heraldAlloc, heraldMatches) = Measure(TimeSpan.FromSeconds(seconds), () =>
{
    long m = 0;
    foreach (var p in posts)
    {
        m += engine.Match(p.Text, p.Langs, p.Author, null, scratch).Length;
    }
    return (posts.Length, m);
});
Console.Error.WriteLine($"herald: {heraldRate:N0} posts/s (wall), {heraldCpuRate:N0} posts per CPU-second, {heraldAlloc:F1} bytes allocated per post, {heraldMatches:F2} matches per post; built in {buildMs:N0} ms");

long candidates = 0, presentAtoms = 0;
foreach (var p in posts.Take(10_000))
{
    engine.Match(p.Text, p.Langs, p.Author, null, scratch);
    candidates += scratch.LastCandidates;
    presentAtoms += scratch.PresentCount;
}
Console.Error.WriteLine($"per post: {presentAtoms / 10_000.0:F1} triggering atoms present, {candidates / 10_000.0:F1} queries evaluated");

// Tokenizing alone, to see what share of the time is the text itself.
var tokens = new TokenBuffer();
var (tokenizeRate, tokenizeCpuRate, _, _) = Measure(TimeSpan.FromSeconds(1), () =>
{
    foreach (var p in posts)
    {
        Tokenizer.Tokenize(p.Text, tokens);
    }
    return (posts.Length, 0);
});
Console.Error.WriteLine($"tokenizing alone: {tokenizeRate:N0} posts/s (wall), {tokenizeCpuRate:N0} per CPU-second");

if (args.Contains("--stages"))
{
    var st = scratch.Tokens;
    string[] names = ["tokenize", "+ dictionary lookups and phrases", "+ evaluation", "whole Match (+ lang, author)"];
    for (var stage = 1; stage <= 4; stage++)
    {
        var (_, stageRate, _, _) = Measure(TimeSpan.FromSeconds(2), () =>
        {
            foreach (var p in posts)
            {
                switch (stage)
                {
                    case 1:
                        Tokenizer.Tokenize(p.Text, st);
                        break;
                    case 2:
                        engine.LookUp(p.Text, scratch);
                        break;
                    case 3:
                        engine.LookUp(p.Text, scratch);
                        engine.Evaluate(scratch);
                        break;
                    default:
                        engine.Match(p.Text, p.Langs, p.Author, null, scratch);
                        break;
                }
            }
            return (posts.Length, 0);
        });
        Console.Error.WriteLine($"stage {stage} ({names[stage - 1]}): {stageRate:N0} per CPU-second, {1e6 / stageRate:F3} µs per post");
    }
}
if (heraldOnly)
{
    Console.WriteLine(JsonSerializer.Serialize(new { herald_posts_per_cpu_s = Math.Round(heraldCpuRate), tokenize_only_posts_per_cpu_s = Math.Round(tokenizeCpuRate) }));
    return 0;
}

// One Regex per query
var regex = new RegexMatcher(queries);
var regexResults = new List<int>();
var regexSample = posts.Take(regexPosts).ToArray();
regex.Match(regexSample[0].Text, regexSample[0].Langs, regexSample[0].Author, regexResults);
var (regexRate, regexCpuRate, _, _) = Measure(TimeSpan.Zero, () =>
{
    long m = 0;
    foreach (var p in regexSample)
    {
        regex.Match(p.Text, p.Langs, p.Author, regexResults);
        m += regexResults.Count;
    }
    return (regexSample.Length, m);
});
Console.Error.WriteLine($"regex: {regexRate:N0} posts/s (wall), {regexCpuRate:N0} per CPU-second over {regexPosts} posts");

// Lucene.Net
var lucene = new LuceneMatcher(queries);
var luceneResults = Enumerable.Range(0, batch).Select(_ => new List<int>()).ToArray();
lucene.MatchBatch(posts.Take(batch).ToArray(), luceneResults); // warm-up
var (luceneRate, luceneCpuRate, _, _) = Measure(TimeSpan.Zero, () =>
{
    long m = 0;
    for (var start = 0; start < lucenePosts; start += batch)
    {
        var chunk = posts.Skip(start).Take(Math.Min(batch, lucenePosts - start)).ToArray();
        lucene.MatchBatch(chunk, luceneResults);
        m += luceneResults.Take(chunk.Length).Sum(r => r.Count);
    }
    return (lucenePosts, m);
});
Console.Error.WriteLine($"lucene: {luceneRate:N0} posts/s (wall), {luceneCpuRate:N0} per CPU-second over {lucenePosts} posts in batches of {batch}");

// Agreement on the regex sample: the same set of query ids for each post, from all three.
lucene.MatchBatch(regexSample, luceneResults);
int agreeAll = 0, agreeRegex = 0, agreeLucene = 0;
long sampleMatches = 0;
var disagreements = new List<string>();
for (var i = 0; i < regexSample.Length; i++)
{
    var p = regexSample[i];
    var h = engine.Match(p.Text, p.Langs, p.Author, null, scratch).ToArray();
    regex.Match(p.Text, p.Langs, p.Author, regexResults);
    var l = luceneResults[i].Order().ToArray();
    sampleMatches += h.Length;
    var r = h.SequenceEqual(regexResults);
    var lu = h.SequenceEqual(l);
    agreeRegex += r ? 1 : 0;
    agreeLucene += lu ? 1 : 0;
    agreeAll += r && lu ? 1 : 0;
    if (!(r && lu) && disagreements.Count < 5)
    {
        disagreements.Add($"post {i}: herald [{string.Join(',', h)}] regex [{string.Join(',', regexResults)}] lucene [{string.Join(',', l)}]");
    }
}
foreach (var d in disagreements)
{
    Console.Error.WriteLine("disagreement: " + d);
}
Console.Error.WriteLine($"agreement on {regexSample.Length} posts ({sampleMatches} matches): all three {agreeAll}, herald=regex {agreeRegex}, herald=lucene {agreeLucene}");

var result = new Dictionary<string, object>
{
    ["benchmark"] = "listen",
    ["queries"] = queryCount,
    ["avg_post_chars"] = Math.Round(posts.Average(p => p.Text.Length)),
    ["herald_posts_per_s"] = Math.Round(heraldRate),
    ["herald_posts_per_cpu_s"] = Math.Round(heraldCpuRate),
    ["herald_bytes_allocated_per_post"] = Math.Round(heraldAlloc, 2),
    ["herald_matches_per_post"] = Math.Round(heraldMatches, 3),
    ["herald_build_ms"] = Math.Round(buildMs),
    ["tokenize_only_posts_per_cpu_s"] = Math.Round(tokenizeCpuRate),
    ["regex_posts_per_s"] = Math.Round(regexRate, 1),
    ["regex_posts_per_cpu_s"] = Math.Round(regexCpuRate, 1),
    ["lucene_posts_per_s"] = Math.Round(luceneRate, 1),
    ["lucene_posts_per_cpu_s"] = Math.Round(luceneCpuRate, 1),
    ["lucene_batch"] = batch,
    ["herald_vs_regex"] = Math.Round(heraldCpuRate / regexCpuRate, 1),
    ["herald_vs_lucene"] = Math.Round(heraldCpuRate / luceneCpuRate, 1),
    ["agreement_sample_posts"] = regexSample.Length,
    ["agreement_sample_matches"] = sampleMatches,
    ["agreement_all_three"] = agreeAll,
    ["agreement_herald_regex"] = agreeRegex,
    ["agreement_herald_lucene"] = agreeLucene,
};
Console.WriteLine(JsonSerializer.Serialize(result));
return 0;

// Runs the body until at least `minimum` has passed (once at least); rates per wall second and per CPU second of this process.
static (double Rate, double CpuRate, double BytesPerPost, double MatchesPerPost) Measure(TimeSpan minimum, Func<(int Posts, long Matches)> body)
{
    var process = Process.GetCurrentProcess();
    var cpu0 = process.TotalProcessorTime;
    var bytes0 = GC.GetAllocatedBytesForCurrentThread();
    var clock = Stopwatch.StartNew();
    long posts = 0, matches = 0;
    do
    {
        var (p, m) = body();
        posts += p;
        matches += m;
    }
    while (clock.Elapsed < minimum);
    var wall = clock.Elapsed.TotalSeconds;
    var bytes = GC.GetAllocatedBytesForCurrentThread() - bytes0;
    process.Refresh();
    var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
    return (posts / wall, posts / Math.Max(cpu, 1e-9), (double)bytes / posts, (double)matches / posts);
}

int Int(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
