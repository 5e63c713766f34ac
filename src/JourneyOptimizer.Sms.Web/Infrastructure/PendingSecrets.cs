using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// Carries a secret the administrator just typed across one more round trip ("Save without verification") without
/// sending it back in clear: the browser holds only an encrypted, 15-minute blob that this portal alone can open.
/// </summary>
public sealed class PendingSecrets(IDataProtectionProvider provider)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private readonly ITimeLimitedDataProtector _protector =
        provider.CreateProtector("JourneyOptimizer.Sms.PendingSecret.v1").ToTimeLimitedDataProtector();

    public string? Protect(string? secret) => string.IsNullOrEmpty(secret) ? null : _protector.Protect(secret, Lifetime);

    /// <summary>The secret, or null when the blob is missing, tampered with or expired.</summary>
    public string? Unprotect(string? blob)
    {
        if (string.IsNullOrEmpty(blob) || blob.Length > 4000)
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(blob);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
