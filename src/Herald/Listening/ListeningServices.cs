using Herald.Listening.Sources;
using Herald.Listening.Sources.Bluesky;
using Herald.Listening.Sources.Mastodon;

namespace Herald.Listening;

/// <summary>Registers social listening: the matcher, ingestion, stats, and the sources (Bluesky firehose and AppView search, Mastodon streaming and search, when configured; Sandbox).</summary>
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
        services.AddHttpClient(BlueskyAuthors.HttpClientName, c =>
        {
            c.Timeout = TimeSpan.FromSeconds(10);
            c.DefaultRequestHeaders.UserAgent.ParseAdd("Herald/1.0");
        });
        services.AddSingleton<IAuthorDirectory, BlueskyAuthors>();
        services.AddHostedService<BlueskyListener>();
        services.AddHttpClient(MastodonListener.HttpClientName, c =>
        {
            c.Timeout = Timeout.InfiniteTimeSpan;
            c.DefaultRequestHeaders.UserAgent.ParseAdd("Herald/1.0");
        });
        services.AddHostedService<MastodonListener>();
        services.AddHostedService<SandboxListeningSource>();
        return services;
    }
}
