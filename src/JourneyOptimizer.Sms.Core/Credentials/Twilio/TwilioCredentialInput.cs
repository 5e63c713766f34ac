namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>
/// The fields of a Twilio credential as an administrator types them (the form and the REST API share it).
/// A blank <see cref="AuthToken"/> on edit keeps the stored token.
/// </summary>
public sealed class TwilioCredentialInput : ApiCredentialInput
{
    public string? AccountSid { get; set; }

    public string? AuthToken { get; set; }

    public string? MessagingServiceSid { get; set; }

    public string? InboundNumber { get; set; }
}
