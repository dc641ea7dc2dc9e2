using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Herald.Listening.Query;

namespace Herald.Listening.Matching;

/// <summary>Splits a text into folded tokens: words (letters/digits), #hashtags and @handles (which keep '.', '-', '_' inside).</summary>
/// <remarks>Two passes. The first folds the text in place, sixteen characters at a time with vector operations (lowercase
/// ASCII), the non-ASCII ones among them then one at a time through <see cref="TextFold"/>'s tables, and sets a bit per
/// letter or digit. The second walks the runs of set bits: a run is a token, a slice of the folded text, unless a character
/// in it expands (a ligature) or a combining mark continues it, in which case it is rebuilt one character at a time after
/// the text. Each token goes to a sink as it is found (the matcher looks it up there; <see cref="TokenBuffer"/> lists it).</remarks>
internal static class Tokenizer
{
    public static void Tokenize(ReadOnlySpan<char> text, TokenBuffer buffer)
    {
        var sink = new BufferSink(buffer);
        Tokenize(text, buffer, ref sink);
    }

    /// <summary>Hands each token to <paramref name="sink"/> as it is found (the matcher looks it up there and then, with no
    /// token list in between); <paramref name="buffer"/> holds the folded characters.</summary>
    public static void Tokenize<TSink>(ReadOnlySpan<char> text, TokenBuffer buffer, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        buffer.Reset(text.Length);
        var expands = Fold(text, buffer.Chars, buffer.TokenBits, buffer.ExpandBits);
        Split(text, buffer, expands, ref sink);
    }

