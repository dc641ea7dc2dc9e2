using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Herald.Networks.Mastodon;

/// <summary>An authorization started and not yet called back: who started it, where, and the app's client credentials (encrypted).</summary>
internal sealed record PendingAuthorization(string WorkspaceId, string UserId, string Instance, string RedirectUri, string ProtectedApp, DateTimeOffset ExpiresAt);

/// <summary>What the user opens to approve Herald, and the state that brings them back to the same authorization.</summary>
public sealed record MastodonAuthorizationStarted(string AuthorizeUrl, string State);

/// <summary>
/// Carries OAuth authorizations between "authorize" and "callback" in the state parameter itself: the pending
/// authorization (with the app's client secret) is encrypted and signed with Data Protection, whose key ring lives in
/// the data folder, so a restart between the two steps loses nothing. The state is also the CSRF check, expires after
/// a few minutes and is usable once per process (a replay after a restart still fails: the instance's code is single-use).
/// </summary>
internal sealed class MastodonAuthorizations(
    MastodonOAuth oauth, IMemoryCache cache, IDataProtectionProvider protection, TimeProvider time, IOptions<MastodonOptions> options)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Herald.Networks.Mastodon.OAuthApp.v1");
    private readonly IDataProtector _stateProtector = protection.CreateProtector("Herald.Networks.Mastodon.OAuthState.v1");

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
        var pending = new PendingAuthorization(workspaceId, userId, canonical, redirect,
            _protector.Protect($"{app.Value!.ClientId}\n{app.Value.ClientSecret}"), time.GetUtcNow() + options.Value.AuthorizationLifetime);
        var sealedState = new SealedState(Base64Url(RandomNumberGenerator.GetBytes(16)), pending);
        var state = _stateProtector.Protect(JsonSerializer.Serialize(sealedState, StateJson));
        return NetworkResult<MastodonAuthorizationStarted>.Success(
            new MastodonAuthorizationStarted(oauth.AuthorizeUrl(canonical, app.Value.ClientId, redirect, state), state));
    }

    /// <summary>Takes (once) the authorization a callback's state names; only the user who started it may finish it.</summary>
    public PendingAuthorization Take(string? state, string userId)
    {
        var unknown = new HeraldProblem(400, "Unknown authorization", "This Mastodon authorization is unknown or has expired; start again.");
        SealedState? opened;
        try
        {
            opened = string.IsNullOrEmpty(state) ? null : JsonSerializer.Deserialize<SealedState>(_stateProtector.Unprotect(state), StateJson);
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException)
        {
            throw unknown;
        }
        if (opened?.Pending is not { } pending || pending.ExpiresAt < time.GetUtcNow())
        {
            throw unknown;
        }
        var key = "herald:mastodon:oauth:used:" + opened.Nonce;
        if (cache.TryGetValue(key, out _))
        {
            throw unknown;
        }
        cache.Set(key, true, pending.ExpiresAt - time.GetUtcNow() + TimeSpan.FromMinutes(1));
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

    private static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.Web);

    private sealed record SealedState(string Nonce, PendingAuthorization Pending);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
