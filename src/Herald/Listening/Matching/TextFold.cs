using System.Globalization;
using System.Text;

namespace Herald.Listening.Matching;

/// <summary>Per-character folding tables: NFKD, combining marks stripped, lowercase; letters and digits make tokens.</summary>
/// <remarks>Precomputed for the whole BMP once, so the hot path folds a character with two array reads.</remarks>
internal static class TextFold
{
    public const byte Separator = 0;
    public const byte Single = 1;
    public const byte Multi = 2;
    public const byte Ignore = 3;
    public const byte Hash = 4;
    public const byte At = 5;
    public const byte Joiner = 6; // '.', '-', '_': inside a handle they continue the token

    public static readonly byte[] Class = new byte[65536];
    public static readonly char[] Folded = new char[65536];
    public static readonly Dictionary<char, string> Expansions = [];

    static TextFold()
    {
        for (var i = 0; i < 65536; i++)
        {
            var c = (char)i;
            if (char.IsSurrogate(c))
            {
                continue;
            }
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                Class[i] = Ignore; // a decomposed accent must not split "e\u0301te" into two words
                continue;
            }
            var folded = Fold(c);
            if (folded.Length == 1)
            {
                Class[i] = Single;
                Folded[i] = folded[0];
            }
            else if (folded.Length > 1)
            {
                Class[i] = Multi;
                Expansions[c] = folded;
            }
        }
        Class['#'] = Hash;
        Class['@'] = At;
        Class['.'] = Joiner;
        Class['-'] = Joiner;
        Class['_'] = Joiner;
    }

    private static string Fold(char c)
    {
        string decomposed;
        try
        {
            decomposed = c.ToString().Normalize(NormalizationForm.FormKD);
        }
        catch (ArgumentException)
        {
            return "";
        }
        var sb = new StringBuilder(decomposed.Length);
        foreach (var d in decomposed)
        {
            if (char.IsLetterOrDigit(d) && CharUnicodeInfo.GetUnicodeCategory(d) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark))
            {
                sb.Append(char.ToLowerInvariant(d));
            }
        }
        return sb.ToString();
    }
}
