namespace Herald.Sentiment;

/// <summary>
/// Herald's sentiment analyzer: a lexicon and rules in the manner of VADER (Hutto and Gilbert, 2014), in English and in
/// French: valences of words, emoji and emoticons; negation ("not", "ne … pas", "n'"); boosters and dampeners ("very",
/// "très", "un peu"); CAPITALS and "!!!" for emphasis; "but"/"mais" weighting what follows; elongations ("soooo").
/// One pass over the text, no allocation but the result's language string (a constant).
/// </summary>
public sealed class LexiconSentimentAnalyzer : ISentimentAnalyzer
{
    private const float CapsIncrement = 0.733f;
    private const float NegationScalar = -0.74f;
    private const float ContrastBefore = 0.5f;
    private const float ContrastAfter = 1.5f;
    private const float ExclamationIncrement = 0.292f;
    private const int MaxWord = 48;

    private readonly Lexicon _english;
    private readonly Lexicon _french;
    private readonly SentimentThresholds _thresholds;

    public LexiconSentimentAnalyzer() : this(SentimentThresholds.Default)
    {
    }

    public LexiconSentimentAnalyzer(SentimentThresholds thresholds)
    {
        _english = Lexicon.Load("en");
        _french = Lexicon.Load("fr");
        _thresholds = thresholds;
    }

    public SentimentResult Analyze(string text, string? language = null) => Analyze(text.AsSpan(), language);

    /// <summary>The lexicon of "en" or "fr" (training and tests).</summary>
    internal Lexicon LexiconOf(string language) => language == "fr" ? _french : _english;

    /// <summary>The span overload the CLI and the benchmark use, so lines need not become strings.</summary>
    public SentimentResult Analyze(ReadOnlySpan<char> text, string? language = null)
    {
        var lang = language switch
        {
            "en" => "en",
            "fr" => "fr",
            _ => LanguageDetector.Instance.Detect(text),
        };
        var lexicon = lang == "fr" ? _french : _english;
        var compound = Compound(text, lexicon, lang == "fr", out var features);
        if (lexicon.Model is not { } model || _thresholds.IgnoreModel)
        {
            var label = compound >= _thresholds.Positive ? SentimentLabel.Positive
                : compound <= -_thresholds.Negative ? SentimentLabel.Negative
                : SentimentLabel.Neutral;
            return new SentimentResult(label, Math.Round(compound, 4), lang);
        }
        if (features.KnowsNothing((float)compound))
        {
            // Nothing Herald knows: neutral, whatever the training sets' class balance says.
            return new SentimentResult(SentimentLabel.Neutral, 0, lang);
        }
        // The linear model weighs the rules' verdict against words the lexicon lacks ("refund", "réchauffement").
        Span<float> x = stackalloc float[TextFeatures.Count];
        features.Fill(x, (float)compound);
        float negative = features.Negative, neutral = features.Neutral, positive = features.Positive;
        var weights = model.Weights;
        for (var i = 0; i < x.Length; i++)
        {
            var w = weights[i];
            negative += w[0] * x[i];
            neutral += w[1] * x[i];
            positive += w[2] * x[i];
        }
        var max = MathF.Max(negative, MathF.Max(neutral, positive));
        var en = MathF.Exp(negative - max);
        var eu = MathF.Exp(neutral - max);
        var ep = MathF.Exp(positive - max);
        var score = (ep - en) / (en + eu + ep);
        var best = positive >= neutral && positive >= negative ? SentimentLabel.Positive
            : negative >= neutral ? SentimentLabel.Negative
            : SentimentLabel.Neutral;
        return new SentimentResult(best, Math.Round(score, 4), lang);
    }

