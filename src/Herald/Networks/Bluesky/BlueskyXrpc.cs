using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly.CircuitBreaker;

namespace Herald.Networks.Bluesky;

/// <summary>What an XRPC call answered: the JSON body, or the PDS's error name and a categorized failure.</summary>
internal readonly record struct XrpcResult(JsonElement Body, string? Error, NetworkFailure? Failure)
{
    public bool Ok => Failure is null;

    /// <summary>The PDS answers 400 InvalidToken for a token it cannot verify and 400/401 ExpiredToken for an old one.</summary>
    public bool IsTokenError => Error is "ExpiredToken" or "InvalidToken";

    public static XrpcResult Failed(NetworkFailure failure) => new(default, null, failure);
}

/// <summary>Sends XRPC requests to a PDS and turns every answer or exception into an <see cref="XrpcResult"/>; never throws but for cancellation.</summary>
internal sealed class BlueskyXrpc(HttpClient http, TimeProvider time)
{
    public Task<XrpcResult> GetAsync(string service, string nsid, IEnumerable<KeyValuePair<string, string>> query, string? token, CancellationToken ct)
    {
        var queryString = string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        return SendAsync(() => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, Url(service, nsid, queryString))), token, mutating: false, ct);
    }

    public Task<XrpcResult> PostJsonAsync(string service, string nsid, JsonNode? body, string? token, bool mutating, CancellationToken ct) =>
        SendAsync(() => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, Url(service, nsid, null))
        {
            Content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        }), token, mutating, ct);

    public Task<XrpcResult> PostContentAsync(string service, string nsid, Func<CancellationToken, Task<HttpContent>> content, string? token, CancellationToken ct) =>
        SendAsync(async () => new HttpRequestMessage(HttpMethod.Post, Url(service, nsid, null)) { Content = await content(ct) }, token, mutating: false, ct);

    private async Task<XrpcResult> SendAsync(Func<Task<HttpRequestMessage>> build, string? token, bool mutating, CancellationToken ct)
    {
        try
        {
            using var request = await build();
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            var body = await ReadJsonAsync(response, ct);
            if (response.IsSuccessStatusCode)
            {
                return new XrpcResult(body ?? default, null, null);
            }
            var error = Text(body, "error");
            var message = Text(body, "message") ?? error ?? $"{(int)response.StatusCode} {response.ReasonPhrase}";
            var failure = HttpFailures.FromResponse(response, message, time);
            if (error is "ExpiredToken" or "InvalidToken" or "AuthMissing" or "AuthenticationRequired")
            {
                failure = failure with { Kind = FailureKind.AuthExpired };
            }
            return new XrpcResult(body ?? default, error, failure);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (BrokenCircuitException e)
        {
            return XrpcResult.Failed(new NetworkFailure(FailureKind.Transient, $"Bluesky is failing; calls are paused: {e.Message}"));
        }
        catch (Exception e)
        {
            return XrpcResult.Failed(HttpFailures.FromException(e, mutating));
        }
    }

    private static Uri Url(string service, string nsid, string? query) =>
        new($"{service.TrimEnd('/')}/xrpc/{nsid}{(string.IsNullOrEmpty(query) ? "" : "?" + query)}");

    private static async Task<JsonElement?> ReadJsonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        if (bytes.Length == 0)
        {
            return null;
        }
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null; // a proxy's HTML error page: the status code says enough
        }
    }

    private static string? Text(JsonElement? body, string name) =>
        body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
