using Herald.Networks.Mastodon;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Herald.Tests.Networks.Mastodon;

/// <summary>The OAuth endpoints map (their handlers are only exercised once the composition root hosts them).</summary>
public sealed class MastodonEndpointMappingTests
{
    [Fact]
    public async Task The_oauth_endpoints_are_mapped_as_posts_under_accounts_mastodon()
    {
        var app = WebApplication.CreateSlimBuilder().Build();
        app.MapMastodonOAuthEndpoints();

        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();

        Assert.Equal(["/api/v1/accounts/mastodon/authorize", "/api/v1/accounts/mastodon/callback"],
            endpoints.Select(e => e.RoutePattern.RawText).Order());
        Assert.All(endpoints, e => Assert.Equal(["POST"], e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods));
        await app.DisposeAsync();
    }
}
