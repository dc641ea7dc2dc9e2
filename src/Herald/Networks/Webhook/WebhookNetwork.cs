using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Herald.Networks.Webhook;

/// <summary>Registers the webhook connector and its HTTP client.</summary>
public static class WebhookNetwork
{
    public static IServiceCollection AddWebhookNetwork(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddNetworkOptions();
        services.AddHttpClient<WebhookConnector>(client =>
            {
                // A time-out after the POST was sent is an unknown outcome; the dispatcher decides what follows.
                client.Timeout = TimeSpan.FromSeconds(30);
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Herald-Webhook/1.0");
            })
            // The URL comes from the user. No resilience handler: every call is a publishing POST, never retried here.
            .ConfigurePrimaryHttpMessageHandler(AddressGuard.CreateHandler);
        services.AddTransient<INetworkConnector>(sp => sp.GetRequiredService<WebhookConnector>());
        return services;
    }
}
