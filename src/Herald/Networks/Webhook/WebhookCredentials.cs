using System.Text.Json;

namespace Herald.Networks.Webhook;

/// <summary>What is stored (encrypted) for a webhook account: the endpoint and the optional signing secret.</summary>
internal sealed record WebhookCredentials(string Url, string? Secret)
{
    public string ToJson() => JsonSerializer.Serialize(new { url = Url, secret = Secret });

    public static WebhookCredentials? FromJson(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var url = root.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            var secret = root.TryGetProperty("secret", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            return string.IsNullOrEmpty(url) ? null : new WebhookCredentials(url, string.IsNullOrEmpty(secret) ? null : secret);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The generated ToString would print the secret into any log line that formats this object.
    public override string ToString() => $"WebhookCredentials {{ Url = {Url} }}";
}
