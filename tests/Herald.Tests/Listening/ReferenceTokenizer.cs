using Herald.Listening.Matching;
using Herald.Listening.Query;

namespace Herald.Tests.Listening;

/// <summary>The tokenizer written the obvious way, one character at a time (the engine's own has a vectorised ASCII path).</summary>
internal static class ReferenceTokenizer
{
    public static List<(TermKind Kind, string Text)> Tokens(string text)
    {
        var tokens = new List<(TermKind, string)>();
        var classes = TextFold.Class;
        var i = 0;
        var previousWasToken = false;
        while (i < text.Length)
        {
            var cls = classes[text[i]];
            var kind = TermKind.Word;
            if ((cls == TextFold.Hash || cls == TextFold.At) && !previousWasToken && i + 1 < text.Length && IsTokenChar(classes[text[i + 1]]))
            {
                kind = cls == TextFold.Hash ? TermKind.Hashtag : TermKind.Mention;
                i++;
            }
            else if (!IsTokenChar(cls))
            {
                // a combining mark right after a word does not end the "just after a word" state: "é#x" is not a hashtag
                previousWasToken = cls == TextFold.Ignore && previousWasToken;
                i++;
                continue;
            }
            var token = new System.Text.StringBuilder();
            for (; i < text.Length; i++)
            {
                var c = text[i];
                cls = classes[c];
                if (cls == TextFold.Single)
                {
                    token.Append(TextFold.Folded[c]);
                }
                else if (cls == TextFold.Multi)
                {
                    token.Append(TextFold.Expansions[c]);
                }
                else if (cls == TextFold.Joiner && kind == TermKind.Mention && i + 1 < text.Length && IsTokenChar(classes[text[i + 1]]))
                {
                    token.Append(c);
                }
                else if (cls != TextFold.Ignore)
                {
                    break;
                }
            }
            tokens.Add((kind, token.ToString()));
            previousWasToken = true;
        }
        return tokens;
    }

    private static bool IsTokenChar(byte cls) => cls is TextFold.Single or TextFold.Multi;
}
