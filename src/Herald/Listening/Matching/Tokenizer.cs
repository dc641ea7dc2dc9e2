using Herald.Listening.Query;

namespace Herald.Listening.Matching;

/// <summary>Splits a text into folded tokens: words (letters/digits), #hashtags and @handles (which keep '.', '-', '_' inside).</summary>
internal static class Tokenizer
{
    public static void Tokenize(ReadOnlySpan<char> text, TokenBuffer buffer)
    {
        buffer.Reset(text.Length);
        var classes = TextFold.Class;
        var chars = buffer.Chars;
        var n = 0;
        var i = 0;
        var previousWasToken = false;
        while (i < text.Length)
        {
            var c = text[i];
            var cls = classes[c];
            var kind = TermKind.Word;
            if ((cls == TextFold.Hash || cls == TextFold.At) && !previousWasToken && i + 1 < text.Length && IsTokenChar(classes[text[i + 1]]))
            {
                kind = cls == TextFold.Hash ? TermKind.Hashtag : TermKind.Mention;
                i++;
            }
            else if (!IsTokenChar(cls))
            {
                previousWasToken = cls == TextFold.Ignore && previousWasToken;
                i++;
                continue;
            }
            var start = n;
            var h = TermTable.Seed;
            while (i < text.Length)
            {
                c = text[i];
                cls = classes[c];
                if (cls == TextFold.Single)
                {
                    var f = TextFold.Folded[c];
                    chars[n++] = f;
                    h = TermTable.Step(h, f);
                }
                else if (cls == TextFold.Ignore)
                {
                    // a combining mark after a letter: dropped, the word goes on
                }
                else if (cls == TextFold.Multi)
                {
                    foreach (var e in TextFold.Expansions[c])
                    {
                        chars[n++] = e;
                        h = TermTable.Step(h, e);
                    }
                }
                else if (cls == TextFold.Joiner && kind == TermKind.Mention && i + 1 < text.Length && IsTokenChar(classes[text[i + 1]]))
                {
                    chars[n++] = c;
                    h = TermTable.Step(h, c);
                }
                else
                {
                    break;
                }
                i++;
            }
            buffer.Add(start, n - start, (byte)kind, h);
            previousWasToken = true;
        }
        buffer.CharCount = n;
    }

    private static bool IsTokenChar(byte cls) => cls is TextFold.Single or TextFold.Multi;

    /// <summary>The folded tokens of a short text, as strings (for compiling queries, not the hot path).</summary>
    public static List<(TermKind Kind, string Text)> Tokens(string text)
    {
        var buffer = new TokenBuffer();
        Tokenize(text, buffer);
        var list = new List<(TermKind, string)>(buffer.Count);
        for (var t = 0; t < buffer.Count; t++)
        {
            list.Add(((TermKind)buffer.Kind[t], buffer.Token(t).ToString()));
        }
        return list;
    }
}
