namespace JourneyOptimizer.Sms.Core.Credentials.Sinch;

/// <summary>The English field errors of the Sinch credential forms (localization keys).</summary>
public static class SinchCredentialMessages
{
    public const string ServiceIdRequired = "Enter the Service ID.";
    public const string ServiceIdFormat = "The Service ID is Sinch's service plan ID: 32 hexadecimal characters (SMS > APIs in the Sinch dashboard).";
    /// <summary>The Custom provider's sentence (resource names are compared without case, so one key serves both).</summary>
    public const string ApiTokenRequired = Custom.CustomCredentialMessages.ApiTokenRequired;
    public const string ApiTokenFormat = "The API Token must be 8 to 200 characters without spaces.";
    public const string InboundNumberRequired = "Enter the inbound number.";
    public const string WebhookSecretFormat = "The webhook secret must be 8 to 200 characters without spaces.";
}
