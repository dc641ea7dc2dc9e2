using System.Globalization;
using System.Text.Json;
using Herald.Listening.Sources.Bluesky;
using Herald.Networks.Mastodon;

namespace Herald.Listening.Sources.Mastodon;

/// <summary>Polls GET /api/v2/search (type=statuses) for one term and hands the statuses not seen before to listening.</summary>
/// <remarks>Each poll asks only for statuses newer than the saved cursor (min_id) and walks back through the pages with
/// max_id (the oldest id of the page before) until a short page; the newest id seen becomes the cursor once every page is
/// handled, so a crash mid-poll repeats the poll (mentions are unique) instead of skipping statuses. A first poll, with
/// no cursor, reads at most <see cref="FirstPollPages"/> pages.</remarks>
internal sealed class MastodonSearch(HttpClient http, Uri instance, string? accessToken, IStreamCursor cursor,
    Func<IReadOnlyList<IncomingPost>, CancellationToken, Task> ingest, TimeProvider time)
{
    public const int PageSize = 40;
    public const int FirstPollPages = 5;
    private const int MaxPages = 50;

    /// <summary>Returns how many statuses the poll handed over.</summary>
    public async Task<int> PollAsync(string term, CancellationToken ct)
    {
        var stream = $"mastodon:{instance.Authority}:search:{term}";
        var since = await cursor.LoadAsync(stream, ct);
        string? newest = null;
        string? maxId = null;
        var handed = 0;
        for (var page = 0; page < (since is null ? FirstPollPages : MaxPages); page++)
        {
            var query = $"api/v2/search?q={Uri.EscapeDataString(term)}&type=statuses&resolve=false&limit={PageSize}"
                + (since is { } s ? "&min_id=" + s.ToString(CultureInfo.InvariantCulture) : "")
                + (maxId is not null ? "&max_id=" + Uri.EscapeDataString(maxId) : "");
            using var request = MastodonHttp.Request(HttpMethod.Get, instance, query, accessToken);
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException(await MastodonHttp.ErrorMessageAsync(response, ct), null, response.StatusCode);
            }
            var body = await MastodonHttp.ReadJsonAsync(response, ct);
            var statuses = body.TryGetProperty("statuses", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [];
            string? oldest = null;
            var posts = new List<IncomingPost>();
            foreach (var status in statuses)
            {
                if (MastodonHttp.String(status, "id") is not { } id || (since is { } floor && !IsAfter(id, floor)))
                {
                    continue; // a server that ignores min_id must not make us hand over old statuses again
                }
                newest = MastodonStatuses.Newest(newest, id);
                oldest = oldest is null || MastodonInboxSource.CompareIds(id, oldest) < 0 ? id : oldest;
                if (MastodonStatuses.ToIncoming(status, instance.Host, time) is { } post)
                {
                    posts.Add(post);
                }
            }
            if (posts.Count > 0)
            {
                await ingest(posts, ct);
                handed += posts.Count;
            }
            if (statuses.Count < PageSize || oldest is null || (maxId is not null && MastodonInboxSource.CompareIds(oldest, maxId) >= 0))
            {
                break;
            }
            maxId = oldest;
        }
        if (newest is not null && long.TryParse(newest, NumberStyles.None, CultureInfo.InvariantCulture, out var position) && (since is null || position > since))
        {
            await cursor.SaveAsync(stream, position, ct);
        }
        return handed;
    }

    private static bool IsAfter(string id, long floor) =>
        !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > floor;
}
