namespace JourneyOptimizer.Sms.Core.Credentials.Infobip;

/// <summary>The English field errors of the Infobip form (localization keys).</summary>
public static class InfobipCredentialMessages
{
    public const string ApiBaseUrlRequired = "Enter the API base URL.";
    public const string ApiBaseUrlFormat = "Enter the API base URL as a host name, for example xxxxx.api.infobip.com, or as an https URL without a path.";
    public const string ApiBaseUrlTooLong = "The API base URL can have at most 200 characters.";
    public const string ApiKeyRequired = "Enter the API key.";
    public const string ApiKeyFormat = "The API key must be 8 to 200 characters without spaces.";
    public const string ValidityPeriodRequired = "Enter the validity period in hours.";
    public const string ValidityPeriodRange = "The validity period must be from 1 to 48 hours.";
    public const string DltIdFormat = "India DLT IDs have 1 to 50 letters, digits, - and _.";
    public const string ContentTemplateNeedsPrincipal = "Enter the Principal Entity ID too: India DLT needs it with a Content Template ID.";
    public const string CallbackDataTooLong = "The callback data can have at most 4000 characters.";
    public const string CallbackDataControl = "The callback data cannot contain control characters.";
    public const string FuzzyAutoReplyRequired = "Enter the fuzzy auto reply: it is sent when Fuzzy Opt-out recognises an opt-out attempt.";
    public const string FuzzyAutoReplyTooLong = "The fuzzy auto reply can have at most 1600 characters.";
}
