using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>Reads the mTLS client certificate (PEM certificate chain + unencrypted PEM private key).</summary>
internal static class ClientCertificatePem
{
    public const int MaxLength = 20_000;

    private static readonly string[] KeyLabels = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"];

    /// <summary>The certificates in <paramref name="pem"/>, the client certificate first; null when there is none or the text is not PEM.</summary>
    public static X509Certificate2Collection? TryReadCertificates(string? pem)
    {
        if (string.IsNullOrWhiteSpace(pem) || pem.Length > MaxLength)
        {
            return null;
        }

        try
        {
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPem(pem);
            return certificates.Count > 0 ? certificates : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="pem"/> holds an unencrypted private key in a form .NET reads.</summary>
    public static bool IsPrivateKeyPem(string? pem)
    {
        if (string.IsNullOrWhiteSpace(pem) || pem.Length > MaxLength || !PemEncoding.TryFind(pem, out var fields))
        {
            return false;
        }

        var label = pem[fields.Label];
        return KeyLabels.Contains(label, StringComparer.Ordinal);
    }

    /// <summary>The client certificate with its private key, or null when the key does not belong to it.</summary>
    public static X509Certificate2? TryCombine(string certificatePem, string privateKeyPem)
    {
        try
        {
            using var combined = X509Certificate2.CreateFromPem(certificatePem, privateKeyPem);

            // Round-trip through PKCS#12 so that the key is usable by SslStream on every platform.
            return X509CertificateLoader.LoadPkcs12(combined.Export(X509ContentType.Pkcs12), password: null);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>SHA-256 thumbprint of the certificate, lower-case hex.</summary>
    public static string Thumbprint(X509Certificate2 certificate) =>
        Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256));
}
