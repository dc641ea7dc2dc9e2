using Microsoft.Extensions.Options;

namespace Herald.Networks.Mastodon;

/// <summary>An application registered on one instance with POST /api/v1/apps.</summary>
internal sealed record MastodonApp(string ClientId, string ClientSecret)
{
    public override string ToString() => $"MastodonApp {{ ClientId = {ClientId} }}";
}

/// <summary>
/// Mastodon's OAuth: Herald registers itself as an app on the user's instance, sends the user to /oauth/authorize,
/// and exchanges the code it gets back for an access token (which never expires and is not refreshed).
/// </summary>
internal sealed class MastodonOAuth(HttpClient http, TimeProvider time, IOptions<MastodonOptions> options)
{
    public const string Scopes = "read write";

    /// <summary>Redirect URI for instances that show the code to the user to paste back ("out of band").</summary>
    public const string OutOfBand = "urn:ietf:wg:oauth:2.0:oob";

    public async Task<NetworkResult<MastodonApp>> RegisterAppAsync(string instance, string redirectUri, CancellationToken ct)
    {
        if (!MastodonInstance.TryNormalize(instance, options.Value.AllowLocalInstances, out var baseUrl, out var error))
        {
            return new NetworkFailure(FailureKind.InvalidContent, error);
        }
        var form = new Dictionary<string, string>
        {
            ["client_name"] = "Herald",
            ["redirect_uris"] = redirectUri,
            ["scopes"] = Scopes,
        };
        // The app's website is the Herald that registered it, when the redirect points back to one.
        if (Uri.TryCreate(redirectUri, UriKind.Absolute, out var redirect) && (redirect.Scheme == Uri.UriSchemeHttps || redirect.Scheme == Uri.UriSchemeHttp))
        {
            form["website"] = redirect.GetLeftPart(UriPartial.Authority);
        }
        try
        {
            using var request = MastodonHttp.Request(HttpMethod.Post, baseUrl, "api/v1/apps");
            request.Content = new FormUrlEncodedContent(form);
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                return await MastodonHttp.FailureAsync(response, time, ct);
            }
            var app = await MastodonHttp.ReadJsonAsync(response, ct);
            var clientId = MastodonHttp.String(app, "client_id");
            var clientSecret = MastodonHttp.String(app, "client_secret");
            return clientId is null || clientSecret is null
                ? new NetworkFailure(FailureKind.Permanent, "The instance registered the app but returned no client credentials.")
                : NetworkResult<MastodonApp>.Success(new MastodonApp(clientId, clientSecret));
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // A lost answer leaves an unused app registration behind, nothing worse: registering again is safe.
            return MastodonHttp.Failure(ex, mutating: false);
        }
    }

    /// <summary>Where to send the user to approve Herald on their instance.</summary>
    public string AuthorizeUrl(string instance, string clientId, string redirectUri, string state)
    {
        if (!MastodonInstance.TryNormalize(instance, options.Value.AllowLocalInstances, out var baseUrl, out var error))
        {
            throw new ArgumentException(error, nameof(instance));
        }
        var query = string.Join("&", new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = Scopes,
            ["state"] = state,
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        return MastodonInstance.Combine(baseUrl, "oauth/authorize") + "?" + query;
    }

    public async Task<NetworkResult<string>> ExchangeCodeAsync(string instance, string clientId, string clientSecret, string redirectUri, string code, CancellationToken ct)
    {
        if (!MastodonInstance.TryNormalize(instance, options.Value.AllowLocalInstances, out var baseUrl, out var error))
        {
            return new NetworkFailure(FailureKind.InvalidContent, error);
        }
        try
        {
            using var request = MastodonHttp.Request(HttpMethod.Post, baseUrl, "oauth/token");
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["client_id"] = clientId,
                ["client_secret"] = clientSecret,
                ["redirect_uri"] = redirectUri,
                ["scope"] = Scopes,
            });
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                // A refused code (400 invalid_grant, 401 invalid_client) is the user's to redo, not a content problem.
                var failure = await MastodonHttp.FailureAsync(response, time, ct);
                return failure.Kind == FailureKind.InvalidContent ? failure with { Kind = FailureKind.AuthExpired } : failure;
            }
            var token = MastodonHttp.String(await MastodonHttp.ReadJsonAsync(response, ct), "access_token");
            return token is null
                ? new NetworkFailure(FailureKind.Permanent, "The instance answered the code exchange without an access token.")
                : NetworkResult<string>.Success(token);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return MastodonHttp.Failure(ex, mutating: false);
        }
    }
}
