using System.Globalization;
using System.Text.Json;
using Herald.Networks;
using Herald.Networks.Mastodon;

namespace Herald.Competitors;

/// <summary>
/// Mastodon competitors through the instance's public API, unauthenticated: /api/v1/accounts/lookup then
/// /api/v1/accounts/:id for the audience, /api/v1/accounts/:id/statuses (no boosts, no replies) for the posts.
/// </summary>
internal sealed class MastodonCompetitors(IHttpClientFactory clients, TimeProvider time) : ICompetitorSource
{
    public string Network => "mastodon";

    public string? Normalize(string handle)
    {
        var parts = handle.Trim().TrimStart('@').ToLowerInvariant().Split('@');
        return parts.Length == 2 && parts[0].Length > 0 && parts[0].All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-')
            && Uri.CheckHostName(parts[1]) is UriHostNameType.Dns or UriHostNameType.IPv4
            ? $"{parts[0]}@{parts[1]}" : null;
    }

    /// <summary>The instance an account is read from: the one given, else its handle's domain.</summary>
    public static Uri Instance(CompetitorRef c) => new(c.InstanceUrl ?? "https://" + c.Handle[(c.Handle.IndexOf('@') + 1)..]);

    public async Task<NetworkResult<CompetitorProfile>> GetProfileAsync(CompetitorRef competitor, CancellationToken ct)
    {
        var path = competitor.RemoteId is { } id ? $"api/v1/accounts/{Uri.EscapeDataString(id)}" : "api/v1/accounts/lookup?acct=" + Uri.EscapeDataString(Acct(competitor));
        var json = await GetAsync(Instance(competitor), path, ct);
        if (!json.Ok)
        {
            return json.Failure!;
        }
        var a = json.Value;
        if (MastodonHttp.String(a, "id") is not { } remoteId)
        {
            return new NetworkFailure(FailureKind.Transient, "Mastodon's account answer has no id.");
        }
        return NetworkResult<CompetitorProfile>.Success(new CompetitorProfile(remoteId, competitor.Handle, MastodonHttp.String(a, "display_name"),
            Long(a, "followers_count") ?? 0, Long(a, "following_count"), Long(a, "statuses_count"), MastodonHttp.String(a, "url")));
    }

    public async Task<NetworkResult<IReadOnlyList<CompetitorPostCounts>>> GetRecentPostsAsync(CompetitorRef competitor, DateTimeOffset since, int limit, CancellationToken ct)
    {
        if (competitor.RemoteId is not { } id)
        {
            return new NetworkFailure(FailureKind.Transient, "The Mastodon account is not resolved yet.");
        }
        var posts = new List<CompetitorPostCounts>();
        string? maxId = null;
        while (posts.Count < limit)
        {
            var path = $"api/v1/accounts/{Uri.EscapeDataString(id)}/statuses?exclude_reblogs=true&exclude_replies=true&limit=40"
                + (maxId is null ? "" : "&max_id=" + Uri.EscapeDataString(maxId));
            var json = await GetAsync(Instance(competitor), path, ct);
            if (!json.Ok)
            {
                return json.Failure!;
            }
            if (json.Value.ValueKind != JsonValueKind.Array)
            {
                return new NetworkFailure(FailureKind.Transient, "Mastodon's statuses answer is not a list.");
            }
            var older = false;
            foreach (var s in json.Value.EnumerateArray())
            {
                maxId = MastodonHttp.String(s, "id") ?? maxId;
                if (s.TryGetProperty("reblog", out var reblog) && reblog.ValueKind == JsonValueKind.Object || MastodonHttp.String(s, "id") is not { } statusId)
                {
                    continue;
                }
                var at = MastodonHttp.String(s, "created_at") is { } c && DateTimeOffset.TryParse(c, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : time.GetUtcNow();
                if (at < since)
                {
                    older = true;
                    continue;
                }
                posts.Add(new CompetitorPostCounts(statusId, MastodonHttp.String(s, "url"), BlueskyCompetitors.Cut(MastodonHtml.ToText(MastodonHttp.String(s, "content"))), at,
                    Int(s, "favourites_count"), Int(s, "reblogs_count"), Int(s, "replies_count"), Int(s, "quotes_count")));
            }
            if (older || json.Value.GetArrayLength() == 0)
            {
                break;
            }
        }
        return NetworkResult<IReadOnlyList<CompetitorPostCounts>>.Success(posts.Take(limit).ToList());
    }

    /// <summary>An account local to the instance it is read from is looked up by username; any other by its full address.</summary>
    private static string Acct(CompetitorRef c)
    {
        var at = c.Handle.IndexOf('@');
        return c.InstanceUrl is null || string.Equals(new Uri(c.InstanceUrl).Host, c.Handle[(at + 1)..], StringComparison.OrdinalIgnoreCase) ? c.Handle[..at] : c.Handle;
    }

    private async Task<NetworkResult<JsonElement>> GetAsync(Uri instance, string path, CancellationToken ct)
    {
        try
        {
            using var request = MastodonHttp.Request(HttpMethod.Get, instance, path);
            using var response = await clients.CreateClient(CompetitorServices.HttpClientName).SendAsync(request, ct);
            return response.IsSuccessStatusCode
                ? NetworkResult<JsonElement>.Success(await MastodonHttp.ReadJsonAsync(response, ct))
                : await MastodonHttp.FailureAsync(response, time, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or IOException && !ct.IsCancellationRequested)
        {
            return MastodonHttp.Failure(ex, mutating: false);
        }
    }

    private static long? Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private static int Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : 0;
}
