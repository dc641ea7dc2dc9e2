using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Herald.Networks.Sandbox;

/// <summary>Registers the Sandbox network: its connector (a singleton, resolved by the "sandbox" key) and its feed.</summary>
public static class SandboxNetwork
{
    public static IServiceCollection AddSandboxNetwork(this IServiceCollection services)
    {
        // Idempotent: a second INetworkConnector for "sandbox" would break the registry's lookup by key.
        if (services.Any(d => d.ServiceType == typeof(SandboxConnector)))
        {
            return services;
        }
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SandboxFailureInjection>();
        services.AddSingleton<SandboxConnector>();
        services.AddSingleton<INetworkConnector>(sp => sp.GetRequiredService<SandboxConnector>());
        services.AddScoped<SandboxFeed>();
        return services;
    }
}
