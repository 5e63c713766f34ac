namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>
/// Implemented by a credential vendor (besides <see cref="ICredentialVendor"/>) whose "Verify SMS connection" message
/// goes neither from a sender typed on the page (<see cref="ICredentialVendor.TestMessageNeedsSender"/>) nor from the
/// credential's inbound number, as the page otherwise says: Sinch MMS and RCS send from their Conversation API app.
/// Optional, so that the other vendors implement nothing.
/// </summary>
public interface ITestMessageOrigin
{
    /// <summary>The page's sentence saying where the message goes from (an English localization key).</summary>
    string TestMessageOriginMessage { get; }
}
