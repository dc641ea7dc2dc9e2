using System.Collections.Frozen;

namespace Herald.Sentiment;

/// <summary>Tells English from French in a short text; local, allocation-free, for any capability that needs it.</summary>
public interface ILanguageDetector
{
    /// <summary>"en" or "fr": the more likely of the two ("en" when nothing tells them apart).</summary>
    string Detect(ReadOnlySpan<char> text);
}

/// <summary>
/// Counts evidence for each language: frequent function words (stop-words), French elisions ("l'", "qu'"), French
/// accented letters, and English "'s"/"n't"; then character trigrams typical of either language break ties.
/// </summary>
public sealed class LanguageDetector : ILanguageDetector
{
    /// <summary>The shared instance (stateless, thread-safe).</summary>
    public static LanguageDetector Instance { get; } = new();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> English = Set(
        "the a an and or of to in on at for with from by is are was were be been being am have has had do does did not no " +
        "it its it's this that these those there here what which who whom whose why how when where i me my mine you your yours " +
        "he him his she her hers we us our they them their theirs will would can could should shall may might must just so " +
        "very too but if than then about after before because as into out up down over under again more most some any all " +
        "only own same other such than also well get got like love great good bad really im dont can't don't i'm you're " +
        "thanks thank today tonight day night time new one see know think going want need make way people still even back");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> French = Set(
        "le la les un une des du de d l j n qu c s m t au aux et ou mais donc car ni que qui quoi dont ou est sont etait " +
        "etre ete avoir ai as avons avez ont a ce cet cette ces se sa son ses mon ma mes ton ta tes notre nos votre vos leur " +
        "leurs je tu il elle on nous vous ils elles me te lui y en pas plus ne tres trop bien aussi avec sans pour par sur " +
        "sous dans chez vers entre comme tout tous toute toutes rien jamais deja encore toujours alors ici voila c'est " +
        "suis es fait faire peut va vont merci bonjour aujourd hui quand meme apres avant parce pourquoi comment cela ca " +
        "celui celle ceux sera seront etre sont fut moi toi soi nos vraiment super genial nul");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> EnglishTrigrams = Set(
        "the ing and ion tio ent her for tha hat his ere thi ith wit you all was are ver not ould hav ave oug igh ght");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> FrenchTrigrams = Set(
        "les des ent que qui ait our eur ous ons tio ell ais est dan ans par une pou vou nou eme mme ett oir ien");

    private const int Decisive = 8;

    private static readonly System.Buffers.SearchValues<char> FrenchAccents = System.Buffers.SearchValues.Create("éèêàâçùûôîïëœÉÈÀÇ");

    public string Detect(ReadOnlySpan<char> text) => Score(text) > 0 ? "fr" : "en";

    /// <summary>Positive: French; negative or zero: English. Exposed for tests and for callers that want a confidence.</summary>
    public static int Score(ReadOnlySpan<char> text)
    {
        // French accented letters are strong evidence; one vectorized search tells whether there is any.
        var score = text.IndexOfAny(FrenchAccents) >= 0 ? 3 : 0;
        var tokens = new Tokenizer(text);
        Span<char> folded = stackalloc char[48];
        while (tokens.Next(out var token))
        {
            if (token.Kind != TokenKind.Word)
            {
                continue;
            }
            var n = TextFolding.Fold(text.Slice(token.Start, token.Length), folded);
            if (n <= 0)
            {
                continue;
            }
            var word = folded[..n];
            var apostrophe = word.IndexOf('\'');
            if (apostrophe > 0)
            {
                var head = word[..apostrophe];
                var tail = word[(apostrophe + 1)..];
                // "j'aime", "qu'il", "l'eau" are French; "don't", "it's", "I'm" are English.
                if (tail is "t" or "s" or "m" or "re" or "ve" or "ll" or "d")
                {
                    score -= 3;
                }
                else if (head is "l" or "d" or "j" or "qu" or "n" or "c" or "s" or "m" or "t" or "jusqu" or "lorsqu" or "puisqu")
                {
                    score += 3;
                }
                continue;
            }
            var inEnglish = English.Contains(word);
            var inFrench = French.Contains(word);
            if (inEnglish != inFrench)
            {
                score += inFrench ? 2 : -2;
                if (Math.Abs(score) >= Decisive)
                {
                    // Enough agreeing evidence: the rest of a long text will not turn it around.
                    return score;
                }
            }
        }
        // Trigrams only break ties: they are weaker evidence than whole function words, and slower to count.
        return score != 0 ? score : Trigrams(text);
    }

    private static int Trigrams(ReadOnlySpan<char> text)
    {
        var tokens = new Tokenizer(text);
        Span<char> folded = stackalloc char[48];
        var score = 0;
        while (tokens.Next(out var token))
        {
            var n = token.Kind == TokenKind.Word ? TextFolding.Fold(text.Slice(token.Start, token.Length), folded) : 0;
            for (var i = 0; i + 3 <= n; i++)
            {
                var trigram = folded.Slice(i, 3);
                score += (FrenchTrigrams.Contains(trigram) ? 1 : 0) - (EnglishTrigrams.Contains(trigram) ? 1 : 0);
            }
        }
        return score;
    }

    private static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Set(string words) =>
        words.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
}
