using Herald.Curation.Fetching;
using Herald.Curation.Reading;
using Herald.Curation.Subscriptions;
using Herald.Networks;

namespace Herald.Curation;

/// <summary>Registers the feed reader and the reading list.</summary>
public static class CurationServices
{
    public static IServiceCollection AddCuration(this IServiceCollection services)
    {
        services.AddNetworkOptions();
        services.AddSingleton(sp =>
        {
            var o = new CurationOptions();
            sp.GetService<IConfiguration>()?.GetSection("Curation").Bind(o);
            return o;
        });
        services.AddSingleton(FetchOptions.From);
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<FetchOptions>();
            return new FeedFetcher(new HttpClient(AddressGuard.CreateHandler(o.AllowPrivateAddresses)) { Timeout = Timeout.InfiniteTimeSpan }, o,
                sp.GetRequiredService<TimeProvider>());
        });
        services.AddScoped<SubscriptionService>();
        services.AddScoped<ReadingListService>();
        services.AddSingleton<FeedPoller>();
        services.AddHostedService(sp => new PollerHost(sp.GetRequiredService<FeedPoller>(), sp.GetRequiredService<CurationOptions>()));
        return services;
    }

    /// <summary>Runs the poller unless configuration turned it off.</summary>
    private sealed class PollerHost(FeedPoller poller, CurationOptions options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => options.PollerEnabled ? poller.StartAsync(cancellationToken) : Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => options.PollerEnabled ? poller.StopAsync(cancellationToken) : Task.CompletedTask;
    }
}
