using Herald.Curation.Feeds;
using Xunit.Abstractions;

namespace Herald.Tests.Curation;

/// <summary>Every case of gofeed's corpus, parsed by Herald and compared with gofeed's output on the corresponding fields.</summary>
public sealed class GofeedCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_gofeed_case_parses_to_the_same_normalized_fields()
    {
        var failures = new List<string>();
        var cases = GofeedCases.All().ToList();
        var passed = 0;
        var skipped = 0;
        foreach (var c in cases)
        {
            if (GofeedCases.Skipped.ContainsKey(c.Name))
            {
                skipped++;
                continue;
            }
            try
            {
                var feed = FeedParser.Parse(File.ReadAllBytes(c.Input));
                var (diffs, _) = GofeedCases.Compare(c, feed);
                if (diffs.Count == 0)
                {
                    passed++;
                }
                else
                {
                    failures.Add($"{c.Name}: {string.Join("; ", diffs)}");
                }
            }
            catch (FeedFormatException ex)
            {
                failures.Add($"{c.Name}: {ex.Message}");
            }
        }
        output.WriteLine($"gofeed cases: {passed} passed, {failures.Count} failed, {skipped} skipped of {cases.Count}");
        Assert.True(cases.Count > 500, $"only {cases.Count} cases found");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} gofeed cases differ:\n" + string.Join('\n', failures));
    }
}
