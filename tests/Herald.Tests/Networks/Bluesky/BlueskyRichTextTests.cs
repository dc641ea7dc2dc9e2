using System.Text;
using System.Text.Json;
using Herald.Networks.Bluesky;

namespace Herald.Tests.Networks.Bluesky;

public sealed class BlueskyRichTextTests
{
    public static TheoryData<int> SegmentCases() => Indexes("segment_cases");
    public static TheoryData<int> TagCases() => Indexes("tag_cases");
    public static TheoryData<int> CashtagCases() => Indexes("cashtag_cases");

    [Theory]
    [MemberData(nameof(SegmentCases))]
    public async Task Mentions_and_links_are_detected_like_atproto(int index)
    {
        var vector = Vectors.GetProperty("segment_cases")[index];
        var text = vector.GetProperty("text").GetString()!;
        var expected = vector.GetProperty("segments").EnumerateArray()
            .Select(s => (s.GetProperty("text").GetString(), s.TryGetProperty("ref", out var r) ? r.GetString() : null))
            .ToList();

        var facets = await BlueskyRichText.DetectAsync(text, (handle, _) => Task.FromResult<string?>("did:fake:" + handle), CancellationToken.None);

        Assert.Equal(expected, Segments(text, facets));
    }

    [Theory]
    [MemberData(nameof(TagCases))]
    public void Hashtags_are_detected_like_atproto(int index) => AssertTags(Vectors.GetProperty("tag_cases")[index]);

    [Theory]
    [MemberData(nameof(CashtagCases))]
    public void Cashtags_are_detected_like_atproto(int index) => AssertTags(Vectors.GetProperty("cashtag_cases")[index]);

    [Fact]
    public void Graphemes_are_counted_like_atproto()
    {
        foreach (var vector in BlueskyTestData.Json("grapheme_vectors.json").GetProperty("cases").EnumerateArray())
        {
            var text = vector[0].GetString()!;
            Assert.True(vector[1].GetInt32() == BlueskyRichText.CountGraphemes(text), $"graphemes of '{text}'");
        }
    }

    [Fact]
    public async Task A_mention_that_does_not_resolve_stays_plain_text()
    {
        var facets = await BlueskyRichText.DetectAsync("hi @nobody.test and https://example.com",
            (_, _) => Task.FromResult<string?>(null), CancellationToken.None);

        var facet = Assert.Single(facets);
        Assert.Equal(BlueskyFacetKind.Link, facet.Kind);
    }

    [Fact]
    public void Facet_offsets_are_utf8_bytes()
    {
        var text = "é🦋 #tag";
        var facet = Assert.Single(BlueskyRichText.Detect(text));
        Assert.Equal((7, 11), (facet.ByteStart, facet.ByteEnd));
        Assert.Equal("#tag", Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)[facet.ByteStart..facet.ByteEnd]));
    }

    private static void AssertTags(JsonElement vector)
    {
        var text = vector[0].GetString()!;
        var tags = vector[1].EnumerateArray().Select(t => t.GetString()).ToList();
        var slices = vector[2].EnumerateArray().Select(s => (s.GetProperty("byteStart").GetInt32(), s.GetProperty("byteEnd").GetInt32())).ToList();

        var found = BlueskyRichText.Detect(text).Where(f => f.Kind == BlueskyFacetKind.Tag).ToList();

        Assert.Equal(tags, found.Select(f => (string?)f.Value).ToList());
        Assert.Equal(slices, found.Select(f => (f.ByteStart, f.ByteEnd)).ToList());
    }

    /// <summary>atproto's RichText.segments(): the text cut at facets, each facet with its DID or URI.</summary>
    private static List<(string?, string?)> Segments(string text, IReadOnlyList<BlueskyFacet> facets)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        string Slice(int start, int end) => Encoding.UTF8.GetString(bytes[start..end]);
        var segments = new List<(string?, string?)>();
        if (facets.Count == 0)
        {
            segments.Add((text, null));
            return segments;
        }
        var cursor = 0;
        foreach (var facet in facets)
        {
            if (cursor > facet.ByteStart)
            {
                continue;
            }
            if (cursor < facet.ByteStart)
            {
                segments.Add((Slice(cursor, facet.ByteStart), null));
            }
            if (facet.ByteStart < facet.ByteEnd)
            {
                var sub = Slice(facet.ByteStart, facet.ByteEnd);
                segments.Add(string.IsNullOrWhiteSpace(sub) ? (sub, null) : (sub, facet.Value));
            }
            cursor = facet.ByteEnd;
        }
        if (cursor < bytes.Length)
        {
            segments.Add((Slice(cursor, bytes.Length), null));
        }
        return segments;
    }

    private static readonly JsonElement Vectors = BlueskyTestData.Json("richtext_facet_vectors.json");

    private static TheoryData<int> Indexes(string name)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < BlueskyTestData.Json("richtext_facet_vectors.json").GetProperty(name).GetArrayLength(); i++)
        {
            data.Add(i);
        }
        return data;
    }
}
