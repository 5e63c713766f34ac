using System.Security.Cryptography;
using System.Text;

namespace JourneyOptimizer.Sms.Testing;

/// <summary>
/// Signs callbacks as Sinch does, for tests that play Sinch: Base64 of HMAC-SHA256 with the secret over the raw body,
/// ".", the nonce, ".", the timestamp. Written apart from the portal's checker; the vectors pin both.
/// </summary>
internal static class SinchTestSignature
{
    public static string Sign(string secret, string rawBody, string nonce, string timestamp) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(rawBody + "." + nonce + "." + timestamp)));

    /// <summary>The four headers Sinch sends, for the given moment.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Headers(string secret, string rawBody, DateTimeOffset at, string? nonce = null)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        nonce ??= FakeVendorServer.Ulid();
        return
        [
            new("x-sinch-webhook-signature", Sign(secret, rawBody, nonce, timestamp)),
            new("x-sinch-webhook-signature-timestamp", timestamp),
            new("x-sinch-webhook-signature-nonce", nonce),
            new("x-sinch-webhook-signature-algorithm", "HmacSHA256"),
        ];
    }
}
