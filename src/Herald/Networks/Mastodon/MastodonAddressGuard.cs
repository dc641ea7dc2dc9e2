using System.Net;
using System.Net.Sockets;

namespace Herald.Networks.Mastodon;

/// <summary>
/// Refuses to connect to loopback, private, link-local and other non-public addresses: the instance URL comes from a user,
/// and checking the address actually connected to (not the name) also defeats DNS rebinding.
/// </summary>
internal static class MastodonAddressGuard
{
    public static SocketsHttpHandler CreateHandler(bool allowLocal) => new()
    {
        // The typed client may live inside a long-lived registry: rotate connections so DNS changes are seen.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AllowAutoRedirect = false,
        ConnectCallback = (context, ct) => ConnectAsync(context, allowLocal, ct),
    };

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowLocal, CancellationToken ct)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
        var allowed = addresses.Where(a => allowLocal || IsPublic(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new MastodonAddressRefusedException($"Refusing to connect to {context.DnsEndPoint.Host}: it is not a public address.");
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
}

/// <summary>The instance resolved only to addresses Herald refuses to call; retrying will not help.</summary>
internal sealed class MastodonAddressRefusedException(string message) : IOException(message);