    /// <summary>Folds the text in place and sets its bits; returns whether some character expands.</summary>
    /// <remarks>A 64-bit word of bits is built in a register per 64 characters and stored once. Sixteen characters are folded
    /// at once with vector operations; the non-ASCII ones among them (an accent in a French word) are then redone one by one.</remarks>
    private static bool Fold(ReadOnlySpan<char> text, char[] chars, ulong[] tokenBits, ulong[] expandBits)
    {
        var expands = 0UL;
        var accelerated = Vector256.IsHardwareAccelerated;
        ref var src = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        ref var dst = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetArrayDataReference(chars));
        var ascii = Vector256.Create((ushort)0x7F);
        var upperA = Vector256.Create((ushort)'A');
        var lowerA = Vector256.Create((ushort)'a');
        var zero = Vector256.Create((ushort)'0');
        var letters = Vector256.Create((ushort)26);
        var digits = Vector256.Create((ushort)10);
        var caseBit = Vector256.Create((ushort)0x20);
        var w = 0;
        for (var chunk = 0; chunk < text.Length; chunk += 64, w++)
        {
            var end = Math.Min(text.Length, chunk + 64);
            var bits = 0UL;
            var expand = 0UL;
            var i = chunk;
            if (accelerated)
            {
                for (; i + 16 <= end; i += 16)
                {
                    var v = Vector256.LoadUnsafe(ref src, (nuint)i);
                    var lower = v | (Vector256.LessThan(v - upperA, letters) & caseBit);
                    lower.StoreUnsafe(ref dst, (nuint)i);
                    var token = Vector256.LessThan(lower - lowerA, letters) | Vector256.LessThan(v - zero, digits);
                    bits |= (ulong)token.ExtractMostSignificantBits() << (i - chunk);
                    var others = Vector256.GreaterThan(v, ascii).ExtractMostSignificantBits();
                    while (others != 0)
                    {
                        var j = i + BitOperations.TrailingZeroCount(others);
                        others &= others - 1;
                        bits |= FoldOne(text[j], j, chars, chunk, ref expand);
                    }
                }
            }
            for (; i < end; i++)
            {
                bits |= FoldOne(text[i], i, chars, chunk, ref expand);
            }
            tokenBits[w] = bits;
            expandBits[w] = expand;
            expands |= expand;
        }
        tokenBits[w] = 0; // the word after the text's last bit stays clear: Split's search for a clear bit stops there
        return expands != 0;
    }

    /// <summary>Folds the character at <paramref name="j"/> through the tables; returns its token bit, relative to <paramref name="chunk"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong FoldOne(char c, int j, char[] chars, int chunk, ref ulong expand)
    {
        var cls = TextFold.Class[c];
        if (cls == TextFold.Single)
        {
            chars[j] = TextFold.Folded[c];
            return 1UL << (j - chunk);
        }
        chars[j] = c; // a joiner stays itself inside a handle; anything else here is never read
        if (cls == TextFold.Multi)
        {
            expand |= 1UL << (j - chunk);
            return 1UL << (j - chunk);
        }
        return 0;
    }

    private static void Split<TSink>(ReadOnlySpan<char> text, TokenBuffer buffer, bool expands, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        var bits = buffer.TokenBits;
        var expand = buffer.ExpandBits;
        var classes = TextFold.Class;
        var length = text.Length;
        var lastEnd = -1; // where the previous token stopped: "a#b" is two words, not a word and a hashtag
        var pos = 0;
        while (true)
        {
            var s = NextSet(bits, pos, length);
            if (s >= length)
            {
                break;
            }
            var e = NextClear(bits, s);
            var kind = TermKind.Word;
            if (s > 0 && text[s - 1] is '#' or '@' && !JustAfterToken(text, lastEnd, s - 1))
            {
                kind = text[s - 1] == '#' ? TermKind.Hashtag : TermKind.Mention;
            }
            var rebuild = (expands && AnyIn(expand, s, e)) || ContinuesWithMark(text, e);
            while (!rebuild && kind == TermKind.Mention && e + 1 < length && classes[text[e]] == TextFold.Joiner && IsSet(bits, e + 1))
            {
                var next = NextClear(bits, e + 1);
                rebuild = (expands && AnyIn(expand, e + 1, next)) || ContinuesWithMark(text, next);
                e = next;
            }
            int start, count;
            if (rebuild)
            {
                start = buffer.CharCount;
                e = Rebuild(text, s, kind, buffer);
                count = buffer.CharCount - start;
            }
            else
            {
                start = s;
                count = e - s;
            }
            var chars = buffer.Chars;
            var hash = TokenHash.OfPadded(ref chars[start], count, out var head, out var tail);
            sink.Token(chars, start, count, kind, hash, head, tail);
            lastEnd = e;
            pos = e;
        }
    }

    /// <summary>Appends each token to the buffer's token list.</summary>
    private readonly struct BufferSink(TokenBuffer buffer) : ITokenSink
    {
        public void Token(char[] chars, int start, int count, TermKind kind, ulong hash, ulong head, ulong tail) => buffer.Add(start, count, (byte)kind, hash);
    }

    /// <summary>Folds one token character by character after the text (ligatures expanded, combining marks dropped); returns where it stops.</summary>
    private static int Rebuild(ReadOnlySpan<char> text, int i, TermKind kind, TokenBuffer buffer)
    {
        var classes = TextFold.Class;
        var chars = buffer.Reserve(text.Length - i);
        var n = buffer.CharCount;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            var cls = classes[c];
            if (cls == TextFold.Single)
            {
                chars[n++] = TextFold.Folded[c];
            }
            else if (cls == TextFold.Multi)
            {
                var expansion = TextFold.Expansions[c];
                buffer.CharCount = n;
                chars = buffer.Reserve(expansion.Length + text.Length - i);
                expansion.CopyTo(chars.AsSpan(n));
                n += expansion.Length;
            }
            else if (cls == TextFold.Joiner && kind == TermKind.Mention && i + 1 < text.Length && IsTokenChar(classes[text[i + 1]]))
            {
                chars[n++] = c;
            }
            else if (cls != TextFold.Ignore) // a combining mark after a letter is dropped and the word goes on
            {
                break;
            }
        }
        buffer.CharCount = n;
        return i;
    }

    /// <summary>Whether only combining marks lie between the previous token's end and <paramref name="at"/>.</summary>
    private static bool JustAfterToken(ReadOnlySpan<char> text, int lastEnd, int at)
    {
        if (lastEnd < 0)
        {
            return false;
        }
        for (var j = lastEnd; j < at; j++)
        {
            if (TextFold.Class[text[j]] != TextFold.Ignore)
            {
                return false;
            }
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ContinuesWithMark(ReadOnlySpan<char> text, int at) =>
        at < text.Length && text[at] >= 0x80 && TextFold.Class[text[at]] == TextFold.Ignore;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSet(ulong[] bits, int at) => (bits[at >> 6] & (1UL << at)) != 0;

    /// <summary>The first set bit at or after <paramref name="from"/>, or a value ≥ <paramref name="length"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NextSet(ulong[] bits, int from, int length)
    {
        var w = from >> 6;
        var word = bits[w] & (~0UL << from);
        var last = length >> 6;
        while (word == 0)
        {
            if (++w > last)
            {
                return length;
            }
            word = bits[w];
        }
        return (w << 6) + BitOperations.TrailingZeroCount(word);
    }

    /// <summary>The first clear bit at or after <paramref name="from"/> (bits past the text are clear).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NextClear(ulong[] bits, int from)
    {
        var w = from >> 6;
        var word = ~bits[w] & (~0UL << from);
        while (word == 0)
        {
            word = ~bits[++w];
        }
        return (w << 6) + BitOperations.TrailingZeroCount(word);
    }

    /// <summary>Whether any bit in [from, to) is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AnyIn(ulong[] bits, int from, int to)
    {
        var w = from >> 6;
        var last = (to - 1) >> 6;
        var word = bits[w] & (~0UL << from);
        while (w < last)
        {
            if (word != 0)
            {
                return true;
            }
            word = bits[++w];
        }
        var tail = to & 63;
        return (tail == 0 ? word : word & ((1UL << tail) - 1)) != 0;
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

/// <summary>Receives the tokens of a text as <see cref="Tokenizer"/> finds them: <paramref name="count"/> folded characters of
/// <paramref name="chars"/> from <paramref name="start"/> (followed by readable padding), and their <see cref="TokenHash"/>
/// (with, for a token of up to 8 characters, its two zero-padded blocks).</summary>
internal interface ITokenSink
{
    void Token(char[] chars, int start, int count, TermKind kind, ulong hash, ulong head, ulong tail);
}
