using System.Runtime.CompilerServices;

namespace Herald.Listening.Matching;

/// <summary>The tokens of one text, folded, in reusable arrays (no allocation per text once warmed up).</summary>
/// <remarks><see cref="Chars"/> holds the text folded in place (an ASCII or simply folded token is a slice of it), then the
/// tokens that had to be rebuilt (expansions, combining marks), then padding for <see cref="TokenHash.OfPadded"/>.</remarks>
internal sealed class TokenBuffer
{
    public const int Padding = 8;
    public char[] Chars = new char[1024];

    /// <summary>One bit per character of the text: it is a letter or digit (after folding).</summary>
    public ulong[] TokenBits = new ulong[16];

    /// <summary>One bit per character that folds to several (a ligature): its token must be rebuilt.</summary>
    public ulong[] ExpandBits = new ulong[16];
    public int[] Start = new int[256];
    public int[] Length = new int[256];
    public byte[] Kind = new byte[256];

    /// <summary>Each token's <see cref="TokenHash"/>.</summary>
    public ulong[] Hash = new ulong[256];
    public int Count;

    /// <summary>Where the next rebuilt token goes in <see cref="Chars"/>.</summary>
    public int CharCount;

    public ReadOnlySpan<char> Token(int i) => Chars.AsSpan(Start[i], Length[i]);

    public void Reset(int textLength)
    {
        Count = 0;
        CharCount = textLength;
        if (Chars.Length < textLength * 2 + Padding)
        {
            Chars = new char[textLength * 2 + Padding];
        }
        if (Start.Length < textLength / 2 + 1) // a token takes a character and a separator: never more than this
        {
            Start = new int[textLength / 2 + 1];
            Length = new int[textLength / 2 + 1];
            Kind = new byte[textLength / 2 + 1];
            Hash = new ulong[textLength / 2 + 1];
        }
        var words = (textLength >> 6) + 2; // every word is written by the tokenizer, none needs clearing
        if (TokenBits.Length < words)
        {
            TokenBits = new ulong[words * 2];
            ExpandBits = new ulong[words * 2];
        }
    }

    /// <summary>Room for <paramref name="more"/> rebuilt characters (and the padding) after <see cref="CharCount"/>.</summary>
    public char[] Reserve(int more)
    {
        if (CharCount + more + Padding > Chars.Length)
        {
            Array.Resize(ref Chars, Math.Max(Chars.Length * 2, CharCount + more + Padding));
        }
        return Chars;
    }

    /// <summary>Appends a token; <see cref="Reset"/> made room for as many as the text can hold.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int start, int length, byte kind, ulong hash)
    {
        var n = Count;
        Start[n] = start;
        Length[n] = length;
        Kind[n] = kind;
        Hash[n] = hash;
        Count = n + 1;
    }
}
