namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>
/// The Account SID and Auth Token for one call to Twilio. They become an HTTP Basic header on each request and
/// nowhere else; <see cref="ToString"/> never shows the token.
/// </summary>
public sealed class TwilioApiCredentials
{
    public TwilioApiCredentials(string accountSid, string authToken)
    {
        ArgumentNullException.ThrowIfNull(accountSid);
        ArgumentNullException.ThrowIfNull(authToken);
        AccountSid = accountSid.Trim();
        AuthToken = authToken.Trim();
    }

    /// <summary><c>AC</c> + 32 hex: the Basic user name and the <c>{AccountSid}</c> path segment.</summary>
    public string AccountSid { get; }

    /// <summary>The secret. Never log it, never put it in an exception message.</summary>
    public string AuthToken { get; }

    public override string ToString() => $"{AccountSid}:***";
}
