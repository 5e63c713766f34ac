using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace JourneyOptimizer.Sms.Core.Credentials.Sinch;

/// <summary>The outcome of checking a Sinch callback's signature.</summary>
public enum SinchSignatureCheck
{
    Valid = 0,

    /// <summary>The signature, timestamp or nonce header is absent or empty.</summary>
    Missing = 1,

    /// <summary>The algorithm header names something other than <c>HmacSHA256</c>.</summary>
    UnsupportedAlgorithm = 2,

    /// <summary>The timestamp is not Unix seconds, or it is outside the freshness window (a replay or a skewed clock).</summary>
    StaleTimestamp = 3,

    /// <summary>The signature does not match the body, nonce and timestamp under this secret.</summary>
    Mismatch = 4,
}

/// <summary>
/// Sinch's callback signature, the same for the Conversation API and for SMS service plans with HMAC configured:
/// <c>x-sinch-webhook-signature = Base64(HMAC-SHA256(UTF8(secret), rawBody + "." + nonce + "." + timestamp))</c>,
/// with the nonce and the timestamp (Unix seconds) in their own headers. The raw bytes are signed: a body that was
/// parsed and written again no longer matches. Never throws on what a caller sends.
/// </summary>
public static class SinchWebhookSignature
{
    public const string SignatureHeader = "x-sinch-webhook-signature";
    public const string TimestampHeader = "x-sinch-webhook-signature-timestamp";
    public const string NonceHeader = "x-sinch-webhook-signature-nonce";
    public const string AlgorithmHeader = "x-sinch-webhook-signature-algorithm";
    public const string Algorithm = "HmacSHA256";

    /// <summary>How far the timestamp may be from now, either way.</summary>
    public static readonly TimeSpan DefaultFreshness = TimeSpan.FromMinutes(5);

    /// <summary>The signature Sinch sends for this body, nonce and timestamp.</summary>
    public static string Compute(string secret, ReadOnlySpan<byte> rawBody, string nonce, string timestamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(timestamp);
        return Convert.ToBase64String(Mac(secret, rawBody, nonce, timestamp));
    }

    /// <param name="algorithm">The algorithm header; absent is taken as <c>HmacSHA256</c> (whether Sinch always sends it
    /// on SMS callbacks is not documented).</param>
    public static SinchSignatureCheck Check(string secret, ReadOnlySpan<byte> rawBody, string? signature, string? timestamp,
        string? nonce, string? algorithm, DateTimeOffset now, TimeSpan? freshness = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (string.IsNullOrWhiteSpace(signature) || string.IsNullOrWhiteSpace(timestamp) || string.IsNullOrEmpty(nonce))
        {
            return SinchSignatureCheck.Missing;
        }

        if (!string.IsNullOrEmpty(algorithm) && !string.Equals(algorithm.Trim(), Algorithm, StringComparison.OrdinalIgnoreCase))
        {
            return SinchSignatureCheck.UnsupportedAlgorithm;
        }

        var seconds = timestamp.Trim();
        if (seconds.Length is 0 or > 12 || seconds.AsSpan().IndexOfAnyExceptInRange('0', '9') >= 0
            || !long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
            || unix > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return SinchSignatureCheck.StaleTimestamp;
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(unix);
        if (age.Duration() > (freshness ?? DefaultFreshness))
        {
            return SinchSignatureCheck.StaleTimestamp;
        }

        Span<byte> given = stackalloc byte[64];
        if (!Convert.TryFromBase64String(signature.Trim(), given, out var length) || length != 32)
        {
            return SinchSignatureCheck.Mismatch;
        }

        // The nonce and timestamp are signed as sent (the timestamp untrimmed), as Sinch computed them.
        var expected = Mac(secret, rawBody, nonce, timestamp);
        return CryptographicOperations.FixedTimeEquals(expected, given[..length]) ? SinchSignatureCheck.Valid : SinchSignatureCheck.Mismatch;
    }

    private static byte[] Mac(string secret, ReadOnlySpan<byte> rawBody, string nonce, string timestamp)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(rawBody);
        hmac.AppendData(Encoding.UTF8.GetBytes("." + nonce + "." + timestamp));
        return hmac.GetHashAndReset();
    }
}
