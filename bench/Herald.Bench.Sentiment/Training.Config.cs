using Herald.Sentiment;

namespace Herald.Bench.Sentiment;

internal static partial class Training
{
    /// <summary>What the model sees: the first <paramref name="Dense"/> text features (3: bias, compound, magnitude; 7: all),
    /// word pairs seen in at least <paramref name="PairMinDf"/> texts (0: none), their L2 <paramref name="PairL2"/> times the words';
    /// passes over the data <paramref name="Epochs"/> (fewer stop the fit before it learns the tuning texts' noise).
    /// The rest are the experiments of 2026-12-07 round 5 (bench/README.md); none was kept.</summary>
    internal sealed record Config(
        int Dense, int PairMinDf, double PairL2, bool SocialBias = false, double TweetWords = 0, int WordMinDf = 3, int CharGrams = 0,
        int Prefix = 0, double GramL2 = 1, double TweetWeight = 1, string? Exclude = null, bool FlatL2 = false, int Seeds = 1,
        int Epochs = 15, double Band = 0.5, int NegationScope = 0, int Embed = 0, int EmbedMode = 0, double EmbedL2 = 0, double EmbedScale = 1, int Afinn = 0)
    {
        /// <summary>The shipped configuration (both languages), chosen by 5-fold cross-validation on the tuning halves (bench/README.md).</summary>
        public static Config Shipped { get; } = new(8, 5, 3);

        public override string ToString() => string.Concat(
            $"dense {Dense}, pairs {(PairMinDf == 0 ? "off" : $"df>={PairMinDf} L2x{PairL2}")}",
            SocialBias ? ", bias per source, tweets' shipped" : "",
            TweetWords > 0 ? $", tweets' own word weights L2x{TweetWords}" : "",
            WordMinDf != 3 ? $", words df>={WordMinDf}" : "",
            CharGrams > 0 ? $", char {CharGrams}-grams L2x{GramL2}" : "",
            Prefix > 0 ? $", prefixes of {Prefix} L2x{GramL2}" : "",
            TweetWeight != 1 ? $", tweets weighed x{TweetWeight}" : "",
            Exclude is null ? "" : $", without {Exclude}",
            FlatL2 ? ", L2 the same per word whatever its frequency" : "",
            Seeds > 1 ? $", mean of {Seeds} fits" : "",
            Epochs != 15 ? $", {Epochs} epochs" : "",
            Band != 0.5 ? $", snippets neutral within ±{Band}" : "",
            NegationScope != 0 ? $", words after a negator {(NegationScope > 0 ? "marked" : "also marked")}" : "",
            Embed > 0 ? $", GloVe of the {Embed} commonest words ({(EmbedMode == 0 ? "mean" : EmbedMode == 1 ? "sum / words" : "sum / sqrt(words)")} x{EmbedScale}, L2 {EmbedL2})" : "",
            Afinn > 0 ? $", AFINN-165 sums ({Afinn})" : "");
    }
}
