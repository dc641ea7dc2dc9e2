using System.Text.Json;

namespace Herald.Networks.Mastodon;

/// <summary>What is stored (encrypted) for a Mastodon account: the instance and a user access token. Never logged, never returned.</summary>
internal sealed record MastodonCredentials(string Instance, string AccessToken)
{
    public Uri BaseUrl => new(Instance);

    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, string> { ["instance"] = Instance, ["accessToken"] = AccessToken });

    public static MastodonCredentials? FromJson(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var instance = root.TryGetProperty("instance", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            var token = root.TryGetProperty("accessToken", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            return string.IsNullOrEmpty(instance) || string.IsNullOrEmpty(token) ? null : new MastodonCredentials(instance, token);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // A record's generated ToString would print the token into any log line that formats this object.
    public override string ToString() => $"MastodonCredentials {{ Instance = {Instance} }}";
}
