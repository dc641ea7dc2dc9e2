namespace Herald.Sentiment;

/// <summary>Registers Herald's local sentiment analysis: one analyzer (lexicons loaded once) and the language detector.</summary>
public static class SentimentServices
{
    public static IServiceCollection AddSentiment(this IServiceCollection services)
    {
        services.AddSingleton<ILanguageDetector>(LanguageDetector.Instance);
        services.AddSingleton<LexiconSentimentAnalyzer>();
        services.AddSingleton<ISentimentAnalyzer>(sp => sp.GetRequiredService<LexiconSentimentAnalyzer>());
        return services;
    }
}
