using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Herald.Networks.Mastodon;

/// <summary>
/// Publishes to any Mastodon instance with a user access token. The instance is per account, so requests carry absolute URLs;
/// its limits are read at connect time and stored as the account's rules.
/// </summary>
internal sealed class MastodonConnector(HttpClient http, TimeProvider time, IOptions<MastodonOptions> options, ILogger<MastodonConnector> log)
    : INetworkConnector
{
    private static readonly TimeSpan FindClockSkew = TimeSpan.FromMinutes(5);
    private readonly MastodonOptions _options = options.Value;

    public string Network => "mastodon";

    public bool SendsPrivateReplies => true; // visibility: direct

    public NetworkRules DefaultRules => MastodonRules.Default;

    /// <summary>Mastodon has no client-chosen record key; the Idempotency-Key header plays that part.</summary>
    public string? NewRecordKey() => null;

    public async Task<NetworkResult<ConnectedAccount>> ConnectAsync(JsonElement request, CancellationToken ct)
    {
        var instance = MastodonHttp.String(request, "instance");
        var token = MastodonHttp.String(request, "accessToken")?.Trim();
        if (AddressGuard.RefuseLiteral(instance, _options.AllowLocalInstances) is { } refused)
        {
            return refused;
        }
        if (!MastodonInstance.TryNormalize(instance, _options.AllowLocalInstances, out var baseUrl, out var error))
        {
            return new NetworkFailure(FailureKind.InvalidContent, error);
        }
        if (string.IsNullOrEmpty(token))
        {
            return new NetworkFailure(FailureKind.InvalidContent, "An access token is required.");
        }
        var credentials = new MastodonCredentials(baseUrl.ToString().TrimEnd('/'), token);
        try
        {
            using var verify = MastodonHttp.Request(HttpMethod.Get, baseUrl, "api/v1/accounts/verify_credentials", token);
            using var verified = await http.SendAsync(verify, ct);
            if (!verified.IsSuccessStatusCode)
            {
                return await MastodonHttp.FailureAsync(verified, time, ct);
            }
            var account = await MastodonHttp.ReadJsonAsync(verified, ct);
            var id = MastodonHttp.String(account, "id");
            var username = MastodonHttp.String(account, "username") ?? MastodonHttp.String(account, "acct");
            if (id is null || username is null)
            {
                return new NetworkFailure(FailureKind.Permanent, "The instance answered verify_credentials without an account id.");
            }
            var acct = MastodonHttp.String(account, "acct") ?? username;
            var handle = acct.Contains('@', StringComparison.Ordinal) ? acct : $"{acct}@{baseUrl.Host}";
            var displayName = MastodonHttp.String(account, "display_name");
            var rules = await ReadRulesAsync(baseUrl, ct);
            if (!rules.Ok)
            {
                return rules.Failure!;
            }
            log.LogInformation("Verified Mastodon account {Handle} on {Instance}", handle, baseUrl);
            return NetworkResult<ConnectedAccount>.Success(new ConnectedAccount(
                string.IsNullOrWhiteSpace(displayName) ? username : displayName,
                handle,
                id,
                credentials.Instance,
                credentials.ToJson(),
                rules.Value));
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return MastodonHttp.Failure(ex, mutating: false);
        }
    }

    /// <summary>/api/v2/instance, else (older servers answer 404) /api/v1/instance, else the defaults.</summary>
    private async Task<NetworkResult<NetworkRules>> ReadRulesAsync(Uri baseUrl, CancellationToken ct)
    {
        foreach (var path in new[] { "api/v2/instance", "api/v1/instance" })
        {
            using var request = MastodonHttp.Request(HttpMethod.Get, baseUrl, path);
            using var response = await http.SendAsync(request, ct);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                continue;
            }
            if (!response.IsSuccessStatusCode)
            {
                return await MastodonHttp.FailureAsync(response, time, ct);
            }
            return NetworkResult<NetworkRules>.Success(MastodonRules.FromInstance(await MastodonHttp.ReadJsonAsync(response, ct)));
        }
        log.LogWarning("{Instance} publishes no instance information; using Mastodon's default limits", baseUrl);
        return NetworkResult<NetworkRules>.Success(MastodonRules.Default);
    }

    public async Task<NetworkResult<RemotePost>> PublishAsync(PublishContext context, PartToPublish part, ThreadRefs? thread, CancellationToken ct)
    {
        if (MastodonCredentials.FromJson(context.CredentialsJson) is not { } credentials)
        {
            return new NetworkFailure(FailureKind.AuthExpired, "The stored Mastodon credentials are incomplete; reconnect the account.");
        }
        var mediaIds = new List<string>();
        var uploader = new MastodonMediaUpload(http, time, _options);
        foreach (var media in part.Media)
        {
            var uploaded = await uploader.UploadAsync(credentials, media, ct);
            if (!uploaded.Ok)
            {
                return uploaded.Failure!;
            }
            mediaIds.Add(uploaded.Value!);
        }

        var body = new Dictionary<string, object> { ["status"] = part.Text };
        if (mediaIds.Count > 0)
        {
            body["media_ids"] = mediaIds;
        }
        if (thread is not null)
        {
            body["in_reply_to_id"] = thread.Parent.RemoteId;
            if (thread.Direct)
            {
                // Seen only by the accounts the text mentions (the reply starts with its addressee's handle).
                body["visibility"] = "direct";
            }
        }
        if (!string.IsNullOrWhiteSpace(part.Language))
        {
            body["language"] = part.Language;
        }
        try
        {
            using var request = MastodonHttp.Request(HttpMethod.Post, credentials.BaseUrl, "api/v1/statuses", credentials.AccessToken);
            // Mastodon keeps the key for an hour and answers a repeat with the status the first request created.
            request.Headers.Add("Idempotency-Key", part.IdempotencyKey);
            request.Content = JsonContent.Create(body);
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                return await MastodonHttp.FailureAsync(response, time, ct);
            }
            var status = await MastodonHttp.ReadJsonAsync(response, ct);
            return MastodonHttp.String(status, "id") is { } id
                ? NetworkResult<RemotePost>.Success(new RemotePost(id, MastodonHttp.String(status, "url")))
                : new NetworkFailure(FailureKind.UnknownOutcome, "The instance accepted the status but its answer had no id.");
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Includes an unreadable success body: the status may exist, so reconcile before any retry.
            return MastodonHttp.Failure(ex, mutating: true);
        }
    }

    public async Task<NetworkResult<LookupResult>> FindAsync(PublishContext context, PartToPublish part, CancellationToken ct)
    {
        if (MastodonCredentials.FromJson(context.CredentialsJson) is not { } credentials)
        {
            return new NetworkFailure(FailureKind.AuthExpired, "The stored Mastodon credentials are incomplete; reconnect the account.");
        }
        if (string.IsNullOrEmpty(context.RemoteId))
        {
            return new NetworkFailure(FailureKind.Permanent, "The account has no Mastodon id to look its statuses up with; reconnect it.");
        }
        try
        {
            var path = $"api/v1/accounts/{Uri.EscapeDataString(context.RemoteId)}/statuses?limit=40&exclude_replies=false";
            using var request = MastodonHttp.Request(HttpMethod.Get, credentials.BaseUrl, path, credentials.AccessToken);
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                return await MastodonHttp.FailureAsync(response, time, ct);
            }
            var statuses = await MastodonHttp.ReadJsonAsync(response, ct);
            var match = MastodonStatusMatch.Find(statuses, part.Text, part.CreatedAt - FindClockSkew);
            return NetworkResult<LookupResult>.Success(match is null ? LookupResult.NotFound : LookupResult.Found(match));
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return MastodonHttp.Failure(ex, mutating: false);
        }
    }

    public async Task<NetworkResult<bool>> DeleteAsync(PublishContext context, string remoteId, CancellationToken ct)
    {
        if (MastodonCredentials.FromJson(context.CredentialsJson) is not { } credentials)
        {
            return new NetworkFailure(FailureKind.AuthExpired, "The stored Mastodon credentials are incomplete; reconnect the account.");
        }
        try
        {
            using var request = MastodonHttp.Request(HttpMethod.Delete, credentials.BaseUrl, $"api/v1/statuses/{Uri.EscapeDataString(remoteId)}", credentials.AccessToken);
            using var response = await http.SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return NetworkResult<bool>.Success(true);
            }
            return response.IsSuccessStatusCode
                ? NetworkResult<bool>.Success(true)
                : await MastodonHttp.FailureAsync(response, time, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Deleting twice is harmless (the second answers 404), so a lost answer is merely transient.
            return MastodonHttp.Failure(ex, mutating: false);
        }
    }
}
