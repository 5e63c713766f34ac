namespace JourneyOptimizer.Sms.Core.Credentials.Sinch;

/// <summary>
/// A Sinch SMS REST API service plan with the sandbox's own inbound number. (ServicePlanId, InboundNumber) is unique
/// across all sandboxes, so that an inbound message resolves to exactly one sandbox.
/// </summary>
public sealed class SinchCredential : ApiCredential
{
    public SinchCredential() => Vendor = SmsVendor.Sinch;

    public const int ServicePlanIdLength = 32;
    public const int OverrideUrlMaxLength = 2000;

    /// <summary>AJO's "Service ID": the service plan id, 32 lower-case hex.</summary>
    public required string ServicePlanId { get; set; }

    /// <summary>The API token, protected with Data Protection. Leaves the service unprotected only towards Sinch.</summary>
    public required string ApiTokenProtected { get; set; }

    /// <summary>The last 4 characters of the API token, to show that it is set.</summary>
    public required string ApiTokenHint { get; set; }

    /// <summary>E.164 number or short code.</summary>
    public required string InboundNumber { get; set; }

    /// <summary>Where Sinch sends delivery reports of the portal's batches instead of the service plan's default callback (https).</summary>
    public string? OverrideUrl { get; set; }

    /// <summary>
    /// The HMAC secret Sinch signs the service plan's callbacks with (<see cref="SinchWebhookSignature"/>), protected;
    /// null until the administrator sets one (the credential's webhooks need it).
    /// </summary>
    public string? WebhookSecretProtected { get; set; }

    /// <summary>The last 4 characters of the webhook secret.</summary>
    public string? WebhookSecretHint { get; set; }
}
