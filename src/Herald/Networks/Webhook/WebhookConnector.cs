using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Herald.Networks.Webhook;

/// <summary>
/// Publishes to an endpoint of the user's own (an automation tool, a chat bridge): each part is one POST of JSON with an
/// Idempotency-Key header and, when the account has a secret, an <c>X-Herald-Signature: sha256=&lt;hex HMAC of the body&gt;</c>.
/// A generic webhook cannot be asked what it received, so <see cref="FindAsync"/> always answers "not found": after an
/// unknown outcome the dispatcher sends again with the same key, and receivers must deduplicate on Idempotency-Key.
/// </summary>
public sealed class WebhookConnector(HttpClient http, TimeProvider time, IOptions<NetworkOptions> options) : INetworkConnector
{
    public const string Key = "webhook";
    private const int MaxMessage = 500;

    /// <summary>Generous limits: the receiver, not a network, decides what it accepts.</summary>
    public static readonly NetworkRules Rules = new()
    {
        MaxGraphemes = 10_000,
        MaxImages = 4,
        MaxImageBytes = long.MaxValue,
        MaxAltTextGraphemes = 10_000,
        SupportsVideo = true,
        MaxVideoBytes = long.MaxValue,
        MixesImagesAndVideo = true,
        SupportsThreads = true,
        AccountConcurrency = 8,
        NetworkConcurrency = 256,
    };

    public string Network => Key;

    public NetworkRules DefaultRules => Rules;

    public string? NewRecordKey() => null;

    /// <summary>Checks the URL only: a webhook has no "who am I" call, and a test POST would be a post.</summary>
    public Task<NetworkResult<ConnectedAccount>> ConnectAsync(JsonElement request, CancellationToken ct)
    {
        var url = Text(request, "url")?.Trim();
        if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return Task.FromResult<NetworkResult<ConnectedAccount>>(
                new NetworkFailure(FailureKind.InvalidContent, "The webhook URL must be an absolute http(s) URL, such as https://hooks.example.com/herald."));
        }
        if (AddressGuard.RefuseLiteral(url, options.Value.AllowPrivateAddresses) is { } refused)
        {
            return Task.FromResult<NetworkResult<ConnectedAccount>>(refused);
        }
        var name = Text(request, "name")?.Trim();
        var credentials = new WebhookCredentials(uri.ToString(), Text(request, "secret"));
        return Task.FromResult(NetworkResult<ConnectedAccount>.Success(new ConnectedAccount(
            string.IsNullOrEmpty(name) ? uri.Host : name, null, null, uri.GetLeftPart(UriPartial.Authority), credentials.ToJson())));
    }

    public async Task<NetworkResult<RemotePost>> PublishAsync(PublishContext context, PartToPublish part, ThreadRefs? thread, CancellationToken ct)
    {
        if (WebhookCredentials.FromJson(context.CredentialsJson) is not { } credentials)
        {
            return new NetworkFailure(FailureKind.AuthExpired, "The webhook account has no URL; reconnect it.");
        }
        var body = Body(part, thread?.Parent.RemoteId);
        using var request = new HttpRequestMessage(HttpMethod.Post, credentials.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("Idempotency-Key", part.IdempotencyKey);
        if (credentials.Secret is { } secret)
        {
            request.Headers.Add("X-Herald-Signature", Signature(secret, body));
        }
        try
        {
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                var (id, url) = Answer(text);
                return NetworkResult<RemotePost>.Success(new RemotePost(id ?? part.IdempotencyKey, url));
            }
            var code = (int)response.StatusCode;
            var message = string.IsNullOrWhiteSpace(text) ? $"{code} {response.ReasonPhrase}" : Truncate(text.Trim());
            return response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests => new NetworkFailure(FailureKind.RateLimited, message, HttpFailures.RetryAfter(response, time), code),
                HttpStatusCode.RequestTimeout => new NetworkFailure(FailureKind.Transient, message, null, code),
                _ when code >= 500 => new NetworkFailure(FailureKind.Transient, message, HttpFailures.RetryAfter(response, time), code),
                _ when code >= 400 => new NetworkFailure(FailureKind.InvalidContent, message, null, code),
                _ => new NetworkFailure(FailureKind.Permanent, $"The webhook answered {code}; Herald does not follow redirects.", null, code),
            };
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return HttpFailures.FromException(ex, mutating: true);
        }
    }

    /// <summary>A generic webhook cannot be queried: always "not found", so a retry resends with the same Idempotency-Key.</summary>
    public Task<NetworkResult<LookupResult>> FindAsync(PublishContext context, PartToPublish part, CancellationToken ct) =>
        Task.FromResult(NetworkResult<LookupResult>.Success(LookupResult.NotFound));

    /// <summary>Succeeds without a call: a webhook has no delete; the receiver keeps what it was sent.</summary>
    public Task<NetworkResult<bool>> DeleteAsync(PublishContext context, string remoteId, CancellationToken ct) =>
        Task.FromResult(NetworkResult<bool>.Success(true));

    /// <summary>The JSON sent for one part; the signature covers exactly these bytes.</summary>
    internal static byte[] Body(PartToPublish part, string? replyTo)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", part.IdempotencyKey);
            json.WriteString("text", part.Text);
            json.WriteString("createdAt", part.CreatedAt);
            if (replyTo is null)
            {
                json.WriteNull("replyTo");
            }
            else
            {
                json.WriteString("replyTo", replyTo);
            }
            json.WriteStartArray("media");
            foreach (var m in part.Media)
            {
                json.WriteStartObject();
                json.WriteString("fileName", m.FileName);
                json.WriteString("contentType", m.ContentType);
                json.WriteString("altText", m.AltText);
                json.WriteNumber("size", m.Size);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>"sha256=" and the lowercase hex HMAC-SHA256 of the body with the account's secret.</summary>
    public static string Signature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static (string? Id, string? Url) Answer(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }
            var root = doc.RootElement;
            string? id = root.TryGetProperty("id", out var i) ? i.ValueKind switch
            {
                JsonValueKind.String => i.GetString(),
                JsonValueKind.Number => i.GetRawText(),
                _ => null,
            } : null;
            return (string.IsNullOrEmpty(id) ? null : id, Text(root, "url"));
        }
        catch (JsonException)
        {
            return (null, null); // a 2xx with a body that is not JSON still means "received"
        }
    }

    private static string Truncate(string text) => text.Length <= MaxMessage ? text : text[..MaxMessage] + "…";

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
