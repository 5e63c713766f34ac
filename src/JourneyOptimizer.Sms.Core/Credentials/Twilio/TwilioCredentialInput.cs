namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>
/// The fields of a Twilio credential as an administrator types them (the form and the REST API share it).
/// A blank <see cref="AuthToken"/> or <see cref="ApiKeySecret"/> on edit keeps the stored secret.
/// </summary>
public sealed class TwilioCredentialInput : ApiCredentialInput
{
    public string? AccountSid { get; set; }

    /// <summary>Auth Token (the default) or API key.</summary>
    public TwilioAuthMethod AuthMethod { get; set; }

    /// <summary>Required with <see cref="TwilioAuthMethod.AuthToken"/>; with an API key, only for webhook signatures.</summary>
    public string? AuthToken { get; set; }

    /// <summary>With <see cref="TwilioAuthMethod.ApiKey"/>: <c>SK</c> + 32 hexadecimal characters.</summary>
    public string? ApiKeySid { get; set; }

    /// <summary>With <see cref="TwilioAuthMethod.ApiKey"/>: the key's secret (write-only).</summary>
    public string? ApiKeySecret { get; set; }

    public string? MessagingServiceSid { get; set; }

    public string? InboundNumber { get; set; }
}
