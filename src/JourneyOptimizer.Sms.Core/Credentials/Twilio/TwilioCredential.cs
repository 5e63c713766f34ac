namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>A Twilio account (SMS/MMS) with its Messaging Service and the sandbox's own inbound number.</summary>
public sealed class TwilioCredential : ApiCredential
{
    public TwilioCredential() => Vendor = SmsVendor.Twilio;

    /// <summary><c>AC</c> + 32 lower-case hex.</summary>
    public required string AccountSid { get; set; }

    /// <summary>The Auth Token, protected with Data Protection. Never leaves the service unprotected except to Twilio.</summary>
    public required string AuthTokenProtected { get; set; }

    /// <summary>The last 4 characters of the Auth Token, to show that it is set.</summary>
    public required string AuthTokenHint { get; set; }

    /// <summary>The Messaging Service SID: <c>MG</c> + 32 lower-case hex.</summary>
    public required string MessagingServiceSid { get; set; }

    /// <summary>E.164 number or short code. (AccountSid, InboundNumber) is unique across all sandboxes.</summary>
    public required string InboundNumber { get; set; }
}
