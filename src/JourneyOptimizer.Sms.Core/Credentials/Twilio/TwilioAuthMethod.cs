namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>How the portal signs in to Twilio's REST API for a credential.</summary>
public enum TwilioAuthMethod
{
    /// <summary>The Account SID and the account's Auth Token.</summary>
    AuthToken = 0,

    /// <summary>
    /// An API key (<c>SK</c> SID and its secret) of the account, which Twilio recommends for production: a key can be
    /// revoked on its own. Twilio still signs webhooks with the Auth Token, so the credential keeps one only where the
    /// portal must check signatures.
    /// </summary>
    ApiKey = 1,
}
