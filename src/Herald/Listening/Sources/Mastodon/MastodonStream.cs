using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Herald.Listening.Sources.Bluesky;
using Herald.Networks.Mastodon;

namespace Herald.Listening.Sources.Mastodon;

/// <summary>Reads one Mastodon streaming timeline (public, or a hashtag) as server-sent events and hands each new public
/// status to listening; `delete` events withdraw the mentions of a status seen on this stream.</summary>
/// <remarks>The streaming API has no cursor, so after a dropped connection the statuses posted meanwhile are fetched from
/// the matching REST timeline (min_id = the newest id seen) before listening again. Mentions are unique per query and
/// URI, so a status that arrives both ways is stored once.</remarks>
internal sealed class MastodonStream(
    HttpClient http,
    Uri instance,
    string? accessToken,
    string? hashtag,
    Func<IReadOnlyList<IncomingPost>, CancellationToken, Task> ingest,
    Func<string, CancellationToken, Task> withdraw,
    TimeProvider time,
    ILogger logger,
    IStreamCursor? cursor = null,
    Uri? streamingBase = null)
{
    private const int RememberedUris = 10_000;
    private const int BackfillPages = 10;
    private readonly Dictionary<string, string> _uris = new(StringComparer.Ordinal);
    private readonly Queue<string> _uriOrder = new();

    private bool _loaded;

    /// <summary>The newest status id seen, from the stream or a backfill (saved in the cursor, when there is one).</summary>
    public string? LastId { get; set; }

    private string CursorName => $"mastodon:{instance.Authority}:stream:{Name}";

    public string Name => hashtag is null ? "public" : "#" + hashtag;

    /// <summary>Connects and reconnects (with backoff, up to 2 minutes) until cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(ct))
                {
                    delay = TimeSpan.FromSeconds(1);
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or JsonException)
            {
                logger.LogWarning("Mastodon stream {Instance} {Timeline}: {Error}; reconnecting in {Delay}", instance, Name, e.Message, delay);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            await Task.Delay(delay, time, ct).ContinueWith(_ => { }, TaskScheduler.Default);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMinutes(2).Ticks));
        }
    }

    /// <summary>Catches up from <see cref="LastId"/>, then reads one connection until the server ends it; true when events came.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        if (!_loaded && cursor is not null)
        {
            LastId ??= await cursor.LoadAsync(CursorName, ct) is { } saved ? saved.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        }
        _loaded = true;
        if (LastId is not null)
        {
            await BackfillAsync(ct);
        }
        var path = hashtag is null ? "api/v1/streaming/public" : "api/v1/streaming/hashtag?tag=" + Uri.EscapeDataString(hashtag);
        using var request = MastodonHttp.Request(HttpMethod.Get, streamingBase ?? instance, path, accessToken);
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(await MastodonHttp.ErrorMessageAsync(response, ct), null, response.StatusCode);
        }
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(body, Encoding.UTF8);
        string? type = null;
        var data = new StringBuilder();
        var any = false;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (type is not null && data.Length > 0)
                {
                    await DispatchAsync(type, data.ToString(), ct);
                    any = true;
                }
                type = null;
                data.Clear();
                continue;
            }
            if (line[0] == ':')
            {
                continue; // a heartbeat comment
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            value = value.StartsWith(' ') ? value[1..] : value;
            if (field == "event")
            {
                type = value;
            }
            else if (field == "data")
            {
                data.Append(data.Length > 0 ? "\n" : "").Append(value);
            }
        }
        return any;
    }

    private async Task DispatchAsync(string type, string data, CancellationToken ct)
    {
        switch (type)
        {
            case "update":
                using (var doc = JsonDocument.Parse(data))
                {
                    await IngestAsync([doc.RootElement], ct);
                }
                break;
            case "delete":
                if (_uris.Remove(data, out var uri))
                {
                    await withdraw(uri, ct);
                }
                break;
        }
    }

    /// <summary>The statuses posted since <see cref="LastId"/>, from the REST timeline that matches the stream, oldest pages last.</summary>
    private async Task BackfillAsync(CancellationToken ct)
    {
        var path = hashtag is null ? "api/v1/timelines/public" : "api/v1/timelines/tag/" + Uri.EscapeDataString(hashtag);
        for (var page = 0; page < BackfillPages; page++)
        {
            using var request = MastodonHttp.Request(HttpMethod.Get, instance, $"{path}?limit=40&min_id={Uri.EscapeDataString(LastId!)}", accessToken);
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException(await MastodonHttp.ErrorMessageAsync(response, ct), null, response.StatusCode);
            }
            var list = await MastodonHttp.ReadJsonAsync(response, ct);
            if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                return;
            }
            var before = LastId;
            await IngestAsync([.. list.EnumerateArray()], ct);
            if (LastId == before)
            {
                return;
            }
        }
    }

    private async Task IngestAsync(IReadOnlyList<JsonElement> statuses, CancellationToken ct)
    {
        var posts = new List<IncomingPost>(statuses.Count);
        string? newest = null;
        foreach (var status in statuses)
        {
            newest = MastodonStatuses.Newest(newest, MastodonHttp.String(status, "id"));
            if (MastodonStatuses.ToIncoming(status, instance.Host, time) is { } post)
            {
                posts.Add(post);
                Remember(MastodonHttp.String(status, "id"), post.SourceUri);
            }
        }
        if (posts.Count > 0)
        {
            await ingest(posts, ct);
        }
        var before = LastId;
        LastId = MastodonStatuses.Newest(LastId, newest);
        if (cursor is not null && LastId != before && long.TryParse(LastId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var position))
        {
            await cursor.SaveAsync(CursorName, position, ct);
        }
    }

    private void Remember(string? id, string uri)
    {
        if (id is null || !_uris.TryAdd(id, uri))
        {
            return;
        }
        _uriOrder.Enqueue(id);
        if (_uriOrder.Count > RememberedUris)
        {
            _uris.Remove(_uriOrder.Dequeue());
        }
    }
}
