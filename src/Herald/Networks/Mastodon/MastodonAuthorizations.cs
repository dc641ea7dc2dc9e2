using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Herald.Networks.Mastodon;

/// <summary>An authorization started and not yet called back: who started it, where, and the app's client credentials (encrypted).</summary>
internal sealed record PendingAuthorization(string WorkspaceId, string UserId, string Instance, string RedirectUri, string ProtectedApp, DateTimeOffset ExpiresAt);

/// <summary>What the user opens to approve Herald, and the state that brings them back to the same authorization.</summary>
public sealed record MastodonAuthorizationStarted(string AuthorizeUrl, string State);

/// <summary>
/// Keeps OAuth authorizations between "authorize" and "callback": keyed by a random state (which is also the CSRF check),
/// held in memory for a few minutes with the client secret encrypted, and usable once.
/// </summary>
internal sealed class MastodonAuthorizations(
    MastodonOAuth oauth, IMemoryCache cache, IDataProtectionProvider protection, TimeProvider time, IOptions<MastodonOptions> options)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Herald.Networks.Mastodon.OAuthApp.v1");

    public async Task<NetworkResult<MastodonAuthorizationStarted>> StartAsync(
        string workspaceId, string userId, string? instance, string? redirectUri, CancellationToken ct)
    {
        if (!MastodonInstance.TryNormalize(instance, options.Value.AllowLocalInstances, out var baseUrl, out var error))
        {
            return new NetworkFailure(FailureKind.InvalidContent, error);
        }
        var canonical = baseUrl.ToString().TrimEnd('/');
        var redirect = string.IsNullOrWhiteSpace(redirectUri) ? MastodonOAuth.OutOfBand : redirectUri.Trim();
        var app = await oauth.RegisterAppAsync(canonical, redirect, ct);
        if (!app.Ok)
        {
            return app.Failure!;
        }
        var state = Base64Url(RandomNumberGenerator.GetBytes(32));
        var lifetime = options.Value.AuthorizationLifetime;
        var pending = new PendingAuthorization(workspaceId, userId, canonical, redirect,
            _protector.Protect($"{app.Value!.ClientId}\n{app.Value.ClientSecret}"), time.GetUtcNow() + lifetime);
        cache.Set(Key(state), pending, lifetime);
        return NetworkResult<MastodonAuthorizationStarted>.Success(
            new MastodonAuthorizationStarted(oauth.AuthorizeUrl(canonical, app.Value.ClientId, redirect, state), state));
    }

    /// <summary>Takes (once) the authorization a callback's state names; only the user who started it may finish it.</summary>
    public PendingAuthorization Take(string? state, string userId)
    {
        if (string.IsNullOrEmpty(state) || !cache.TryGetValue(Key(state), out PendingAuthorization? pending) || pending is null)
        {
            throw new HeraldProblem(400, "Unknown authorization", "This Mastodon authorization is unknown or has expired; start again.");
        }
        cache.Remove(Key(state));
        if (pending.ExpiresAt < time.GetUtcNow())
        {
            throw new HeraldProblem(400, "Unknown authorization", "This Mastodon authorization is unknown or has expired; start again.");
        }
        if (!string.Equals(pending.UserId, userId, StringComparison.Ordinal))
        {
            throw new HeraldProblem(403, "Forbidden", "This Mastodon authorization was started by another user.");
        }
        return pending;
    }

    /// <summary>Exchanges the code the instance gave the user for an access token.</summary>
    public Task<NetworkResult<string>> ExchangeAsync(PendingAuthorization pending, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return Task.FromResult<NetworkResult<string>>(new NetworkFailure(FailureKind.InvalidContent, "The authorization code is required."));
        }
        var app = _protector.Unprotect(pending.ProtectedApp).Split('\n', 2);
        return oauth.ExchangeCodeAsync(pending.Instance, app[0], app[1], pending.RedirectUri, code.Trim(), ct);
    }

    private static string Key(string state) => "herald:mastodon:oauth:" + state;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
