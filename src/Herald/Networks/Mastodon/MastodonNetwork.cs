using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Herald.Networks.Mastodon;

/// <summary>Registers the Mastodon connector, its OAuth helper and their HTTP clients.</summary>
public static class MastodonNetwork
{
    public static IServiceCollection AddMastodonNetwork(this IServiceCollection services) => services.AddMastodonNetwork(_ => { });

    public static IServiceCollection AddMastodonNetwork(this IServiceCollection services, Action<MastodonOptions> configure)
    {
        services.AddOptions<MastodonOptions>();
        // Reads the "Mastodon" section when the host has a configuration (tests use a bare service collection).
        services.AddSingleton<IConfigureOptions<MastodonOptions>>(sp =>
            new ConfigureOptions<MastodonOptions>(o => sp.GetService<IConfiguration>()?.GetSection("Mastodon").Bind(o)));
        services.Configure(configure);
        // Networks:AllowPrivateAddresses (one switch for every network) implies the older Mastodon:AllowLocalInstances.
        services.AddNetworkOptions();
        services.AddOptions<MastodonOptions>().PostConfigure<IOptions<NetworkOptions>>((o, n) => o.AllowLocalInstances |= n.Value.AllowPrivateAddresses);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddDataProtection();

        AddClient<MastodonConnector>(services);
        AddClient<MastodonOAuth>(services);
        services.AddTransient<INetworkConnector>(sp => sp.GetRequiredService<MastodonConnector>());
        // Pending authorizations live in the memory cache, so this can be transient (and not hold a typed client forever).
        services.AddTransient<MastodonAuthorizations>();
        return services;
    }

    private static void AddClient<TClient>(IServiceCollection services)
        where TClient : class
    {
        services.AddHttpClient<TClient>(client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns time-outs
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Herald/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
                AddressGuard.CreateHandler(sp.GetRequiredService<IOptions<MastodonOptions>>().Value.AllowLocalInstances))
            .AddStandardResilienceHandler()
            .Configure((resilience, sp) =>
            {
                var timeout = sp.GetRequiredService<IOptions<MastodonOptions>>().Value.RequestTimeout;
                // A refused address stays refused: do not retry it.
                resilience.Retry.ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception?.InnerException is not AddressRefusedException
                    && HttpClientResiliencePredicates.IsTransient(args.Outcome));
                // A publishing POST is never retried here: the dispatcher reconciles and decides.
                resilience.Retry.DisableForUnsafeHttpMethods();
                resilience.AttemptTimeout.Timeout = timeout;
                resilience.TotalRequestTimeout.Timeout = timeout * 3;
                resilience.CircuitBreaker.SamplingDuration = timeout * 2 > TimeSpan.FromSeconds(30) ? timeout * 2 : TimeSpan.FromSeconds(30);
            })
            // One circuit breaker per instance: a broken instance must not stop publishing to the others.
            .SelectPipelineByAuthority();
    }
}
