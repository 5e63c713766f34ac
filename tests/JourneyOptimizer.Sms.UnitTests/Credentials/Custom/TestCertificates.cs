using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Custom;

/// <summary>Certificates made in the test process: a self-signed server certificate and mTLS client certificates.</summary>
internal static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> LazyServer = new(CreateServer);
    private static readonly Lazy<(string CertificatePem, string KeyPem)> LazyClient = new(() => CreateClient("CN=Portal mTLS client"));
    private static readonly Lazy<(string CertificatePem, string KeyPem)> LazyOtherClient = new(() => CreateClient("CN=Other client"));

    /// <summary>CN=localhost, SAN 127.0.0.1, ::1, localhost; with private key.</summary>
    public static X509Certificate2 Server => LazyServer.Value;

    public static string ClientCertificatePem => LazyClient.Value.CertificatePem;

    public static string ClientKeyPem => LazyClient.Value.KeyPem;

    public static string OtherCertificatePem => LazyOtherClient.Value.CertificatePem;

    public static string OtherKeyPem => LazyOtherClient.Value.KeyPem;

    public static string ClientThumbprint
    {
        get
        {
            using var certificate = X509Certificate2.CreateFromPem(ClientCertificatePem);
            return certificate.GetCertHashString(HashAlgorithmName.SHA256);
        }
    }

    private static X509Certificate2 CreateServer()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    private static (string, string) CreateClient(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return (created.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
