namespace JourneyOptimizer.Sms.Core.Credentials.SinchConversation;

/// <summary>The English field errors of the Sinch MMS and Sinch RCS forms (localization keys).</summary>
public static class SinchConversationMessages
{
    public const string ProjectIdRequired = "Enter the Project ID.";
    public const string ProjectIdFormat = "The Project ID is a UUID, for example 51bc3f40-f266-4ca8-8938-a1ed0ff32b9a (Sinch dashboard > Settings > Projects).";
    public const string AppIdRequired = "Enter the App ID.";
    public const string AppIdFormat = "The App ID has 26 letters and digits, for example 01EB37HMH1M6SV18BSNS3G135H (Conversation API > Apps).";
    public const string ApiTokenFormat = "Enter the API Token as the access key's Key ID and Key Secret separated by a colon (Key ID:Key Secret), without spaces.";
    public const string ServicePlanIdFormat = "The Service Plan ID must be 32 hexadecimal characters.";
    public const string SmsApiTokenFormat = "The SMS API Token must be 8 to 200 characters without spaces.";
    public const string ServicePlanIdRequiredWithSmsToken = "Enter the Service Plan ID that the SMS API Token belongs to.";
    public const string RateLimitRequired = "Enter the API rate limit (0 = unlimited).";
    public const string RateLimitRange = "The API rate limit must be a whole number from 0 to 10000 requests per second (0 = unlimited).";
}
