namespace JourneyOptimizer.Sms.Core.Credentials.SinchConversation;

/// <summary>The fields of a Sinch MMS credential, with AJO's labels. A blank <see cref="ApiToken"/> on edit keeps the stored one.</summary>
public sealed class SinchMmsCredentialInput : ApiCredentialInput
{
    public string? ProjectId { get; set; }

    public string? AppId { get; set; }

    /// <summary>The access key as <c>KeyID:KeySecret</c>.</summary>
    public string? ApiToken { get; set; }
}

/// <summary>The fields of a Sinch RCS credential, with AJO's labels. Blank secrets on edit keep the stored ones.</summary>
public sealed class SinchRcsCredentialInput : ApiCredentialInput
{
    public string? ProjectId { get; set; }

    public string? AppId { get; set; }

    /// <summary>The access key as <c>KeyID:KeySecret</c>.</summary>
    public string? ApiToken { get; set; }

    /// <summary>The SMS fallback's service plan id (optional).</summary>
    public string? ServicePlanId { get; set; }

    /// <summary>The service plan's API token.</summary>
    public string? SmsApiToken { get; set; }

    /// <summary>Requests per second; 0 = unlimited.</summary>
    public int? ApiRateLimit { get; set; } = 0;

    /// <summary>The secret of the app's webhook, with which Sinch signs its callbacks (optional; write-only).</summary>
    public string? WebhookSecret { get; set; }
}
