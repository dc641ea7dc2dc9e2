using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Herald.Networks;

namespace Herald.Notifications;

/// <summary>How one send went: sent, worth retrying (with the receiver's wait if it gave one), or not.</summary>
public sealed record SendOutcome(bool Sent, bool Retry, string? Error = null, TimeSpan? RetryAfter = null)
{
    public static readonly SendOutcome Ok = new(true, false);
    public static SendOutcome Transient(string error, TimeSpan? after = null) => new(false, true, error, after);
    public static SendOutcome Permanent(string error) => new(false, false, error);
}

/// <summary>Posts a notification to a Slack-compatible incoming webhook, signed, through the SSRF guard.</summary>
public sealed class WebhookSender(HttpClient http, TimeProvider time)
{
    public async Task<SendOutcome> SendAsync(string url, string? secret, OutboxMessage message, string? link, CancellationToken ct)
    {
        var body = Payload(message, link);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        request.Headers.Add(WebhookSignature.DeliveryHeader, message.Id);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(secret))
        {
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        }
        try
        {
            using var response = await http.SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                return SendOutcome.Ok;
            }
            var code = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(ct);
            var error = $"{code} {response.ReasonPhrase}" + (string.IsNullOrWhiteSpace(text) ? "" : ": " + Truncate(text.Trim()));
            return code switch
            {
                429 or 408 or >= 500 => SendOutcome.Transient(error, HttpFailures.RetryAfter(response, time)),
                _ => SendOutcome.Permanent(error),
            };
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            if (AddressGuard.Refusal(ex) is { } refused)
            {
                return SendOutcome.Permanent(refused.Message);
            }
            // Time-outs and connection failures: the receiver may be restarting.
            return SendOutcome.Transient(ex is TaskCanceledException ? "The webhook did not answer in time." : ex.GetBaseException().Message);
        }
    }

    /// <summary>Slack's "text" and "blocks", plus a "herald" object with the same facts as plain fields for other receivers.</summary>
    internal static byte[] Payload(OutboxMessage m, string? link)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            var text = $"*{Escape(m.Title)}*\n{Escape(m.Body)}" + (link is null ? "" : $"\n<{link}|Open in Herald>");
            json.WriteString("text", text);
            json.WriteStartArray("blocks");
            json.WriteStartObject();
            json.WriteString("type", "header");
            json.WriteStartObject("text");
            json.WriteString("type", "plain_text");
            json.WriteString("text", Truncate(m.Title, 150));
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject();
            json.WriteString("type", "section");
            json.WriteStartObject("text");
            json.WriteString("type", "mrkdwn");
            json.WriteString("text", Truncate(Escape(m.Body), 3000));
            json.WriteEndObject();
            json.WriteEndObject();
            if (link is not null)
            {
                json.WriteStartObject();
                json.WriteString("type", "context");
                json.WriteStartArray("elements");
                json.WriteStartObject();
                json.WriteString("type", "mrkdwn");
                json.WriteString("text", $"<{link}|Open in Herald>");
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("herald");
            json.WriteString("id", m.Id);
            json.WriteString("kind", m.Kind);
            json.WriteString("workspaceId", m.WorkspaceId);
            json.WriteString("title", m.Title);
            json.WriteString("body", m.Body);
            json.WriteString("link", link);
            json.WriteString("createdAt", m.CreatedAt);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>Slack mrkdwn treats &amp;, &lt; and &gt; as control characters.</summary>
    private static string Escape(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Truncate(string s, int max = 300) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
