using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Herald.Networks.Bluesky;

/// <summary>
/// What Herald stores (encrypted) for a Bluesky account: the app password, so a lost session can be recreated, and the
/// current session. Never logged.
/// </summary>
internal sealed record BlueskyCredentials
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public required string Service { get; init; }
    public required string Identifier { get; init; }
    public required string Password { get; init; }
    public string? AccessJwt { get; init; }
    public string? RefreshJwt { get; init; }
    public string? Did { get; init; }
    public string? Handle { get; init; }
    public DateTimeOffset? AccessExpiresAt { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static BlueskyCredentials? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<BlueskyCredentials>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>These credentials with the session a createSession or refreshSession answered.</summary>
    public BlueskyCredentials WithSession(JsonElement session) => this with
    {
        AccessJwt = session.GetProperty("accessJwt").GetString(),
        RefreshJwt = session.GetProperty("refreshJwt").GetString(),
        Did = session.TryGetProperty("did", out var did) ? did.GetString() : Did,
        Handle = session.TryGetProperty("handle", out var handle) ? handle.GetString() : Handle,
        AccessExpiresAt = ReadExpiry(session.GetProperty("accessJwt").GetString()),
    };

    /// <summary>The <c>exp</c> claim of a JWT, without verifying it (only the PDS can; we only need to know when to refresh).</summary>
    public static DateTimeOffset? ReadExpiry(string? jwt)
    {
        var parts = jwt?.Split('.');
        if (parts is not { Length: 3 })
        {
            return null;
        }
        try
        {
            var payload = Base64Url.DecodeFromChars(parts[1]);
            using var doc = JsonDocument.Parse(payload);
            return doc.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
