namespace JourneyOptimizer.Sms.Core.Credentials.SinchConversation;

/// <summary>
/// Sinch RCS: a Conversation API app with an RCS agent, and optionally the SMS service plan that its SMS fallback
/// and inbound SMS use.
/// </summary>
public sealed class SinchRcsCredential : ApiCredential
{
    public SinchRcsCredential() => Vendor = SmsVendor.SinchRcs;

    public const int MaxApiRateLimit = 10_000;

    /// <summary>The project's UUID, lower case.</summary>
    public required string ProjectId { get; set; }

    /// <summary>The app's id (26 characters, upper case).</summary>
    public required string AppId { get; set; }

    /// <summary>AJO's "API Token": the access key as <c>KeyID:KeySecret</c>, protected with Data Protection.</summary>
    public required string ApiTokenProtected { get; set; }

    /// <summary>The last 4 characters of the key secret.</summary>
    public required string ApiTokenHint { get; set; }

    /// <summary>The SMS fallback's service plan id (32 lower-case hex), when there is a fallback.</summary>
    public string? ServicePlanId { get; set; }

    /// <summary>The service plan's API token, protected; set exactly when <see cref="ServicePlanId"/> is.</summary>
    public string? SmsApiTokenProtected { get; set; }

    public string? SmsApiTokenHint { get; set; }

    /// <summary>Requests per second the portal may send through this app; 0 = unlimited.</summary>
    public int ApiRateLimit { get; set; }

    /// <summary>The secret of the app's webhook (Sinch signs its callbacks with it), protected; null until set.</summary>
    public string? WebhookSecretProtected { get; set; }

    public string? WebhookSecretHint { get; set; }
}
