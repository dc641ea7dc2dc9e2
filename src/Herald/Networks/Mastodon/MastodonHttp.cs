using System.Net.Http.Headers;
using System.Text.Json;

namespace Herald.Networks.Mastodon;

/// <summary>Request building and error reading shared by the connector and the OAuth helper.</summary>
internal static class MastodonHttp
{
    public static HttpRequestMessage Request(HttpMethod method, Uri baseUrl, string path, string? accessToken = null)
    {
        var request = new HttpRequestMessage(method, MastodonInstance.Combine(baseUrl, path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
        return request;
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
        return doc.RootElement.Clone();
    }

    /// <summary>Mastodon answers errors as {"error": "..."} (OAuth adds error_description); the user sees that message.</summary>
    public static async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var fallback = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(ct);
        }
        catch (HttpRequestException)
        {
            return fallback;
        }
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                var error = String(doc.RootElement, "error");
                var description = String(doc.RootElement, "error_description");
                if (!string.IsNullOrWhiteSpace(description))
                {
                    return description;
                }
                if (!string.IsNullOrWhiteSpace(error))
                {
                    return error;
                }
            }
        }
        catch (JsonException)
        {
            // An HTML error page from a proxy: not worth showing.
        }
        return fallback;
    }

    public static async Task<NetworkFailure> FailureAsync(HttpResponseMessage response, TimeProvider time, CancellationToken ct) =>
        HttpFailures.FromResponse(response, await ErrorMessageAsync(response, ct), time);

    /// <summary>Same as <see cref="HttpFailures.FromException"/> (an instance on a refused address is permanent).</summary>
    public static NetworkFailure Failure(Exception exception, bool mutating) => HttpFailures.FromException(exception, mutating);

    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
