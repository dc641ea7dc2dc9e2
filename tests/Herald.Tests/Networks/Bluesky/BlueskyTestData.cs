using System.Text.Json;

namespace Herald.Tests.Networks.Bluesky;

/// <summary>The atproto vectors copied into TestData/bluesky (MIT OR Apache-2.0, and CC0 for interop-tests).</summary>
internal static class BlueskyTestData
{
    public static string PathOf(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", "bluesky", .. parts]);

    public static JsonElement Json(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(PathOf(file)));
        return doc.RootElement.Clone();
    }

    /// <summary>The non-comment, non-empty lines of an interop-tests syntax file.</summary>
    public static IEnumerable<string> SyntaxLines(string file) =>
        File.ReadAllLines(PathOf("interop-tests", file)).Where(l => l.Length > 0 && !l.StartsWith('#'));
}