    /// <summary>
    /// The rules' compound score: the sum of valences, normalized into [-1, 1] as VADER does (x / sqrt(x² + 15));
    /// <paramref name="features"/> gets the sums of the model's word and word-pair weights and the rest the model weighs;
    /// <paramref name="seen"/> (training only) every folded word and every pair of consecutive words ("not bad").
    /// </summary>
    internal static double Compound(ReadOnlySpan<char> text, Lexicon lexicon, bool french, out TextFeatures features, List<string>? seen = null)
    {
        float wordsNegative = 0, wordsNeutral = 0, wordsPositive = 0, positiveValence = 0, negativeValence = 0;
        var lookup = lexicon.Lookup;
        var tokens = new Tokenizer(text);
        Span<char> word = stackalloc char[MaxWord];
        Span<char> phrase = stackalloc char[MaxWord * 2 + 1];
        Span<char> previousWord = stackalloc char[MaxWord];
        var previousLength = 0;
        // The three words before the current one: their boosts and whether they negate (a ring, newest at index 0).
        LexiconEntry p0 = default, p1 = default, p2 = default, p3 = default;
        var hasLower = HasLowerCase(text);
        var sum = 0f;
        var weight = 1f;
        var previousContribution = 0f;
        while (tokens.Next(out var token))
        {
            var raw = text.Slice(token.Start, token.Length);
            var n = TextFolding.Fold(raw, word);
            if (n <= 0)
            {
                p3 = p2; p2 = p1; p1 = p0; p0 = default;
                previousLength = 0;
                continue;
            }
            var current = word[..n];
            if (token.Kind == TokenKind.Word && current.IndexOf('\'') is var apostrophe and > 0)
            {
                if (french)
                {
                    // "j'adore", "n'est", "qu'il": the elided word acts (n' negates), then the rest is scored.
                    var head = lookup.TryGetValue(current[..apostrophe], out var h) ? h : default;
                    p3 = p2; p2 = p1; p1 = p0; p0 = head;
                    // The elided word is the previous word of what follows it ("n'aime" pairs as "n aime").
                    current[..apostrophe].CopyTo(previousWord);
                    previousLength = apostrophe;
                    current = current[(apostrophe + 1)..];
                }
                else if (current.EndsWith("n't"))
                {
                    // "don't like" pairs as "not like", so every negated form shares the pair's weights.
                    p3 = p2; p2 = p1; p1 = p0;
                    p0 = lookup.TryGetValue("not", out var not) ? not : new LexiconEntry(0, 0, WordRole.Negator);
                    "not".CopyTo(previousWord);
                    previousLength = 3;
                    continue;
                }
            }
            seen?.Add(current.ToString());
            var found = lookup.TryGetValue(current, out var entry);
            var elongated = false;
            if (!found && token.Kind == TokenKind.Word && Squeeze(current, out var squeezedLength))
            {
                // "goooood" → "good", "nuuuul" → "nul": the stretch is emphasis.
                elongated = true;
                current = current[..squeezedLength];
                found = lookup.TryGetValue(current, out entry);
            }
            if (previousLength > 0 && previousLength + 1 + current.Length <= phrase.Length
                && (seen is not null || (p0.Role & WordRole.PairStart) != 0))
            {
                previousWord[..previousLength].CopyTo(phrase);
                phrase[previousLength] = ' ';
                current.CopyTo(phrase[(previousLength + 1)..]);
                var pair = phrase[..(previousLength + 1 + current.Length)];
                seen?.Add(pair.ToString());
                if (lookup.TryGetValue(pair, out var weighted))
                {
                    wordsNegative += weighted.Negative;
                    wordsNeutral += weighted.Neutral;
                    wordsPositive += weighted.Positive;
                }
            }
            var phraseNegated = false;
            if ((p0.Role & WordRole.PhraseStart) != 0 && previousLength > 0 && previousLength + 1 + current.Length <= phrase.Length)
            {
                previousWord[..previousLength].CopyTo(phrase);
                phrase[previousLength] = ' ';
                current.CopyTo(phrase[(previousLength + 1)..]);
                if (lookup.TryGetValue(phrase[..(previousLength + 1 + current.Length)], out var whole) && whole.Valence != 0)
                {
                    // "fed up", "pas mal": the phrase replaces its words; a negation inside it is already in its valence.
                    sum -= previousContribution;
                    positiveValence -= Math.Max(previousContribution, 0);
                    negativeValence -= Math.Max(-previousContribution, 0);
                    // The word's own model weights stay (the pair's were added above).
                    entry = whole with { Role = WordRole.None, Negative = entry.Negative, Neutral = entry.Neutral, Positive = entry.Positive };
                    found = true;
                    phraseNegated = (p0.Role & WordRole.Negator) != 0;
                    p0 = p1; p1 = p2; p2 = p3; p3 = default;
                    if (phraseNegated)
                    {
                        // "ce n'est pas terrible": the phrase used the negation up; it must not flip the words after it.
                        p0 = p0 with { Role = p0.Role & ~WordRole.Negator };
                        p1 = p1 with { Role = p1.Role & ~WordRole.Negator };
                        p2 = p2 with { Role = p2.Role & ~WordRole.Negator };
                    }
                }
            }
            previousContribution = 0;
            if (found)
            {
                wordsNegative += entry.Negative;
                wordsNeutral += entry.Neutral;
                wordsPositive += entry.Positive;
            }
            if (found && entry.Valence != 0)
            {
                var v = entry.Valence;
                v += Boost(p0.Boost, v, 1f) + Boost(p1.Boost, v, 0.95f) + Boost(p2.Boost, v, 0.9f);
                if ((token.AllCaps && hasLower) || elongated)
                {
                    v += v > 0 ? CapsIncrement : -CapsIncrement;
                }
                var negators = (p0.Role | p1.Role | p2.Role | (french ? p3.Role : WordRole.None)) & WordRole.Negator;
                if (negators != 0 && !phraseNegated)
                {
                    v *= NegationScalar;
                }
                previousContribution = v * weight;
                sum += previousContribution;
                positiveValence += Math.Max(previousContribution, 0);
                negativeValence += Math.Max(-previousContribution, 0);
            }
            if (found && (entry.Role & WordRole.Contrast) != 0)
            {
                sum *= ContrastBefore;
                positiveValence *= ContrastBefore;
                negativeValence *= ContrastBefore;
                weight = ContrastAfter;
            }
            p3 = p2; p2 = p1; p1 = p0; p0 = found ? entry : default;
            previousLength = current.Length;
            current.CopyTo(previousWord);
        }
        if (sum != 0)
        {
            var emphasis = Math.Min(tokens.Exclamations, 4) * ExclamationIncrement;
            if (tokens.Questions > 1)
            {
                emphasis += tokens.Questions <= 3 ? tokens.Questions * 0.18f : 0.96f;
            }
            sum += sum > 0 ? emphasis : -emphasis;
        }
        features = new TextFeatures(wordsNegative, wordsNeutral, wordsPositive, positiveValence, negativeValence, tokens.Exclamations, tokens.Questions);
        return sum / Math.Sqrt(sum * sum + 15);
    }

