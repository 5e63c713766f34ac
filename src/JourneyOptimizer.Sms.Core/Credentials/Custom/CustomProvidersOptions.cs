namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>How the portal talks to Custom providers. Bound from the <c>CustomProviders</c> section.</summary>
public sealed class CustomProvidersOptions
{
    public const string SectionName = "CustomProviders";
    public const int MinTimeoutSeconds = 1;
    public const int MaxTimeoutSeconds = 300;

    /// <summary>
    /// Allow Provider URLs, OAuth URLs and redirects that point to private, loopback or link-local addresses
    /// (e.g. a provider inside the company network). Off by default: such addresses are refused before connecting.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How long one send may take in all (OAuth token, redirects and the answer included), in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 15;
}
