namespace Herald.Sentiment;

/// <summary>
/// What one pass of the rules learns about a text besides its compound score: the sums of the model's word (and word
/// pair) weights per class, the positive and negative valence it found (apart, so "love it but hate the ending" is not
/// mistaken for a text with no feeling), and its '!' and '?'.
/// </summary>
internal readonly record struct TextFeatures(
    float Negative, float Neutral, float Positive, float PositiveValence, float NegativeValence, int Exclamations, int Questions)
{
    /// <summary>The text-level features the linear model weighs, in this order (names as in {lang}-model.tsv).</summary>
    public static readonly string[] Names =
        ["__bias__", "__compound__", "__magnitude__", "__positive__", "__negative__", "__exclamation__", "__question__", "__no_valence__"];

    public static int Count => 8;

    public bool KnowsNothing(float compound) => compound == 0 && Negative == 0 && Neutral == 0 && Positive == 0;

    /// <summary>Fills <paramref name="x"/> (length <see cref="Count"/>) with the features; the same code for training and scoring.</summary>
    public void Fill(Span<float> x, float compound)
    {
        x[0] = 1;
        x[1] = compound;
        x[2] = MathF.Abs(compound);
        x[3] = Squash(PositiveValence);
        x[4] = Squash(NegativeValence);
        x[5] = Math.Min(Exclamations, 3) / 3f;
        x[6] = Questions > 0 ? 1 : 0;
        // No word of the lexicon at all: only the model's words speak, and they should need more to leave neutral.
        x[7] = PositiveValence == 0 && NegativeValence == 0 ? 1 : 0;
    }

    /// <summary>VADER's normalization into [0, 1) for a sum of valences.</summary>
    private static float Squash(float sum) => sum / MathF.Sqrt(sum * sum + 15);
}
