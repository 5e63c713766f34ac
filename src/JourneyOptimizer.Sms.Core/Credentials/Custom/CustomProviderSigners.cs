using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>
/// JWT authentication: a compact JWS (RFC 7515/7519) with header <c>{"alg":"HS256","typ":"JWT"}</c>, signed with
/// HMAC-SHA256 keyed by the UTF-8 bytes of the API Token, over the JWT Payload claims plus <c>iat</c> (now, Unix
/// seconds) and <c>exp</c> (<c>iat</c> + <see cref="Lifetime"/>); claims of those names in the payload are replaced.
/// Sent as <c>Authorization: Bearer &lt;jwt&gt;</c>, made anew for every request.
/// </summary>
internal static class JwtSigner
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private static readonly byte[] Header = """{"alg":"HS256","typ":"JWT"}"""u8.ToArray();

    public static string Create(string signingKey, string payloadJson, DateTimeOffset now)
    {
        var claims = JsonNode.Parse(payloadJson) as JsonObject
            ?? throw new InvalidOperationException("The stored JWT payload is not a JSON object.");
        var issuedAt = now.ToUnixTimeSeconds();
        claims["iat"] = issuedAt;
        claims["exp"] = issuedAt + (long)Lifetime.TotalSeconds;

        var signingInput = Base64Url.EncodeToString(Header) + "." + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }
}

/// <summary>
/// MAC authentication. For every request the portal sends
/// <code>
/// Authorization: MAC id="&lt;API Token&gt;", ts="&lt;unix seconds&gt;", alg="hmac-sha256", sig="&lt;base64 signature&gt;"
/// X-Timestamp: &lt;unix seconds&gt;
/// </code>
/// where <c>alg</c> is <c>hmac-sha256</c> or <c>hmac-sha1</c> (the Mac Authorization Hash Format), and the signature
/// is the standard Base64 of HMAC(key = UTF-8 bytes of the API Secret Key, message = UTF-8 bytes of
/// <c>METHOD + "\n" + path-and-query + "\n" + timestamp + "\n"</c> followed by the exact body bytes sent).
/// <c>METHOD</c> is upper case (<c>POST</c>), path-and-query is as sent on the request line (e.g. <c>/v1/sms?x=1</c>).
/// </summary>
internal static class MacSigner
{
    public static string AlgorithmName(MacHashAlgorithm algorithm) =>
        algorithm == MacHashAlgorithm.HmacSha1 ? "hmac-sha1" : "hmac-sha256";

    public static string Sign(MacHashAlgorithm algorithm, string secretKey, string method, string pathAndQuery,
        long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{method}\n{pathAndQuery}\n{timestamp}\n"));
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        var key = Encoding.UTF8.GetBytes(secretKey);
        return Convert.ToBase64String(algorithm == MacHashAlgorithm.HmacSha1
#pragma warning disable CA5350 // HMAC-SHA1 is one of the two formats the product offers (PRODUCT.md 3.2) for providers that require it.
            ? HMACSHA1.HashData(key, message)
#pragma warning restore CA5350
            : HMACSHA256.HashData(key, message));
    }

    public static string AuthorizationValue(string keyId, long timestamp, MacHashAlgorithm algorithm, string signature) =>
        string.Create(CultureInfo.InvariantCulture,
            $"MAC id=\"{keyId}\", ts=\"{timestamp}\", alg=\"{AlgorithmName(algorithm)}\", sig=\"{signature}\"");
}

/// <summary>Replaces every secret (and its JSON- and URL-escaped forms) in a text before it leaves the client.</summary>
internal sealed class SecretRedactor
{
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);
    private List<string> _ordered = [];

    public SecretRedactor(IEnumerable<string?> secrets)
    {
        foreach (var secret in secrets)
        {
            Add(secret);
        }
    }

    /// <summary>The longest secret form, so that a caller can drop a possibly cut secret at the end of a partial read.</summary>
    public int LongestSecret => _ordered.Count == 0 ? 0 : _ordered[0].Length;

    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return;
        }

        _values.Add(secret);
        _values.Add(JsonEncodedText.Encode(secret).ToString());
        _values.Add(JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString());
        _values.Add(Uri.EscapeDataString(secret));
        _ordered = [.. _values.OrderByDescending(v => v.Length)];
    }

    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var value in _ordered)
        {
            text = text.Replace(value, CustomSendMessages.Redacted, StringComparison.Ordinal);
        }

        return text;
    }
}
