using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Herald.Notifications;

/// <summary>
/// Signs a notification webhook: <c>X-Herald-Timestamp: &lt;unix seconds&gt;</c> and
/// <c>X-Herald-Signature: v1=&lt;hex HMAC-SHA256(secret, timestamp + "." + body)&gt;</c>. Covering the timestamp lets a
/// receiver refuse replays older than a few minutes.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-Herald-Timestamp";
    public const string SignatureHeader = "X-Herald-Signature";
    public const string DeliveryHeader = "X-Herald-Delivery";

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return "v1=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>What a receiver does: recompute and compare in constant time.</summary>
    public static bool Verify(string secret, string timestamp, ReadOnlySpan<byte> body, string signature) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ts)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, ts, body)), Encoding.ASCII.GetBytes(signature));

    /// <summary>A new random secret, shown once to the user who creates the channel.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
