using System.Collections.Specialized;
using Microsoft.AspNetCore.WebUtilities;
using Twilio.Security;

namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>
/// Checks Twilio's <c>X-Twilio-Signature</c> header with the SDK's <see cref="RequestValidator"/>, which signs the
/// URL Twilio called (tried with and without the default port) followed by the form fields sorted by key. The URL must
/// be the public one (scheme, host, port, path and raw query). Never throws on bad input: what does not check out is
/// not valid.
/// </summary>
public static class TwilioSignature
{
    public const string HeaderName = "X-Twilio-Signature";
    public const string BodyHashParameter = "bodySHA256";

    /// <summary>A form-encoded webhook (inbound message, status callback).</summary>
    /// <param name="formParameters">The decoded form fields, every one, empty ones included and untrimmed.</param>
    public static bool IsValid(string authToken, string? signatureHeader, string url, IReadOnlyList<KeyValuePair<string, string>> formParameters)
    {
        ArgumentNullException.ThrowIfNull(formParameters);
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrWhiteSpace(signatureHeader) || !IsAbsoluteUrl(url))
        {
            return false;
        }

        var validator = new RequestValidator(authToken);
        var form = new NameValueCollection(formParameters.Count, StringComparer.Ordinal);
        foreach (var (key, value) in formParameters)
        {
            form.Add(key, value);
        }

        if (Urls(url).Any(candidate => validator.Validate(candidate, form, signatureHeader)))
        {
            return true;
        }

        // Twilio's own webhooks never repeat a key (MediaUrl0, MediaUrl1, ...), and the SDK joins repeated values
        // with commas. Other senders sign a repeated key as Twilio's Node library does: each distinct value, sorted,
        // after the key; a dictionary whose value repeats the key between the values gives the SDK that same string.
        if (form.AllKeys.Length == formParameters.Count)
        {
            return false;
        }

        var repeated = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in form.AllKeys)
        {
            var values = (form.GetValues(key) ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            repeated[key ?? string.Empty] = string.Join(key, values);
        }

        return Urls(url).Any(candidate => validator.Validate(candidate, repeated, signatureHeader));
    }

    /// <summary>
    /// A JSON webhook: the signature covers the URL alone, which carries <c>bodySHA256</c>, the lower-case hex SHA-256
    /// of the raw body (checked by the SDK's <see cref="RequestValidator.ValidateBody"/>).
    /// </summary>
    public static bool IsValidJsonBody(string authToken, string? signatureHeader, string url, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrWhiteSpace(signatureHeader) || !IsAbsoluteUrl(url)
            || !QueryHelpers.ParseQuery(new Uri(url).Query).TryGetValue(BodyHashParameter, out var hash)
            || hash.Count != 1 || string.IsNullOrEmpty(hash[0]))
        {
            return false;
        }

        return RequestValidator.ValidateBody(body, hash[0]!.ToLowerInvariant())
            && Urls(url).Any(candidate => new RequestValidator(authToken).Validate(candidate, (IDictionary<string, string>?)null, signatureHeader));
    }

    /// <summary>
    /// The URL, and without its port when it names the default one: the SDK also tries a URL without a port with the
    /// default port added, but not the reverse, because <see cref="Uri"/> hides an explicit default port from it.
    /// </summary>
    private static IEnumerable<string> Urls(string url)
    {
        yield return url;
        var uri = new Uri(url);
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], url.IndexOf("://", StringComparison.Ordinal) + 3);
        var authority = authorityEnd < 0 ? url : url[..authorityEnd];
        var port = ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (uri.IsDefaultPort && authority.EndsWith(port, StringComparison.Ordinal))
        {
            yield return authority[..^port.Length] + (authorityEnd < 0 ? string.Empty : url[authorityEnd..]);
        }
    }

    private static bool IsAbsoluteUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
