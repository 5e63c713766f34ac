namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>
/// The calls the portal makes to Twilio's REST API (v2010 and Messaging v1), on the official SDK. Every call
/// authenticates with the credentials it is given, and every outcome, including "Twilio could not be reached", is a
/// value.
/// </summary>
public interface ITwilioClient
{
    /// <summary><c>GET /2010-04-01/Accounts/{AccountSid}.json</c>.</summary>
    Task<TwilioResult<TwilioAccount>> FetchAccountAsync(TwilioApiCredentials credentials, CancellationToken cancellationToken);

    /// <summary><c>GET /v1/Services/{Sid}</c> on the messaging host.</summary>
    Task<TwilioResult<TwilioMessagingService>> FetchMessagingServiceAsync(TwilioApiCredentials credentials,
        string messagingServiceSid, CancellationToken cancellationToken);

    /// <summary>
    /// The account's number equal to <paramref name="e164PhoneNumber"/>, or a null value when the account has none.
    /// Twilio's <c>PhoneNumber</c> filter matches partially, so every page is compared exactly.
    /// </summary>
    Task<TwilioResult<TwilioIncomingPhoneNumber?>> FindIncomingPhoneNumberAsync(TwilioApiCredentials credentials,
        string e164PhoneNumber, CancellationToken cancellationToken);

    /// <summary>The account's short code equal to <paramref name="shortCode"/> (exact), or a null value.</summary>
    Task<TwilioResult<TwilioShortCode?>> FindShortCodeAsync(TwilioApiCredentials credentials, string shortCode,
        CancellationToken cancellationToken);

    /// <summary>
    /// <c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c>. Never retried. The request is checked first: it
    /// needs <c>To</c>, <c>From</c> or <c>MessagingServiceSid</c>, and <c>Body</c> or a <c>MediaUrl</c>.
    /// </summary>
    Task<TwilioResult<TwilioMessage>> CreateMessageAsync(TwilioApiCredentials credentials, TwilioMessageRequest message,
        CancellationToken cancellationToken);

    /// <summary>Every phone number of a Messaging Service's sender pool, following <c>meta.next_page_url</c>.</summary>
    Task<TwilioResult<IReadOnlyList<TwilioServicePhoneNumber>>> ListServicePhoneNumbersAsync(
        TwilioApiCredentials credentials, string messagingServiceSid, CancellationToken cancellationToken);

    /// <summary>The sender-pool phone number equal to <paramref name="e164PhoneNumber"/>, or a null value; stops at the first match.</summary>
    Task<TwilioResult<TwilioServicePhoneNumber?>> FindServicePhoneNumberAsync(TwilioApiCredentials credentials,
        string messagingServiceSid, string e164PhoneNumber, CancellationToken cancellationToken);

    /// <summary>The sender-pool short code equal to <paramref name="shortCode"/>, or a null value.</summary>
    Task<TwilioResult<TwilioServiceShortCode?>> FindServiceShortCodeAsync(TwilioApiCredentials credentials,
        string messagingServiceSid, string shortCode, CancellationToken cancellationToken);

    /// <summary>
    /// <c>POST /v1/Services/{Sid}</c>: points the Messaging Service's inbound request URL (with method POST) and/or its
    /// status callback at the given URLs; a null argument leaves that setting as it is. Never retried.
    /// </summary>
    Task<TwilioResult<TwilioMessagingService>> UpdateMessagingServiceAsync(TwilioApiCredentials credentials,
        string messagingServiceSid, Uri? inboundRequestUrl, Uri? statusCallback, CancellationToken cancellationToken);
}
