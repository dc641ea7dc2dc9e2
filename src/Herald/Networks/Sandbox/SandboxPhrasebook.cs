using System.Text.RegularExpressions;

namespace Herald.Networks.Sandbox;

/// <summary>One language's templates.</summary>
internal sealed record SandboxPhrases(
    IReadOnlyList<string> Positive,
    IReadOnlyList<string> Neutral,
    IReadOnlyList<string> Negative,
    IReadOnlyList<string> Quotes,
    IReadOnlyList<string> Mentions,
    IReadOnlyList<string> PositiveEmoji,
    IReadOnlyList<string> NeutralEmoji,
    IReadOnlyList<string> NegativeEmoji);

/// <summary>Writes what simulated people say, in their language and tone, sometimes about the post's hashtag.</summary>
internal static partial class SandboxPhrasebook
{
    private const string TopicSlot = "{topic}";

    public static SandboxPhrases For(string lang) => lang == "fr" ? SandboxPhrasesFr.Phrases : SandboxPhrasesEn.Phrases;

    /// <summary>The post's first hashtag that is not a Sandbox control tag, or null.</summary>
    public static string? TopicOf(string text)
    {
        foreach (Match match in Hashtag().Matches(text))
        {
            if (!match.Value.StartsWith("#sandbox", StringComparison.OrdinalIgnoreCase))
            {
                return match.Value;
            }
        }
        return null;
    }

    public static string Reply(SandboxRandom rng, string lang, SandboxTone tone, string? topic)
    {
        var phrases = For(lang);
        var (templates, emoji, emojiChance) = tone switch
        {
            SandboxTone.Positive => (phrases.Positive, phrases.PositiveEmoji, 0.45),
            SandboxTone.Negative => (phrases.Negative, phrases.NegativeEmoji, 0.2),
            _ => (phrases.Neutral, phrases.NeutralEmoji, 0.12),
        };
        var text = Fill(rng, templates, topic);
        return rng.Chance(emojiChance) ? text + rng.Pick(emoji) : text;
    }

    public static string Quote(SandboxRandom rng, string lang, string? topic) => Fill(rng, For(lang).Quotes, topic);

    public static string Mention(SandboxRandom rng, string lang, string accountHandle) =>
        rng.Pick(For(lang).Mentions).Replace("{you}", accountHandle, StringComparison.Ordinal);

    /// <summary>Picks a template; ones about the topic are only eligible when the post has a hashtag.</summary>
    private static string Fill(SandboxRandom rng, IReadOnlyList<string> templates, string? topic)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var template = rng.Pick(templates);
            if (!template.Contains(TopicSlot, StringComparison.Ordinal))
            {
                return template;
            }
            if (topic is not null)
            {
                return template.Replace(TopicSlot, topic, StringComparison.Ordinal);
            }
        }
        return templates.First(t => !t.Contains(TopicSlot, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"#[\p{L}\p{N}_-]+")]
    private static partial Regex Hashtag();
}
