namespace JourneyOptimizer.Sms.Core.Credentials.Infobip;

/// <summary>
/// An Infobip account (its API base URL and API key) with the sandbox's own inbound number, and AJO's sending options.
/// (ApiBaseUrl, InboundNumber) is unique across all sandboxes, so that an inbound message resolves to one sandbox.
/// </summary>
public sealed class InfobipCredential : ApiCredential
{
    public InfobipCredential() => Vendor = SmsVendor.Infobip;

    public const int ApiBaseUrlMaxLength = InfobipBaseUrl.MaxLength;
    public const int DltIdMaxLength = 50;
    public const int CallbackDataMaxLength = 4000;
    public const int FuzzyAutoReplyMaxLength = 1600;
    public const int DefaultValidityPeriodHours = 48;
    public const int MaxValidityPeriodHours = 48;

    /// <summary><c>https://host[:port]</c>, lower case, no trailing slash.</summary>
    public required string ApiBaseUrl { get; set; }

    /// <summary>The API key, protected with Data Protection.</summary>
    public required string ApiKeyProtected { get; set; }

    /// <summary>The last 4 characters of the API key.</summary>
    public required string ApiKeyHint { get; set; }

    /// <summary>E.164 number or short code.</summary>
    public required string InboundNumber { get; set; }

    /// <summary>How long Infobip keeps trying to deliver, in hours.</summary>
    public int ValidityPeriodHours { get; set; } = DefaultValidityPeriodHours;

    /// <summary>India DLT principal entity id (optional).</summary>
    public string? PrincipalEntityId { get; set; }

    /// <summary>India DLT content template id (optional; only with a principal entity id).</summary>
    public string? ContentTemplateId { get; set; }

    /// <summary>Sent with every message and echoed in its delivery report (optional).</summary>
    public string? CallbackData { get; set; }

    /// <summary>Treat near-misses of opt-out keywords (CANCIL) as opt-out attempts and answer with <see cref="FuzzyAutoReply"/>.</summary>
    public bool FuzzyOptOut { get; set; }

    public string? FuzzyAutoReply { get; set; }
}