    private static float Boost(float boost, float valence, float decay) =>
        boost == 0 ? 0 : (valence > 0 ? boost : -boost) * decay;

    /// <summary>Shortens runs of three or more equal letters to two ("soooo" → "soo"), then to one when that is what the word is.</summary>
    private static bool Squeeze(Span<char> word, out int length)
    {
        length = 0;
        var changed = false;
        for (var i = 0; i < word.Length; i++)
        {
            if (length >= 2 && word[i] == word[length - 1] && word[i] == word[length - 2])
            {
                changed = true;
                continue;
            }
            word[length++] = word[i];
        }
        return changed;
    }

    private static bool HasLowerCase(ReadOnlySpan<char> text)
    {
        // Nearly every text has an ASCII lower-case letter: a vectorized search answers at once.
        if (text.ContainsAnyInRange('a', 'z'))
        {
            return true;
        }
        foreach (var c in text)
        {
            if (char.IsLower(c))
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>
/// Where the compound score turns into a label when a language has no learned model (or <see cref="IgnoreModel"/>): at or
/// above <see cref="Positive"/> positive, at or below -<see cref="Negative"/> negative.
/// </summary>
public sealed record SentimentThresholds(double Positive, double Negative, bool IgnoreModel = false)
{
    /// <summary>Measured on the tuning halves of the development sets (see bench/README.md).</summary>
    public static SentimentThresholds Default { get; } = new(0.25, 0.25);
}
