namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>A Twilio account (SMS/MMS) with its Messaging Service and the sandbox's own inbound number.</summary>
public sealed class TwilioCredential : ApiCredential
{
    public TwilioCredential() => Vendor = SmsVendor.Twilio;

    /// <summary><c>AC</c> + 32 lower-case hex.</summary>
    public required string AccountSid { get; set; }

    /// <summary>How the portal signs in to Twilio: with the Auth Token or with an API key.</summary>
    public TwilioAuthMethod AuthMethod { get; set; }

    /// <summary>
    /// The Auth Token, protected with Data Protection; it leaves the service unprotected only to Twilio and to the
    /// signature check of the credential's webhooks. Always set with <see cref="TwilioAuthMethod.AuthToken"/>; with an
    /// API key, set only when the credential's webhooks need it (Twilio signs them with the Auth Token).
    /// </summary>
    public string? AuthTokenProtected { get; set; }

    /// <summary>The last 4 characters of the Auth Token, to show that it is set.</summary>
    public string? AuthTokenHint { get; set; }

    /// <summary>With <see cref="TwilioAuthMethod.ApiKey"/>: the API key SID, <c>SK</c> + 32 lower-case hex.</summary>
    public string? ApiKeySid { get; set; }

    /// <summary>With <see cref="TwilioAuthMethod.ApiKey"/>: the API key's secret, protected like the Auth Token.</summary>
    public string? ApiKeySecretProtected { get; set; }

    /// <summary>The last 4 characters of the API key secret, to show that it is set.</summary>
    public string? ApiKeySecretHint { get; set; }

    /// <summary>The Messaging Service SID: <c>MG</c> + 32 lower-case hex.</summary>
    public required string MessagingServiceSid { get; set; }

    /// <summary>E.164 number or short code. (AccountSid, InboundNumber) is unique across all sandboxes.</summary>
    public required string InboundNumber { get; set; }
}
