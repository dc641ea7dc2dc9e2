using System.Globalization;
using System.Text.Json;
using Herald.Curation.Feeds;

namespace Herald.Tests.Curation;

/// <summary>
/// gofeed's test corpus (TestData/feeds/gofeed, MIT): each input feed beside the JSON gofeed produces for it. The JSON is
/// gofeed's own model (rss.Feed, atom.Feed, json.Feed, or the universal gofeed.Feed for translator/ and extensions/);
/// <see cref="Compare"/> checks every field that has a counterpart in <see cref="ParsedFeed"/>. Shared with the benchmark,
/// which maps other libraries' output to <see cref="ParsedFeed"/> and scores them the same way.
/// </summary>
public static class GofeedCases
{
    /// <summary>Cases that test a gofeed choice Herald deliberately makes differently; the reason is the value.</summary>
    public static readonly IReadOnlyDictionary<string, string> Skipped = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["parser/atom/issue_275_extensions_and_source"] = "content of type application/atom+xml holding escaped text: gofeed re-escapes it "
            + "(\"&lt;x/&gt;\"); Herald gives the text as written (\"<x/>\"), as it does for every other text construct.",
    };

    /// <summary>A test case: the input, gofeed's output for it, and which gofeed model the output is.</summary>
    public sealed record Case(string Name, string Input, string Expected, string Model)
    {
        public override string ToString() => Name;
    }

    public static string Root => Path.Combine(AppContext.BaseDirectory, "TestData", "feeds", "gofeed");

    public static IEnumerable<Case> All(string? root = null)
    {
        root ??= Root;
        foreach (var (dir, model) in new[] { ("parser/rss", "rss"), ("parser/atom", "atom"), ("translator/rss", "universal"),
                     ("translator/atom", "universal"), ("extensions/dublincore", "universal"), ("extensions/itunes", "universal"),
                     ("extensions/media", "universal") })
        {
            foreach (var xml in Directory.GetFiles(Path.Combine(root, dir), "*.xml").Order(StringComparer.Ordinal))
            {
                var json = Path.ChangeExtension(xml, ".json");
                if (File.Exists(json))
                {
                    yield return new Case($"{dir}/{Path.GetFileNameWithoutExtension(xml)}", xml, json, model);
                }
            }
        }
        foreach (var (dir, model) in new[] { ("parser/json", "json"), ("translator/json", "universal") })
        {
            foreach (var expected in Directory.GetFiles(Path.Combine(root, dir), "*_expected.json").Order(StringComparer.Ordinal))
            {
                var input = expected.Replace("_expected.json", ".json", StringComparison.Ordinal);
                yield return new Case($"{dir}/{Path.GetFileNameWithoutExtension(input)}", input, expected, model);
            }
        }
    }

    /// <summary>
    /// The differences between gofeed's output and <paramref name="feed"/> on the fields both models have (empty when they
    /// agree), and how many fields were compared.
    /// </summary>
    public static (List<string> Diffs, int Fields) Compare(Case c, ParsedFeed feed)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(c.Expected));
        var e = doc.RootElement;
        var fields = (c.Model switch
        {
            "rss" => Rss(e, feed),
            "atom" => Atom(e, feed),
            "json" => Json(e, feed),
            _ => Universal(e, feed),
        }).ToList();
        var diffs = fields.Where(f => !Same(f.Item2, f.Item3)).Select(f => $"{f.Item1}: expected «{f.Item2}», got «{f.Item3}»").ToList();
        return (diffs, fields.Count);
    }

    private static bool Same(string? expected, string? actual)
    {
        if (string.IsNullOrEmpty(expected) && string.IsNullOrEmpty(actual))
        {
            return true;
        }
        if (expected is null || actual is null)
        {
            return false;
        }
        if (DateTimeOffset.TryParse(expected, CultureInfo.InvariantCulture, DateTimeStyles.None, out var de)
            && DateTimeOffset.TryParse(actual, CultureInfo.InvariantCulture, DateTimeStyles.None, out var da) && expected.Contains('T', StringComparison.Ordinal))
        {
            return de == da;
        }
        return expected.Trim() == actual.Trim();
    }

    // gofeed.Feed (translator/, extensions/): every field we have a counterpart for, both ways (absent means empty).
    private static IEnumerable<(string, string?, string?)> Universal(JsonElement e, ParsedFeed f)
    {
        yield return ("title", S(e, "title"), f.Title);
        yield return ("description", S(e, "description"), f.Description);
        yield return ("link", S(e, "link"), f.Link);
        yield return ("feedLink", S(e, "feedLink"), f.FeedLink);
        yield return ("language", S(e, "language"), f.Language);
        yield return ("updated", S(e, "updatedParsed"), D(f.Updated));
        yield return ("published", S(e, "publishedParsed"), D(f.Published));
        yield return ("image", S(Obj(e, "image"), "url"), f.Image);
        yield return ("authors", People(e, "authors", "name", "email", null), People(f.Authors, false));
        yield return ("categories", Strings(e, "categories"), string.Join('|', f.Categories));
        var items = Arr(e, "items");
        yield return ("items.count", items.Count.ToString(CultureInfo.InvariantCulture), f.Items.Count.ToString(CultureInfo.InvariantCulture));
        for (var n = 0; n < Math.Min(items.Count, f.Items.Count); n++)
        {
            var (x, a) = (items[n], f.Items[n]);
            var p = $"items[{n}].";
            yield return (p + "title", S(x, "title"), a.Title);
            yield return (p + "description", S(x, "description"), a.Summary);
            yield return (p + "content", S(x, "content"), a.Content);
            yield return (p + "link", S(x, "link"), a.Link);
            yield return (p + "guid", S(x, "guid"), a.Id);
            yield return (p + "updated", S(x, "updatedParsed"), D(a.Updated));
            yield return (p + "published", S(x, "publishedParsed"), D(a.Published));
            yield return (p + "image", S(Obj(x, "image"), "url"), a.Image);
            yield return (p + "authors", People(x, "authors", "name", "email", null), People(a.Authors, false));
            yield return (p + "categories", Strings(x, "categories"), string.Join('|', a.Categories));
            yield return (p + "enclosures", Enclosures(x), Enclosures(a));
        }
    }

    // rss.Feed (parser/rss): gofeed's raw RSS model has no fallbacks, so only the fields present in its output are compared.
    private static IEnumerable<(string, string?, string?)> Rss(JsonElement e, ParsedFeed f)
    {
        var all = new List<(string, string?, string?)>
        {
            ("title", S(e, "title"), f.Title), ("link", S(e, "link"), f.Link), ("description", S(e, "description"), f.Description),
            ("language", S(e, "language"), f.Language), ("updated", S(e, "lastBuildDateParsed"), D(f.Updated)),
            ("published", S(e, "pubDateParsed"), D(f.Published)), ("image", S(Obj(e, "image"), "url"), f.Image),
            ("categories", Has(e, "categories") ? string.Join('|', Arr(e, "categories").Select(c => S(c, "value"))) : null, string.Join('|', f.Categories)),
        };
        var items = Arr(e, "items");
        all.Add(("items.count", items.Count.ToString(CultureInfo.InvariantCulture), f.Items.Count.ToString(CultureInfo.InvariantCulture)));
        for (var n = 0; n < Math.Min(items.Count, f.Items.Count); n++)
        {
            var (x, a) = (items[n], f.Items[n]);
            var p = $"items[{n}].";
            all.Add((p + "title", S(x, "title"), a.Title));
            all.Add((p + "link", S(x, "link"), a.Link));
            all.Add((p + "description", S(x, "description"), a.Summary));
            all.Add((p + "content", S(x, "content"), a.Content));
            all.Add((p + "guid", S(Obj(x, "guid"), "value"), a.Id));
            all.Add((p + "published", S(x, "pubDateParsed"), D(a.Published)));
            all.Add((p + "categories", Has(x, "categories") ? string.Join('|', Arr(x, "categories").Select(c => S(c, "value"))) : null, string.Join('|', a.Categories)));
            all.Add((p + "enclosures", Has(x, "enclosures") ? Enclosures(x) : null, Enclosures(a)));
        }
        return all.Where(t => t.Item2 is not null || t.Item1.EndsWith("count", StringComparison.Ordinal));
    }

    // atom.Feed (parser/atom): likewise, the fields present in gofeed's output.
    private static IEnumerable<(string, string?, string?)> Atom(JsonElement e, ParsedFeed f)
    {
        var all = new List<(string, string?, string?)>
        {
            ("title", S(e, "title"), f.Title), ("subtitle", S(e, "subtitle"), f.Description), ("language", S(e, "language"), f.Language),
            ("updated", S(e, "updatedParsed"), D(f.Updated)), ("logo", S(e, "logo"), f.Image),
            ("link", AlternateLink(e), f.Link),
            ("authors", Has(e, "authors") ? People(e, "authors", "name", "email", "uri") : null, People(f.Authors, true)),
            ("categories", Has(e, "categories") ? string.Join('|', Arr(e, "categories").Select(c => S(c, "label") ?? S(c, "term"))) : null, string.Join('|', f.Categories)),
        };
        var entries = Arr(e, "entries");
        all.Add(("entries.count", entries.Count.ToString(CultureInfo.InvariantCulture), f.Items.Count.ToString(CultureInfo.InvariantCulture)));
        for (var n = 0; n < Math.Min(entries.Count, f.Items.Count); n++)
        {
            var (x, a) = (entries[n], f.Items[n]);
            var p = $"entries[{n}].";
            all.Add((p + "title", S(x, "title"), a.Title));
            all.Add((p + "id", S(x, "id"), a.Id));
            all.Add((p + "summary", S(x, "summary"), a.Summary));
            all.Add((p + "content", S(Obj(x, "content"), "value"), a.Content));
            all.Add((p + "link", AlternateLink(x), a.Link));
            all.Add((p + "updated", S(x, "updatedParsed"), D(a.Updated)));
            all.Add((p + "published", S(x, "publishedParsed"), D(a.Published)));
            all.Add((p + "authors", Has(x, "authors") ? People(x, "authors", "name", "email", "uri") : null, People(a.Authors, true)));
            all.Add((p + "categories", Has(x, "categories") ? string.Join('|', Arr(x, "categories").Select(c => S(c, "label") ?? S(c, "term"))) : null, string.Join('|', a.Categories)));
        }
        return all.Where(t => t.Item2 is not null || t.Item1.EndsWith("count", StringComparison.Ordinal));
    }

    // json.Feed (parser/json): the JSON Feed's own fields.
    private static IEnumerable<(string, string?, string?)> Json(JsonElement e, ParsedFeed f)
    {
        yield return ("title", S(e, "title"), f.Title);
        yield return ("home_page_url", S(e, "home_page_url"), f.Link);
        yield return ("feed_url", S(e, "feed_url"), f.FeedLink);
        yield return ("description", S(e, "description"), f.Description);
        var items = Arr(e, "items");
        yield return ("items.count", items.Count.ToString(CultureInfo.InvariantCulture), f.Items.Count.ToString(CultureInfo.InvariantCulture));
        for (var n = 0; n < Math.Min(items.Count, f.Items.Count); n++)
        {
            var (x, a) = (items[n], f.Items[n]);
            var p = $"items[{n}].";
            yield return (p + "id", S(x, "id"), a.Id);
            yield return (p + "url", S(x, "url"), a.Link);
            yield return (p + "title", S(x, "title"), a.Title);
            yield return (p + "summary", S(x, "summary"), a.Summary);
            yield return (p + "content_html", S(x, "content_html"), a.Content);
            yield return (p + "date_published", S(x, "date_published"), D(a.Published));
            yield return (p + "date_modified", S(x, "date_modified"), D(a.Updated));
            yield return (p + "tags", Strings(x, "tags"), string.Join('|', a.Categories));
            yield return (p + "attachments", string.Join('|', Arr(x, "attachments").Select(t => $"{S(t, "url")} {S(t, "mime_type")} {S(t, "size_in_bytes")}")),
                string.Join('|', a.Enclosures.Select(t => $"{t.Url} {t.Type} {t.Length}")));
        }
    }

    private static string? AlternateLink(JsonElement e) =>
        Has(e, "links") ? Arr(e, "links").Where(l => (S(l, "rel") ?? "alternate") == "alternate").Select(l => S(l, "href")).FirstOrDefault() ?? "" : null;

    private static string Enclosures(JsonElement x) =>
        string.Join('|', Arr(x, "enclosures").Select(t => $"{S(t, "url")} {S(t, "type")} {S(t, "length")}".Trim()));

    private static string Enclosures(FeedItem a) => string.Join('|', a.Enclosures.Select(t => $"{t.Url} {t.Type} {t.Length}".Trim()));

    private static string People(JsonElement e, string key, string name, string email, string? uri) =>
        string.Join('|', Arr(e, key).Select(p => $"{S(p, name)}/{S(p, email)}" + (uri is null ? "" : "/" + S(p, uri))));

    private static string People(List<FeedPerson> people, bool uri) =>
        string.Join('|', people.Select(p => $"{p.Name}/{p.Email}" + (uri ? "/" + p.Uri : "")));

    private static string Strings(JsonElement e, string key) => string.Join('|', Arr(e, key).Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString()));

    private static string? D(DateTimeOffset? d) => d?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static bool Has(JsonElement e, string key) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out _);

    private static JsonElement Obj(JsonElement e, string key) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out var v) ? v : default;

    private static List<JsonElement> Arr(JsonElement e, string key) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray()] : [];

    private static string? S(JsonElement e, string key)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(key, out var v))
        {
            return null;
        }
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.Null => null,
            JsonValueKind.Object when v.TryGetProperty("value", out var inner) => inner.GetString(),
            _ => v.ToString(),
        };
    }
}
