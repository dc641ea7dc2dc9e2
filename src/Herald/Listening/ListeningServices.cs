using Herald.Listening.Sources;
using Herald.Listening.Sources.Bluesky;

namespace Herald.Listening;

/// <summary>Registers social listening: the matcher, ingestion, stats, and the sources (Bluesky firehose when configured, Sandbox).</summary>
public static class ListeningServices
{
    public static IServiceCollection AddListening(this IServiceCollection services)
    {
        services.AddSingleton<ListeningMatcher>();
        services.AddSingleton<RecentPosts>();
        services.AddSingleton<SpikeAlerts>();
        services.AddSingleton<ListeningIngest>();
        services.AddSingleton<ListeningStats>();
        services.AddSingleton<DbStreamCursor>();
        services.AddScoped<ListeningQueries>();
        return services;
    }

    /// <summary>The long-running sources, for the web host only (the CLI does not listen).</summary>
    public static IServiceCollection AddListeningSources(this IServiceCollection services)
    {
        services.AddHostedService<BlueskyListener>();
        services.AddHostedService<SandboxListeningSource>();
        return services;
    }
}
