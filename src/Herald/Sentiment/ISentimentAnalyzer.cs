namespace Herald.Sentiment;

/// <summary>Positive, neutral or negative.</summary>
public enum SentimentLabel
{
    Negative,
    Neutral,
    Positive,
}

/// <summary>What the analyzer says of one text: a label, a score in [-1, 1] (negative to positive) and the language it used ("en" or "fr").</summary>
public readonly record struct SentimentResult(SentimentLabel Label, double Score, string Language);

/// <summary>Local sentiment analysis in English and French; thread-safe, no outside service.</summary>
public interface ISentimentAnalyzer
{
    /// <summary>Analyzes one text. <paramref name="language"/> is "en", "fr", or null/"auto" to detect it.</summary>
    SentimentResult Analyze(string text, string? language = null);
}
