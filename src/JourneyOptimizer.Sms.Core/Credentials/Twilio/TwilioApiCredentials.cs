namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>
/// What one call to Twilio authenticates with: the Account SID with its Auth Token, or an API key (<c>SK</c> SID and
/// secret) of that account. The Account SID is always the <c>{AccountSid}</c> path segment. The secret becomes an
/// HTTP Basic header and goes nowhere else; <see cref="ToString"/> never shows it.
/// </summary>
public sealed class TwilioApiCredentials
{
    /// <summary>Auth Token authentication.</summary>
    public TwilioApiCredentials(string accountSid, string authToken)
        : this(accountSid, null, authToken)
    {
    }

    private TwilioApiCredentials(string accountSid, string? apiKeySid, string secret)
    {
        ArgumentNullException.ThrowIfNull(accountSid);
        ArgumentNullException.ThrowIfNull(secret);
        AccountSid = accountSid.Trim();
        ApiKeySid = apiKeySid?.Trim();
        Secret = secret.Trim();
    }

    /// <summary>API key authentication: Twilio recommends it for production because a key can be revoked alone.</summary>
    public static TwilioApiCredentials WithApiKey(string accountSid, string apiKeySid, string apiKeySecret)
    {
        ArgumentNullException.ThrowIfNull(apiKeySid);
        return new TwilioApiCredentials(accountSid, apiKeySid, apiKeySecret);
    }

    /// <summary><c>AC</c> + 32 hex: the <c>{AccountSid}</c> path segment (and the Basic user name with an Auth Token).</summary>
    public string AccountSid { get; }

    /// <summary><c>SK</c> + 32 hex when authenticating with an API key, else null.</summary>
    public string? ApiKeySid { get; }

    /// <summary>The Basic user name: the API key SID, or the Account SID.</summary>
    public string UserName => ApiKeySid ?? AccountSid;

    /// <summary>The Auth Token or the API key secret. Never log it, never put it in an exception message.</summary>
    public string Secret { get; }

    public override string ToString() => $"{UserName}:***";
}
