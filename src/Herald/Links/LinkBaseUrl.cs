using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Herald.Links;

/// <summary>The public base URL of short links: Links:BaseUrl, else the request's own origin, else the server's address.</summary>
public sealed class LinkBaseUrl(IConfiguration configuration, IHttpContextAccessor http, IServiceProvider services)
{
    public string Get()
    {
        if (configuration["Links:BaseUrl"] is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }
        if (http.HttpContext?.Request is { Host.HasValue: true } request)
        {
            return $"{request.Scheme}://{request.Host}";
        }
        var address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return (address ?? "http://127.0.0.1:5080").TrimEnd('/');
    }

    public string ShortUrl(string code) => $"{Get()}/l/{code}";
}
