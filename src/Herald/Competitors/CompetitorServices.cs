using Herald.Networks;

namespace Herald.Competitors;

/// <summary>Registers competitors: a public-read source per network, the collector, the comparison.</summary>
public static class CompetitorServices
{
    /// <summary>The HTTP client for public reads; competitors' instance URLs come from users, so it refuses private addresses.</summary>
    public const string HttpClientName = "competitors";

    public static IServiceCollection AddCompetitors(this IServiceCollection services)
    {
        services.AddNetworkOptions();
        services.AddHttpClient(HttpClientName, c =>
            {
                c.Timeout = TimeSpan.FromSeconds(30);
                c.DefaultRequestHeaders.UserAgent.ParseAdd("Herald/1.0 (competitor analytics)");
            })
            .ConfigurePrimaryHttpMessageHandler(AddressGuard.CreateHandler);
        // No resilience handler: the collector's own backoff (on the injected clock) decides when to read again.
        services.AddSingleton(sp =>
        {
            var options = new CompetitorOptions();
            sp.GetRequiredService<IConfiguration>().GetSection("Competitors").Bind(options);
            return options;
        });
        services.AddSingleton<ICompetitorSource, BlueskyCompetitors>();
        services.AddSingleton<ICompetitorSource, MastodonCompetitors>();
        services.AddSingleton<ICompetitorSource, SandboxCompetitors>();
        services.AddSingleton<CompetitorSources>();
        services.AddScoped<CompetitorRecorder>();
        services.AddScoped<CompetitorCommands>();
        services.AddScoped<CompetitorComparison>();
        services.AddSingleton<CompetitorCollector>();
        services.AddHostedService(sp => sp.GetRequiredService<CompetitorCollector>());
        return services;
    }
}
