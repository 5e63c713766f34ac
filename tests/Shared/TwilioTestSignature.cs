using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace JourneyOptimizer.Sms.Testing;

/// <summary>
/// Signs requests as Twilio does (<c>X-Twilio-Signature</c>), for tests and load tools that play Twilio: Base64 of
/// HMAC-SHA1 with the Auth Token over the URL followed by each form key and value, keys in ordinal order, a repeated
/// key's distinct values sorted. The portal itself only checks signatures, with the Twilio SDK; the signature vectors
/// pin both to Twilio's own library.
/// </summary>
internal static class TwilioTestSignature
{
    [SuppressMessage("Security", "CA5350:Do not use weak cryptographic algorithms",
        Justification = "HMAC-SHA1 is what Twilio signs webhooks with.")]
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>>? form)
    {
        var data = new StringBuilder(url);
        foreach (var group in (form ?? []).GroupBy(p => p.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var value in group.Select(p => p.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                data.Append(group.Key).Append(value);
            }
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }
}
