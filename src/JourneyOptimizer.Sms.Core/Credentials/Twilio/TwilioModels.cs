namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>Account <c>status</c> (v2010 <c>account_enum_status</c>).</summary>
public enum TwilioAccountStatus
{
    Unknown = 0,
    Active = 1,
    Suspended = 2,
    Closed = 3,
}

/// <summary>Account <c>type</c>: trial accounts can only send to verified numbers (error 21608).</summary>
public enum TwilioAccountType
{
    Unknown = 0,
    Trial = 1,
    Full = 2,
}

/// <summary>
/// A Twilio account as fetched from <c>/2010-04-01/Accounts/{Sid}.json</c>. The response's <c>auth_token</c> is
/// deliberately not part of this model (nor of the type it is read into).
/// </summary>
public sealed record TwilioAccount(
    string Sid,
    string? FriendlyName,
    TwilioAccountStatus Status,
    string? StatusText,
    TwilioAccountType Type,
    string? OwnerAccountSid,
    DateTimeOffset? DateCreated,
    DateTimeOffset? DateUpdated);

/// <summary>A Messaging Service (<c>/v1/Services/{Sid}</c>). It exists when the fetch succeeds; it has no status.</summary>
public sealed record TwilioMessagingService(
    string Sid,
    string? AccountSid,
    string? FriendlyName,
    DateTimeOffset? DateCreated,
    DateTimeOffset? DateUpdated)
{
    /// <summary>Where Twilio sends the service's inbound messages (null or empty when the numbers' own URLs apply).</summary>
    public string? InboundRequestUrl { get; init; }

    /// <summary>Where Twilio sends the service's delivery status callbacks.</summary>
    public string? StatusCallback { get; init; }
}

/// <summary>A number of the account (<c>IncomingPhoneNumbers</c>).</summary>
public sealed record TwilioIncomingPhoneNumber(
    string Sid,
    string? AccountSid,
    string PhoneNumber,
    string? FriendlyName,
    bool SmsCapable,
    bool MmsCapable,
    DateTimeOffset? DateCreated);

/// <summary>A short code of the account (<c>SMS/ShortCodes</c>).</summary>
public sealed record TwilioShortCode(
    string Sid,
    string? AccountSid,
    string ShortCode,
    string? FriendlyName,
    DateTimeOffset? DateCreated);

/// <summary>A phone number in a Messaging Service's sender pool (<c>/v1/Services/{Sid}/PhoneNumbers</c>).</summary>
public sealed record TwilioServicePhoneNumber(
    string Sid,
    string? AccountSid,
    string? ServiceSid,
    string PhoneNumber,
    string? CountryCode,
    IReadOnlyList<string> Capabilities);

/// <summary>A short code in a Messaging Service's sender pool (<c>/v1/Services/{Sid}/ShortCodes</c>).</summary>
public sealed record TwilioServiceShortCode(
    string Sid,
    string? AccountSid,
    string? ServiceSid,
    string ShortCode,
    string? CountryCode,
    IReadOnlyList<string> Capabilities);

/// <summary>A message as Twilio returns it after <c>POST .../Messages.json</c>.</summary>
public sealed record TwilioMessage(
    string Sid,
    string? Status,
    string? From,
    string? To,
    string? MessagingServiceSid,
    int? NumSegments,
    int? ErrorCode,
    string? ErrorMessage,
    DateTimeOffset? DateCreated);

/// <summary>
/// What to send with <see cref="ITwilioClient.CreateMessageAsync"/>. Needs <see cref="To"/>, a sender
/// (<see cref="From"/> and/or <see cref="MessagingServiceSid"/>) and content (<see cref="Body"/> and/or
/// <see cref="MediaUrls"/>).
/// </summary>
public sealed class TwilioMessageRequest
{
    public const int MaxMediaUrls = 10;

    /// <summary>E.164 recipient (or a channel address such as <c>whatsapp:+1...</c>).</summary>
    public required string To { get; init; }

    public string? From { get; init; }

    public string? MessagingServiceSid { get; init; }

    public string? Body { get; init; }

    /// <summary>Sent as repeated <c>MediaUrl</c> fields, at most <see cref="MaxMediaUrls"/>.</summary>
    public IReadOnlyList<Uri> MediaUrls { get; init; } = [];

    public Uri? StatusCallback { get; init; }
}
