using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>
/// Builds the primary handler of every Custom provider HttpClient: the SSRF guard as connect callback, no automatic
/// redirect, no proxy (a proxy would hide the real target from the guard), no cookies, and the client certificate
/// when there is one.
/// </summary>
internal sealed class CustomProviderHandlerFactory(
    SsrfGuard guard,
    IOptions<CustomProvidersOptions> options,
    CustomProviderTestHooks? hooks = null)
{
    public SocketsHttpHandler Create(SslStreamCertificateContext? clientCertificate)
    {
        var ssl = new SslClientAuthenticationOptions { ClientCertificateContext = clientCertificate };
        if (hooks?.TrustedRoot is { } root)
        {
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.Add(root);
            ssl.CertificateChainPolicy = policy;
        }

        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = guard.ConnectAsync,
            SslOptions = ssl,
        };
    }
}

/// <summary>
/// The client certificates in use, by SHA-256 thumbprint. An mTLS credential gets its own named HttpClient
/// (<see cref="CustomProviderClient.HttpClientName"/> + <c>.mtls.</c> + thumbprint) whose handler is built with its
/// certificate; the certificate is registered here before the client is created. Entries are never removed: one per
/// distinct client certificate used since the process started.
/// </summary>
internal sealed class ClientCertificateRegistry
{
    private readonly ConcurrentDictionary<string, SslStreamCertificateContext> _contexts = new(StringComparer.Ordinal);

    /// <summary>Registers the certificate (chain first entry = client certificate with key) and returns the HttpClient name to use.</summary>
    public string Register(string thumbprint, Func<SslStreamCertificateContext> create)
    {
        _contexts.GetOrAdd(thumbprint, _ => create());
        return CustomProviderClient.HttpClientName + MtlsClientOptionsSetup.Infix + thumbprint;
    }

    public SslStreamCertificateContext? Find(string thumbprint) => _contexts.GetValueOrDefault(thumbprint);
}

/// <summary>Configures the per-certificate named clients (see <see cref="ClientCertificateRegistry"/>).</summary>
internal sealed class MtlsClientOptionsSetup(CustomProviderHandlerFactory handlers, ClientCertificateRegistry certificates)
    : IConfigureNamedOptions<HttpClientFactoryOptions>
{
    public const string Infix = ".mtls.";

    public void Configure(HttpClientFactoryOptions options)
    {
        // Only named clients are configured here.
    }

    public void Configure(string? name, HttpClientFactoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = CustomProviderClient.HttpClientName + Infix;
        if (name is null || !name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return;
        }

        var thumbprint = name[prefix.Length..];
        options.ShouldRedactHeaderValue = _ => true;
        options.HttpClientActions.Add(client => client.Timeout = Timeout.InfiniteTimeSpan);
        options.HttpMessageHandlerBuilderActions.Add(builder =>
            builder.PrimaryHandler = handlers.Create(certificates.Find(thumbprint)
                ?? throw new InvalidOperationException("The client certificate of this Custom provider client is not registered.")));
    }
}
