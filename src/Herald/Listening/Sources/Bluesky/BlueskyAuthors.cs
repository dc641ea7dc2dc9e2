using System.Collections.Concurrent;
using System.Text.Json;
using Herald.Networks.Bluesky;

namespace Herald.Listening.Sources.Bluesky;

/// <summary>
/// Bluesky authors through the AppView of Listening:Bluesky:AppView (none when unset): app.bsky.actor.getProfiles (25 actors per call, unauthenticated), remembered for
/// <see cref="Keep"/> so a prolific author costs one lookup per period, not one per post.
/// </summary>
/// <remarks>A failed lookup is logged and leaves the counts unknown: listening never waits on, or fails because of, it.</remarks>
internal sealed class BlueskyAuthors(IHttpClientFactory clients, IConfiguration configuration, TimeProvider time, ILogger<BlueskyAuthors> logger) : IAuthorDirectory
{
    public const string HttpClientName = "listening-bluesky";
    public const int PerCall = 25;
    public static readonly TimeSpan Keep = TimeSpan.FromHours(6);
    private const int MaxRemembered = 200_000;
    /// <summary>After a failed call, lookups pause this long, so an unreachable AppView does not slow listening down.</summary>
    public static readonly TimeSpan PauseAfterFailure = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (AuthorProfile Profile, DateTimeOffset At)> _known = new(StringComparer.Ordinal);
    private DateTimeOffset _pausedUntil;

    public string Source => "bluesky";

    public async Task<IReadOnlyDictionary<string, AuthorProfile>> LookupAsync(IReadOnlyCollection<string> authorIds, CancellationToken ct)
    {
        if (configuration["Listening:Bluesky:AppView"] is not { Length: > 0 } appView)
        {
            return new Dictionary<string, AuthorProfile>();
        }
        var xrpc = new BlueskyXrpc(clients.CreateClient(HttpClientName), time);
        var now = time.GetUtcNow();
        var found = new Dictionary<string, AuthorProfile>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var id in authorIds.Distinct(StringComparer.Ordinal))
        {
            if (_known.TryGetValue(id, out var k) && now - k.At < Keep)
            {
                found[id] = k.Profile;
            }
            else
            {
                missing.Add(id);
            }
        }
        if (_known.Count > MaxRemembered)
        {
            _known.Clear();
        }
        foreach (var chunk in missing.Chunk(PerCall))
        {
            if (now < _pausedUntil)
            {
                break;
            }
            var result = await xrpc.GetAsync(appView, "app.bsky.actor.getProfiles", chunk.Select(a => new KeyValuePair<string, string>("actors", a)), null, ct);
            if (!result.Ok)
            {
                logger.LogWarning("Bluesky getProfiles for {Count} authors failed, pausing lookups for {Pause}: {Failure}", chunk.Length, PauseAfterFailure, result.Failure);
                _pausedUntil = now + PauseAfterFailure;
                break;
            }
            if (!result.Body.TryGetProperty("profiles", out var profiles) || profiles.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            foreach (var p in profiles.EnumerateArray())
            {
                if (p.TryGetProperty("did", out var did) && did.ValueKind == JsonValueKind.String && did.GetString() is { } d
                    && p.TryGetProperty("followersCount", out var f) && f.ValueKind == JsonValueKind.Number && f.TryGetInt64(out var followers))
                {
                    var handle = p.TryGetProperty("handle", out var h) && h.ValueKind == JsonValueKind.String && h.GetString() is { } hs && hs != "handle.invalid" ? hs : null;
                    var profile = new AuthorProfile(d, handle, Math.Max(0, followers));
                    _known[d] = (profile, now);
                    found[d] = profile;
                }
            }
        }
        return found;
    }
}
