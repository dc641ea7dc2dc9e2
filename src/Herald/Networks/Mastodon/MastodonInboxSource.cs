using System.Globalization;
using System.Net;
using System.Text.Json;
using Herald.Inbox;

namespace Herald.Networks.Mastodon;

/// <summary>
/// Reads a Mastodon account's notifications (mentions and replies into the inbox; favourites, reblogs and follows counted)
/// and its direct-message conversations, going forward from the newest id seen (min_id).
/// </summary>
internal sealed class MastodonInboxSource(IHttpClientFactory clients, TimeProvider time) : IInboxSource
{
    public const string Notifications = "notifications";
    public const string Conversations = "conversations";
    private const int Limit = 40;

    public string Network => "mastodon";

    public TimeSpan PollInterval => TimeSpan.FromSeconds(60);

    public IReadOnlyList<string> Sources { get; } = [Notifications, Conversations];

    // The connector's named client: same address guard, time-outs and per-instance circuit breaker.
    private HttpClient Http => clients.CreateClient(nameof(MastodonConnector));

    public async Task<NetworkResult<InboxPage>> FetchAsync(PublishContext account, string source, string? cursor, CancellationToken ct)
    {
        if (MastodonCredentials.FromJson(account.CredentialsJson) is not { } credentials)
        {
            return new NetworkFailure(FailureKind.AuthExpired, "The stored Mastodon credentials are incomplete; reconnect the account.");
        }
        var path = source == Conversations
            ? $"api/v1/conversations?limit={Limit}"
            : $"api/v1/notifications?limit={Limit}&types[]=mention&types[]=quote&types[]=favourite&types[]=reblog&types[]=follow"
              + (cursor is null ? "" : "&min_id=" + Uri.EscapeDataString(cursor));
        try
        {
            using var request = MastodonHttp.Request(HttpMethod.Get, credentials.BaseUrl, path, credentials.AccessToken);
            using var response = await Http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                return await MastodonHttp.FailureAsync(response, time, ct);
            }
            var body = await MastodonHttp.ReadJsonAsync(response, ct);
            if (body.ValueKind != JsonValueKind.Array)
            {
                return new NetworkFailure(FailureKind.Transient, "The instance answered with something other than a list.");
            }
            var host = credentials.BaseUrl.Host;
            return NetworkResult<InboxPage>.Success(source == Conversations
                ? MastodonInboxMapping.FromConversations(body, account.RemoteId, host, cursor)
                : MastodonInboxMapping.FromNotifications(body, account.RemoteId, host, cursor, Limit));
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return MastodonHttp.Failure(ex, mutating: false);
        }
    }

    /// <summary>POST /api/v1/statuses/:id/favourite (idempotent on Mastodon's side).</summary>
    public async Task<NetworkResult<bool>> LikeAsync(PublishContext account, string remoteId, string? cid, CancellationToken ct)
    {
        if (MastodonCredentials.FromJson(account.CredentialsJson) is not { } credentials)
        {
            return new NetworkFailure(FailureKind.AuthExpired, "The stored Mastodon credentials are incomplete; reconnect the account.");
        }
        try
        {
            using var request = MastodonHttp.Request(HttpMethod.Post, credentials.BaseUrl, $"api/v1/statuses/{Uri.EscapeDataString(remoteId)}/favourite", credentials.AccessToken);
            using var response = await Http.SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return new NetworkFailure(FailureKind.Permanent, "The status is gone.", StatusCode: 404);
            }
            return response.IsSuccessStatusCode ? NetworkResult<bool>.Success(true) : await MastodonHttp.FailureAsync(response, time, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return MastodonHttp.Failure(ex, mutating: false);
        }
    }

    /// <summary>Mastodon ids are numbers in strings; longer is newer, then ordinal.</summary>
    internal static int CompareIds(string a, string b) => a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);

    internal static DateTimeOffset Instant(JsonElement e, string name, TimeProvider? fallback = null) =>
        MastodonHttp.String(e, name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : fallback?.GetUtcNow() ?? DateTimeOffset.UnixEpoch;
}
