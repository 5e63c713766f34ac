namespace JourneyOptimizer.Sms.Core.Credentials.Sinch;

/// <summary>
/// The fields of a Sinch (SMS) credential as an administrator types them, with AJO's labels. A blank
/// <see cref="ApiToken"/> on edit keeps the stored token.
/// </summary>
public sealed class SinchCredentialInput : ApiCredentialInput
{
    /// <summary>AJO's "Service ID": Sinch's service plan id.</summary>
    public string? ServiceId { get; set; }

    public string? ApiToken { get; set; }

    public string? InboundNumber { get; set; }

    public string? OverrideUrl { get; set; }

    /// <summary>The HMAC secret of the service plan's callbacks (optional; write-only, blank keeps the stored one).</summary>
    public string? WebhookSecret { get; set; }
}
