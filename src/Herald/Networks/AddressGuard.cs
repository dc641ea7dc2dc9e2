using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Herald.Networks;

/// <summary>
/// Refuses to connect to loopback, private, link-local and other non-public addresses: instance, PDS and webhook URLs come
/// from users, and checking the address actually connected to (not the name) also defeats DNS rebinding.
/// </summary>
public static class AddressGuard
{
    /// <summary>The configuration key that lets every network connect to private addresses (tests, a LAN instance).</summary>
    public const string ConfigurationKey = "Networks:AllowPrivateAddresses";

    /// <summary>The environment variable with the same effect ("1" or "true").</summary>
    public const string EnvironmentVariable = "HERALD_ALLOW_PRIVATE_NETWORKS";

    /// <summary>Registers <see cref="NetworkOptions"/>, read from the "Networks" section and the environment; safe to call more than once.</summary>
    public static IServiceCollection AddNetworkOptions(this IServiceCollection services)
    {
        services.AddOptions<NetworkOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<NetworkOptions>, NetworkOptionsSetup>());
        return services;
    }

    /// <summary>A handler for a typed client whose URLs come from users.</summary>
    public static SocketsHttpHandler CreateHandler(bool allowPrivate) => new()
    {
        // The typed client may live inside a long-lived registry: rotate connections so DNS changes are seen.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AllowAutoRedirect = false,
        ConnectCallback = (context, ct) => ConnectAsync(context, allowPrivate, ct),
    };

    /// <summary>The same handler, with the option read from the container.</summary>
    public static SocketsHttpHandler CreateHandler(IServiceProvider services) =>
        CreateHandler(services.GetRequiredService<IOptions<NetworkOptions>>().Value.AllowPrivateAddresses);

    /// <summary>The message every connector gives for a refused address.</summary>
    public static string RefusalMessage(string host) => $"Refusing to connect to {host}: it is not a public address.";

    /// <summary>A permanent failure when <paramref name="exception"/> (or an inner one) is a refused address; null otherwise.</summary>
    public static NetworkFailure? Refusal(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is AddressRefusedException refused)
            {
                return new NetworkFailure(FailureKind.Permanent, refused.Message);
            }
        }
        return null;
    }

    /// <summary>
    /// Refuses, before any request, a URL whose host is literally a non-public address or "localhost" (so a refusal does
    /// not depend on which check a connector runs first); names are still checked at connect time.
    /// </summary>
    public static NetworkFailure? RefuseLiteral(string? url, bool allowPrivate)
    {
        if (allowPrivate || string.IsNullOrWhiteSpace(url))
        {
            return null;
        }
        var text = url.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            return null;
        }
        var host = uri.IdnHost.Trim('[', ']');
        var local = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && !IsPublic(address));
        return local ? new NetworkFailure(FailureKind.Permanent, RefusalMessage(uri.Host)) : null;
    }

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken ct)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
        var allowed = addresses.Where(a => allowPrivate || IsPublic(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new AddressRefusedException(RefusalMessage(context.DnsEndPoint.Host));
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 10
                || b[0] == 0
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || b[0] >= 224);
        }
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
    }

    private sealed class NetworkOptionsSetup(IServiceProvider services) : IConfigureOptions<NetworkOptions>
    {
        public void Configure(NetworkOptions options)
        {
            // Tests build bare service collections without a configuration.
            services.GetService<IConfiguration>()?.GetSection("Networks").Bind(options);
            if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { } env
                && (env == "1" || string.Equals(env, "true", StringComparison.OrdinalIgnoreCase)))
            {
                options.AllowPrivateAddresses = true;
            }
        }
    }
}

/// <summary>Settings shared by every network (section "Networks" of the configuration).</summary>
public sealed class NetworkOptions
{
    /// <summary>
    /// Lets connectors call loopback and private addresses. Off by default so a user-supplied URL cannot reach Herald's own
    /// network (SSRF); tests, benchmarks and a self-hosted instance on the LAN turn it on.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }
}

/// <summary>The URL resolved only to addresses Herald refuses to call; retrying will not help.</summary>
public sealed class AddressRefusedException(string message) : IOException(message);
