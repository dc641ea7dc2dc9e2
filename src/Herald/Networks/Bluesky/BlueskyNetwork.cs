using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;

namespace Herald.Networks.Bluesky;

/// <summary>Registers the Bluesky connector.</summary>
public static class BlueskyNetwork
{
    /// <summary>Adds <see cref="BlueskyConnector"/> as an <see cref="INetworkConnector"/> with its typed HttpClient.</summary>
    public static IServiceCollection AddBlueskyNetwork(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddNetworkOptions();
        services.AddHttpClient<BlueskyConnector>(client =>
            {
                client.Timeout = TimeSpan.FromSeconds(120); // the resilience pipeline's timeouts below are the real ones
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Herald (+https://github.com/herald)");
            })
            // The PDS URL comes from the user: refuse private addresses unless Networks:AllowPrivateAddresses.
            .ConfigurePrimaryHttpMessageHandler(AddressGuard.CreateHandler)
            .AddStandardResilienceHandler(options =>
            {
                // A refused address stays refused: do not retry it.
                options.Retry.ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception?.InnerException is not AddressRefusedException
                    && HttpClientResiliencePredicates.IsTransient(args.Outcome));
                // A retried createRecord could publish twice; only the dispatcher decides to retry a publish.
                options.Retry.DisableForUnsafeHttpMethods();
                options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(30);
                options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(90);
                options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(60);
            });
        services.AddTransient<INetworkConnector>(sp => sp.GetRequiredService<BlueskyConnector>());
        return services;
    }
}
