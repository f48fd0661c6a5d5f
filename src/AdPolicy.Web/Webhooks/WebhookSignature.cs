using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AdPolicy.Web.Webhooks;

/// <summary>
/// How a delivery is signed: HMAC-SHA256, keyed with the endpoint's secret (its UTF-8 bytes, <c>whsec_</c> included),
/// over <c>"{timestamp}.{body}"</c>, written as <c>v1=&lt;lowercase hex&gt;</c>. During a rotation a second <c>v1=</c> with
/// the previous secret follows, separated by a comma and a space. docs/api.md shows a receiver's check.
/// </summary>
public static class WebhookSignature
{
    public const string EventIdHeader = "AdPolicy-Event-Id";
    public const string EventTypeHeader = "AdPolicy-Event-Type";
    public const string TimestampHeader = "AdPolicy-Timestamp";
    public const string SignatureHeader = "AdPolicy-Signature";

    public static string Sign(string secret, long timestamp, string body)
    {
        var signed = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        return "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>True when one of the header's signatures is the body's under <paramref name="secret"/> and the timestamp is within <paramref name="tolerance"/> of now.</summary>
    public static bool Verify(string secret, string timestampHeader, string signatureHeader, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || (now - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > tolerance)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        return signatureHeader.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(candidate => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate), expected));
    }
}
