using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>
/// Checks Twilio's <c>X-Twilio-Signature</c> header on webhook requests:
/// <c>Base64(HMAC-SHA1(authToken, url + key1 + value1 + key2 + value2 ...))</c> with the form fields sorted by key
/// (ordinal), repeated keys as their distinct values sorted (ordinal). The URL must be the public one Twilio called
/// (scheme, host, port, path and raw query); it is tried as given and with the default port added or removed.
/// Never throws on bad input: anything that does not check out is simply not valid.
/// </summary>
[SuppressMessage("Performance", "CA1822:Mark members as static",
    Justification = "An injectable service (registered by AddTwilio) so that webhook endpoints depend on an instance.")]
public sealed class TwilioRequestValidator
{
    public const string SignatureHeaderName = "X-Twilio-Signature";
    public const string BodyHashParameter = "bodySHA256";

    /// <summary>A form-encoded webhook (inbound message, status callback).</summary>
    /// <param name="formParameters">The decoded form fields, every one, empty ones included and untrimmed.</param>
    public bool IsValid(string authToken, string? signatureHeader, string url, IEnumerable<KeyValuePair<string, string>>? formParameters)
    {
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrWhiteSpace(signatureHeader) || string.IsNullOrEmpty(url))
        {
            return false;
        }

        var parameters = formParameters?.ToList() ?? [];
        return UrlVariants(url).Any(candidate => SignatureMatches(ComputeSignature(authToken, candidate, parameters), signatureHeader));
    }

    /// <summary>
    /// A JSON webhook: the signature covers the URL alone (which carries <c>bodySHA256</c>), and
    /// <c>bodySHA256</c> must be the lower-case hex SHA-256 of the raw body.
    /// </summary>
    public bool IsValidJsonBody(string authToken, string? signatureHeader, string url, ReadOnlySpan<byte> rawBody)
    {
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrWhiteSpace(signatureHeader) || string.IsNullOrEmpty(url))
        {
            return false;
        }

        var expectedHash = QueryValue(url, BodyHashParameter);
        if (expectedHash is null)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(rawBody, hash);
        var actualHash = Convert.ToHexStringLower(hash);
        if (!string.Equals(actualHash, expectedHash, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return UrlVariants(url).Any(candidate => SignatureMatches(ComputeSignature(authToken, candidate, []), signatureHeader));
    }

    /// <summary>The signature Twilio sends for <paramref name="url"/> and <paramref name="formParameters"/> (also for tests that sign requests).</summary>
    [SuppressMessage("Security", "CA5350:Do not use weak cryptographic algorithms",
        Justification = "HMAC-SHA1 is what Twilio signs webhooks with; the portal verifies, it does not choose.")]
    public static string ComputeSignature(string authToken, string url, IEnumerable<KeyValuePair<string, string>>? formParameters)
    {
        ArgumentNullException.ThrowIfNull(authToken);
        ArgumentNullException.ThrowIfNull(url);
        var data = new StringBuilder(url);
        var groups = (formParameters ?? [])
            .GroupBy(p => p.Key ?? string.Empty, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            foreach (var value in group.Select(p => p.Value ?? string.Empty).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                data.Append(group.Key).Append(value);
            }
        }

        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
        return Convert.ToBase64String(mac);
    }

    private static bool SignatureMatches(string expected, string header) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(header));

    /// <summary>The URL as given, then with the default port (<c>:443</c>/<c>:80</c>) removed if present or added if absent.</summary>
    internal static IEnumerable<string> UrlVariants(string url)
    {
        yield return url;
        var other = ToggleDefaultPort(url);
        if (other is not null)
        {
            yield return other;
        }
    }

    internal static string? ToggleDefaultPort(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return null;
        }

        var scheme = url[..schemeEnd];
        var defaultPort = scheme.Equals("https", StringComparison.OrdinalIgnoreCase) ? "443"
            : scheme.Equals("http", StringComparison.OrdinalIgnoreCase) ? "80"
            : null;
        if (defaultPort is null)
        {
            return null;
        }

        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        var authority = url[authorityStart..authorityEnd];
        var hostStart = authority.LastIndexOf('@') + 1;
        var colon = authority.LastIndexOf(':');
        var ipv6End = authority.LastIndexOf(']');
        if (authority.Length == hostStart)
        {
            return null;
        }

        if (colon >= hostStart && colon > ipv6End)
        {
            // There is a port: only the default one can be dropped.
            return authority[(colon + 1)..] == defaultPort
                ? string.Concat(url.AsSpan(0, authorityStart), authority.AsSpan(0, colon), url.AsSpan(authorityEnd))
                : null;
        }

        return string.Concat(url.AsSpan(0, authorityEnd), ":", defaultPort, url.AsSpan(authorityEnd));
    }

    /// <summary>The decoded value of the first <paramref name="name"/> parameter of the URL's query, or null.</summary>
    internal static string? QueryValue(string url, string name)
    {
        var queryStart = url.IndexOf('?', StringComparison.Ordinal);
        if (queryStart < 0)
        {
            return null;
        }

        var fragment = url.IndexOf('#', queryStart);
        var query = fragment < 0 ? url[(queryStart + 1)..] : url[(queryStart + 1)..fragment];
        foreach (var pair in query.Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? pair : pair[..equals];
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                try
                {
                    return Uri.UnescapeDataString(equals < 0 ? string.Empty : pair[(equals + 1)..].Replace('+', ' '));
                }
                catch (UriFormatException)
                {
                    return null;
                }
            }
        }

        return null;
    }
}
