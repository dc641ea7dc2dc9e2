using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Herald.Networks.Bluesky;

/// <summary>
/// Keeps an account's session usable: refreshes an access token about to expire, and when the PDS rejects a token refreshes
/// once (or recreates the session from the app password) and retries the call once. Refreshed tokens are saved at once,
/// because the PDS rotates refresh tokens.
/// </summary>
internal sealed class BlueskySessions(BlueskyXrpc xrpc, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(5);

    /// <summary>com.atproto.server.createSession with an identifier and app password.</summary>
    public async Task<NetworkResult<BlueskyCredentials>> CreateAsync(BlueskyCredentials credentials, CancellationToken ct)
    {
        var body = new JsonObject { ["identifier"] = credentials.Identifier, ["password"] = credentials.Password };
        var result = await xrpc.PostJsonAsync(credentials.Service, "com.atproto.server.createSession", body, token: null, mutating: false, ct);
        return result.Ok ? NetworkResult<BlueskyCredentials>.Success(credentials.WithSession(result.Body)) : result.Failure!;
    }

    /// <summary>Reads the stored credentials of <paramref name="context"/>.</summary>
    public static NetworkResult<BlueskyCredentials> Current(PublishContext context) =>
        BlueskyCredentials.Parse(context.CredentialsJson) is { } credentials
            ? NetworkResult<BlueskyCredentials>.Success(credentials)
            : new NetworkFailure(FailureKind.AuthExpired, "The stored Bluesky credentials cannot be read; reconnect the account.");

    /// <summary>Runs an authenticated call with a fresh session, renewing it once if the PDS says the token is bad.</summary>
    public async Task<XrpcResult> CallAsync(PublishContext context, Func<BlueskyCredentials, Task<XrpcResult>> call, CancellationToken ct)
    {
        var current = Current(context);
        if (!current.Ok)
        {
            return XrpcResult.Failed(current.Failure!);
        }
        var credentials = current.Value!;
        if (credentials.AccessJwt is null || credentials.AccessExpiresAt is not { } expires || expires - time.GetUtcNow() < RefreshAhead)
        {
            var renewed = await RenewAsync(context, credentials, ct);
            if (!renewed.Ok)
            {
                return XrpcResult.Failed(renewed.Failure!);
            }
            credentials = renewed.Value!;
        }
        var result = await call(credentials);
        if (!result.IsTokenError)
        {
            return result;
        }
        logger.LogInformation("Bluesky rejected the access token of account {AccountId} ({Error}); renewing the session once", context.AccountId, result.Error);
        var again = await RenewAsync(context, credentials, ct);
        return again.Ok ? await call(again.Value!) : XrpcResult.Failed(again.Failure!);
    }

    private async Task<NetworkResult<BlueskyCredentials>> RenewAsync(PublishContext context, BlueskyCredentials credentials, CancellationToken ct)
    {
        NetworkResult<BlueskyCredentials> renewed = new NetworkFailure(FailureKind.AuthExpired, "No refresh token.");
        if (credentials.RefreshJwt is not null)
        {
            var refresh = await xrpc.PostJsonAsync(credentials.Service, "com.atproto.server.refreshSession", body: null, credentials.RefreshJwt, mutating: false, ct);
            renewed = refresh.Ok ? NetworkResult<BlueskyCredentials>.Success(credentials.WithSession(refresh.Body)) : refresh.Failure!;
        }
        if (!renewed.Ok && renewed.Failure!.Kind is FailureKind.AuthExpired or FailureKind.InvalidContent or FailureKind.Permanent)
        {
            logger.LogInformation("Bluesky session refresh failed for account {AccountId} ({Kind}); signing in again with the app password",
                context.AccountId, renewed.Failure.Kind);
            renewed = await CreateAsync(credentials, ct);
            if (!renewed.Ok && renewed.Failure!.Kind is FailureKind.InvalidContent or FailureKind.Permanent)
            {
                renewed = renewed.Failure with { Kind = FailureKind.AuthExpired };
            }
        }
        if (!renewed.Ok)
        {
            return renewed;
        }
        var fresh = renewed.Value!;
        var json = fresh.ToJson();
        await context.SaveCredentialsAsync(json, fresh.AccessExpiresAt, ct);
        context.CredentialsJson = json;
        return NetworkResult<BlueskyCredentials>.Success(fresh);
    }
}
