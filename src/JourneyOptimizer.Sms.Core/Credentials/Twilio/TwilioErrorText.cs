namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>
/// Twilio's answers in plain English. The sentences are localization keys (the web layer passes them through
/// <c>IStringLocalizer</c>), so they are constants whose only variable parts are <c>{0}</c>-style placeholders,
/// filled from the arguments returned next to them.
/// </summary>
public static class TwilioErrorText
{
    public const string Unreachable = "Twilio could not be reached. Try again later.";
    public const string Generic = "Twilio refused the request (error {0}).";
    public const string GenericHttpStatus = "Twilio refused the request (HTTP status {0}).";
    public const string IncompleteRequest = "The message cannot be sent: it needs a recipient, a sender, and a text or a media URL.";

    public const string WrongCredentials = "Twilio did not accept the Account SID and Auth Token. Check both, and check that the account is not suspended or closed.";
    public const string NotFound = "Twilio could not find this resource. Check the SIDs.";
    public const string TooManyRequests = "Twilio is receiving too many requests from this account. Try again in a minute.";
    public const string Forbidden = "Twilio refused access: these credentials are not allowed to do this.";
    public const string InvalidTo = "The recipient number is not a valid phone number.";
    public const string InvalidFrom = "The sender is not a valid phone number, short code or sender ID of this account.";
    public const string RegionNotEnabled = "This account is not allowed to send messages to the recipient's country. Enable it under Geo Permissions in the Twilio Console.";
    public const string FromNotSmsCapable = "The sender number cannot send SMS.";
    public const string FromNotValidForDestination = "The sender number cannot send messages to this recipient from this account.";
    public const string ToNotVerified = "The recipient number is not verified. A trial account can only send to verified numbers.";
    public const string Unsubscribed = "The recipient has unsubscribed from this sender (replied STOP).";
    public const string QueueFull = "The sender's message queue is full. Try again later.";
    public const string Unroutable = "Twilio cannot deliver messages to the recipient number.";
    public const string ToNotSmsCapable = "The recipient number cannot receive SMS.";
    public const string ToLandline = "The recipient number is a landline and cannot receive SMS.";

    private static readonly Dictionary<int, string> ByCode = new()
    {
        [20003] = WrongCredentials,
        [20404] = NotFound,
        [20429] = TooManyRequests,
        [20403] = Forbidden,
        [21211] = InvalidTo,
        [21212] = InvalidFrom,
        [21408] = RegionNotEnabled,
        [21601] = FromNotSmsCapable,
        [21606] = FromNotValidForDestination,
        [21608] = ToNotVerified,
        [21610] = Unsubscribed,
        [21611] = QueueFull,
        [21612] = Unroutable,
        [21614] = ToNotSmsCapable,
        [21635] = ToLandline,
    };

    /// <summary>Every sentence this class can return, for the translation-completeness test of the web layer.</summary>
    public static IReadOnlyList<string> AllKeys { get; } =
        [.. ByCode.Values.Distinct(StringComparer.Ordinal), Unreachable, Generic, GenericHttpStatus, IncompleteRequest];

    /// <summary>The Twilio error codes that have their own sentence.</summary>
    public static IReadOnlyCollection<int> KnownCodes => ByCode.Keys;

    /// <summary>The sentence for a Twilio error code; unknown codes get <see cref="Generic"/> with the code.</summary>
    public static (string Key, object[] Args) ForCode(int code) =>
        ByCode.TryGetValue(code, out var key) ? (key, []) : (Generic, [code]);

    /// <summary>The sentence for a failed call: its Twilio code when it has one, else its kind.</summary>
    public static (string Key, object[] Args) ForFailure(TwilioFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Kind switch
        {
            TwilioFailureKind.Unreachable => (Unreachable, []),
            TwilioFailureKind.InvalidRequest => (IncompleteRequest, []),
            TwilioFailureKind.Unauthorized => (WrongCredentials, []),
            TwilioFailureKind.RateLimited => (TooManyRequests, []),
            _ when failure.Code is { } code => ForCode(code),
            TwilioFailureKind.NotFound => (NotFound, []),
            _ when failure.HttpStatus is { } status => (GenericHttpStatus, [status]),
            _ => (Unreachable, []),
        };
    }
}
