using System.Text.Json;
using Herald.Analytics;
using Microsoft.Extensions.Http.Resilience;

namespace Herald.Networks.Mastodon;

/// <summary>Mastodon's counts: a status's favourites, reblogs, replies (and quotes on 4.5+), an account's followers.</summary>
internal sealed class MastodonMetrics(HttpClient http, TimeProvider time) : IMetricsSource
{
    public string Network => "mastodon";

    public async Task<NetworkResult<PostCounts>> GetPostAsync(PublishContext account, string remoteId, CancellationToken ct)
    {
        var json = await GetAsync(account, $"api/v1/statuses/{Uri.EscapeDataString(remoteId)}", ct);
        if (!json.Ok)
        {
            return json.Failure!;
        }
        var s = json.Value;
        // Mastodon gives no impressions or reach to API clients.
        return NetworkResult<PostCounts>.Success(new PostCounts(Int(s, "favourites_count"), Int(s, "reblogs_count"), Int(s, "replies_count"), Int(s, "quotes_count")));
    }

    public async Task<NetworkResult<long>> GetFollowersAsync(PublishContext account, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(account.RemoteId))
        {
            return new NetworkFailure(FailureKind.Permanent, "The account has no Mastodon id; reconnect it.");
        }
        var json = await GetAsync(account, $"api/v1/accounts/{Uri.EscapeDataString(account.RemoteId)}", ct);
        return json.Ok ? NetworkResult<long>.Success(Int(json.Value, "followers_count")) : json.Failure!;
    }

    private async Task<NetworkResult<JsonElement>> GetAsync(PublishContext account, string path, CancellationToken ct)
    {
        if (MastodonCredentials.FromJson(account.CredentialsJson) is not { } credentials)
        {
            return new NetworkFailure(FailureKind.AuthExpired, "The stored Mastodon credentials are unreadable; reconnect the account.");
        }
        try
        {
            using var request = MastodonHttp.Request(HttpMethod.Get, credentials.BaseUrl, path, credentials.AccessToken);
            using var response = await http.SendAsync(request, ct);
            return response.IsSuccessStatusCode
                ? NetworkResult<JsonElement>.Success(await MastodonHttp.ReadJsonAsync(response, ct))
                : await MastodonHttp.FailureAsync(response, time, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException && !ct.IsCancellationRequested)
        {
            return MastodonHttp.Failure(ex, mutating: false);
        }
    }

    private static int Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : 0;

    /// <summary>Registers the source with its own HTTP client, guarded like the connector's (no private addresses unless allowed).</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddNetworkOptions();
        services.AddHttpClient<MastodonMetrics>(c => c.DefaultRequestHeaders.UserAgent.ParseAdd("Herald/1.0"))
            .ConfigurePrimaryHttpMessageHandler(AddressGuard.CreateHandler)
            .AddStandardResilienceHandler();
        services.AddTransient<IMetricsSource>(sp => sp.GetRequiredService<MastodonMetrics>());
    }
}
