namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>Sends one message through a Custom provider, exactly as its credential describes (PRODUCT.md 3.2).</summary>
public interface ICustomProviderClient
{
    /// <summary>
    /// Renders the Provider Payload, authenticates as configured and POSTs it to the Provider URL. Never retries a
    /// send (it could deliver twice); the only repeat is one retry with a fresh OAuth token after a 401. Every
    /// network or provider problem comes back as a <see cref="CustomSendResult"/>; only cancellation through
    /// <paramref name="cancellationToken"/> throws.
    /// </summary>
    Task<CustomSendResult> SendAsync(CustomProviderConfiguration config, CustomProviderSecrets secrets,
        string fromNumber, string toNumber, string message, CancellationToken cancellationToken);
}
