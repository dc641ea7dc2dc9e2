using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Herald.Bench.Feeds;
using Herald.Curation.Feeds;
using Herald.Tests.Curation;

// Feed parsing: Herald's parser beside CodeHollow.FeedReader and System.ServiceModel.Syndication, on gofeed's corpus.
// For each: how many files give gofeed's expected fields (the test suite's scoring), and feeds parsed per second.
var root = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "tests", "Herald.Tests", "TestData", "feeds", "gofeed");
var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 3.0;
var cases = GofeedCases.All(Path.GetFullPath(root)).ToList();
var inputs = cases.Select(c => File.ReadAllBytes(c.Input)).ToList();
var parsers = new (string Name, Func<byte[], ParsedFeed> Parse)[]
{
    ("herald", b => FeedParser.Parse(b)),
    ("codehollow", Others.CodeHollow),
    ("syndication", Others.Syndication),
};
var results = new Dictionary<string, object>();
foreach (var (name, parse) in parsers)
{
    var correct = 0;
    var parsed = 0;
    for (var i = 0; i < cases.Count; i++)
    {
        try
        {
            var feed = parse(inputs[i]);
            parsed++;
            if (GofeedCases.Compare(cases[i], feed).Diffs.Count == 0)
            {
                correct++;
            }
        }
        catch (Exception)
        {
            // A parser that throws on a file gets it wrong.
        }
    }
    // Warm up, then parse the whole corpus round after round for the time given.
    for (var i = 0; i < inputs.Count; i++)
    {
        Others.TryParse(parse, inputs[i]);
    }
    var sw = Stopwatch.StartNew();
    long feeds = 0;
    while (sw.Elapsed.TotalSeconds < seconds)
    {
        foreach (var bytes in inputs)
        {
            Others.TryParse(parse, bytes);
            feeds++;
        }
    }
    var perSecond = feeds / sw.Elapsed.TotalSeconds;
    Console.Error.WriteLine($"{name,-12} correct {correct,4}/{cases.Count}  parsed without error {parsed,4}  {perSecond,10:N0} feeds/s");
    results[name] = new { correct, parsed, feedsPerSecond = Math.Round(perSecond) };
}
results["files"] = cases.Count;
results["corpusBytes"] = inputs.Sum(b => b.Length);
Console.WriteLine(JsonSerializer.Serialize(results));
