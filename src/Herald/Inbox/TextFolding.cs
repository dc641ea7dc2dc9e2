using System.Globalization;
using System.Text;

namespace Herald.Inbox;

/// <summary>Folds text for search: lower case, accents removed ("Élodie" → "elodie"), ligatures spelled out, so French and English match as people type.</summary>
public static class TextFolding
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark:
                    continue;
                default:
                    switch (c)
                    {
                        case 'œ' or 'Œ':
                            sb.Append("oe");
                            break;
                        case 'æ' or 'Æ':
                            sb.Append("ae");
                            break;
                        case 'ß':
                            sb.Append("ss");
                            break;
                        case '’' or 'ʼ':
                            sb.Append('\'');
                            break;
                        default:
                            sb.Append(char.ToLowerInvariant(c));
                            break;
                    }
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Escapes a folded search term for LIKE with '\' as the escape character.</summary>
    public static string LikePattern(string term) =>
        "%" + Fold(term).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
