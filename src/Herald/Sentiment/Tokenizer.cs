using System.Buffers;
using System.Globalization;
using System.Text;

namespace Herald.Sentiment;

/// <summary>What a token is: a word (letters, digits, inner apostrophes and hyphens), an emoji, or a whitespace-delimited chunk of symbols (an emoticon such as ":-)").</summary>
internal enum TokenKind : byte
{
    Word,
    Emoji,
    Symbols,
}

/// <summary>One token: where it is in the text and what it is.</summary>
internal readonly record struct Token(int Start, int Length, TokenKind Kind, bool AllCaps);

/// <summary>
/// Splits a text into tokens without allocating. Skips @mentions and URLs (their words say nothing of the writer's mood);
/// keeps the words of a #hashtag, split at its capitals ("#NeverAgain" → "Never", "Again"); counts '!' and '?' for emphasis.
/// </summary>
internal ref struct Tokenizer(ReadOnlySpan<char> text)
{
    private readonly ReadOnlySpan<char> _text = text;
    private int _pos;
    private int _chunkEnd = -1;
    private bool _hashtag;

    public int Exclamations { get; private set; }
    public int Questions { get; private set; }

    public bool Next(out Token token)
    {
        while (true)
        {
            if (_pos < _chunkEnd)
            {
                if (NextInChunk(out token))
                {
                    return true;
                }
                continue;
            }
            while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
            {
                _pos++;
            }
            if (_pos >= _text.Length)
            {
                token = default;
                return false;
            }
            var start = _pos;
            var end = start;
            var letters = 0;
            while (end < _text.Length && !char.IsWhiteSpace(_text[end]))
            {
                letters += char.IsLetter(_text[end]) ? 1 : 0;
                end++;
            }
            var chunk = _text[start..end];
            if (chunk[0] == '@' || chunk.StartsWith("http", StringComparison.OrdinalIgnoreCase) || chunk.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
            {
                _pos = end;
                continue;
            }
            if (IsEmoticon(chunk, letters))
            {
                _pos = end;
                token = new Token(start, chunk.Length, TokenKind.Symbols, false);
                return true;
            }
            _chunkEnd = end;
            _hashtag = chunk[0] == '#';
        }
    }

    /// <summary>":)", ":-(", ";-)", "<3", ":D", "xD": short chunks of symbols are looked up whole in the lexicon.</summary>
    private static bool IsEmoticon(ReadOnlySpan<char> chunk, int letters) =>
        chunk.Length is >= 2 and <= 8 && letters <= 1 && chunk.IndexOfAny(":;=<") >= 0
        || chunk is "xD" or "XD" or "xd";

    private bool NextInChunk(out Token token)
    {
        while (_pos < _chunkEnd)
        {
            var c = _text[_pos];
            if (char.IsLetterOrDigit(c))
            {
                var start = _pos;
                var upper = 0;
                var lower = 0;
                while (_pos < _chunkEnd)
                {
                    c = _text[_pos];
                    if (char.IsLetterOrDigit(c))
                    {
                        if (char.IsUpper(c))
                        {
                            if (_hashtag && _pos > start && char.IsLower(_text[_pos - 1]))
                            {
                                // "#NotHappy" → "Not", "Happy": a hashtag's words, split where a capital follows a small letter.
                                break;
                            }
                            upper++;
                        }
                        else if (char.IsLower(c))
                        {
                            lower++;
                        }
                        _pos++;
                    }
                    else if (IsJoiner(c) && _pos + 1 < _chunkEnd && char.IsLetter(_text[_pos + 1]))
                    {
                        _pos++;
                    }
                    else
                    {
                        break;
                    }
                }
                token = new Token(start, _pos - start, TokenKind.Word, upper > 1 && lower == 0);
                return true;
            }
            if (c == '!')
            {
                Exclamations++;
            }
            else if (c == '?')
            {
                Questions++;
            }
            else if (char.IsSurrogate(c) || c >= '\u2190')
            {
                if (Rune.DecodeFromUtf16(_text[_pos..], out var rune, out var used) == OperationStatus.Done && IsEmoji(rune))
                {
                    token = new Token(_pos, used, TokenKind.Emoji, false);
                    _pos += used;
                    return true;
                }
                _pos += Math.Max(1, used);
                continue;
            }
            _pos++;
        }
        _chunkEnd = -1;
        token = default;
        return false;
    }

    private static bool IsJoiner(char c) => c is '\'' or '\u2019' or '-';

    private static bool IsEmoji(Rune rune) =>
        rune.Value is (>= 0x1F000 and <= 0x1FAFF) or (>= 0x2600 and <= 0x27BF) or (>= 0x2190 and <= 0x21FF) or (>= 0x2B00 and <= 0x2BFF)
        && Rune.GetUnicodeCategory(rune) is UnicodeCategory.OtherSymbol or UnicodeCategory.MathSymbol;
}
