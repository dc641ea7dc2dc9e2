namespace Herald.Listening.Matching;

/// <summary>The tokens of one text, folded, in reusable arrays (no allocation per text once warmed up).</summary>
internal sealed class TokenBuffer
{
    public char[] Chars = new char[1024];
    public int[] Start = new int[256];
    public int[] Length = new int[256];
    public byte[] Kind = new byte[256];

    /// <summary>Each token's FNV-1a hash (<see cref="TermTable.Hash"/>), computed while folding it.</summary>
    public ulong[] Hash = new ulong[256];
    public int Count;
    public int CharCount;

    public ReadOnlySpan<char> Token(int i) => Chars.AsSpan(Start[i], Length[i]);

    public void Reset(int textLength)
    {
        Count = 0;
        CharCount = 0;
        // Folding can expand a character (e.g. a ligature) to a few; 4x the input is a safe bound.
        if (Chars.Length < textLength * 4 + 8)
        {
            Chars = new char[textLength * 4 + 8];
        }
    }

    public void Add(int start, int length, byte kind, ulong hash)
    {
        if (Count == Start.Length)
        {
            Array.Resize(ref Start, Count * 2);
            Array.Resize(ref Length, Count * 2);
            Array.Resize(ref Kind, Count * 2);
            Array.Resize(ref Hash, Count * 2);
        }
        Start[Count] = start;
        Length[Count] = length;
        Kind[Count] = kind;
        Hash[Count] = hash;
        Count++;
    }
}
