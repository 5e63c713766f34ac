using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>
/// Test-only seams of the Custom provider client, registered as a singleton by tests (internal: the web host cannot
/// reach it). It never disables a check: it adds one trusted root for TLS, lets exact loopback endpoints through the
/// address guard, and can replace DNS.
/// </summary>
internal sealed class CustomProviderTestHooks
{
    /// <summary>A root that server certificates may chain to, in addition to the system's roots. Host names are still checked.</summary>
    public X509Certificate2? TrustedRoot { get; init; }

    /// <summary>Endpoints (address and port) that count as allowed although their address is not public.</summary>
    public IReadOnlyCollection<IPEndPoint> AllowedEndpoints { get; init; } = [];

    /// <summary>Replaces DNS resolution of host names (IP literals are never resolved).</summary>
    public Func<string, CancellationToken, Task<IPAddress[]>>? ResolveHost { get; init; }
}
