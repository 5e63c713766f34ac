namespace JourneyOptimizer.Sms.Core.Credentials.Infobip;

/// <summary>The fields of an Infobip credential, with AJO's labels. A blank <see cref="ApiKey"/> on edit keeps the stored key.</summary>
public sealed class InfobipCredentialInput : ApiCredentialInput
{
    /// <summary><c>xxxxx.api.infobip.com</c> or <c>https://xxxxx.api.infobip.com</c>.</summary>
    public string? ApiBaseUrl { get; set; }

    public string? ApiKey { get; set; }

    public string? InboundNumber { get; set; }

    public int? ValidityPeriodHours { get; set; } = InfobipCredential.DefaultValidityPeriodHours;

    public string? PrincipalEntityId { get; set; }

    public string? ContentTemplateId { get; set; }

    public string? CallbackData { get; set; }

    public bool FuzzyOptOut { get; set; }

    public string? FuzzyAutoReply { get; set; }
}
