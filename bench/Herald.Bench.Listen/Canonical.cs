using System.Text;
using Herald.Listening.Matching;
using Herald.Listening.Query;

namespace Herald.Bench.Listen;

/// <summary>A post folded the same way Herald folds it, for the baselines: tokens with their kind, lang and author.</summary>
internal static class Canonical
{
    /// <summary>" \u0001L:fr \u0001A:alice \u0001A:alice.bsky \u0001A:alice.bsky.social tok #tag @handle " — every token between spaces.</summary>
    public static string ForRegex(string text, string[] langs, string? author)
    {
        var sb = new StringBuilder(" ");
        foreach (var l in langs)
        {
            sb.Append("\u0001L:").Append(Lang(l)).Append(' ');
        }
        foreach (var a in Authors(author))
        {
            sb.Append("\u0001A:").Append(a).Append(' ');
        }
        foreach (var (kind, token) in Tokenizer.Tokens(text))
        {
            sb.Append(kind switch { TermKind.Hashtag => "#", TermKind.Mention => "@", _ => "" }).Append(token).Append(' ');
        }
        return sb.ToString();
    }

    public static string Lang(string l) => l.ToLowerInvariant().Split('-', '_')[0];

    /// <summary>alice.bsky.social → alice, alice.bsky, alice.bsky.social (from:alice matches the whole handle).</summary>
    public static IEnumerable<string> Authors(string? author)
    {
        if (author is null)
        {
            yield break;
        }
        var lower = author.ToLowerInvariant();
        for (var i = lower.IndexOf('.'); i > 0; i = lower.IndexOf('.', i + 1))
        {
            yield return lower[..i];
        }
        yield return lower;
    }
}
