namespace JourneyOptimizer.Sms.Core.Credentials.Sinch;

/// <summary>Which Sinch API a failure came from: the same status means different things to the administrator.</summary>
public enum SinchApi
{
    /// <summary>The SMS REST API (service plan id + API token).</summary>
    Sms = 1,

    /// <summary>The Conversation API (project, app, access key) and its OAuth endpoint.</summary>
    Conversation = 2,
}

/// <summary>
/// Sinch's answers in plain English. The sentences are localization keys (the web layer passes them through
/// <c>IStringLocalizer</c>); their only variable parts are <c>{0}</c>-style placeholders filled from the arguments
/// returned next to them. Sinch's own <c>text</c> is passed as an argument: it is shown as Sinch wrote it.
/// </summary>
public static class SinchErrorText
{
    public const string Unreachable = "Sinch could not be reached. Try again later.";
    public const string TooManyRequests = "Sinch is receiving too many requests from this account. Try again in a minute.";
    public const string IncompleteRequest = "The message cannot be sent: it needs a recipient, a sender and a text.";

    public const string SmsWrongCredentials = "Sinch did not accept the Service ID and API Token. Check both: the API Token belongs to one service plan.";
    public const string SmsNotFound = "Sinch could not find this service plan. Check the Service ID.";
    public const string ConversationWrongCredentials = "Sinch did not accept the API Token. Enter the access key as Key ID:Key Secret, and check that the key has not been deleted.";
    public const string ConversationNotFound = "Sinch could not find this project or app. Check the Project ID and the App ID, and that the app is in the region this portal uses.";
    public const string Forbidden = "Sinch refused access: these credentials are not allowed to do this.";

    /// <summary>{0}: Sinch's error code; {1}: Sinch's text.</summary>
    public const string Rejected = "Sinch refused the request ({0}): {1}";

    /// <summary>{0}: the HTTP status.</summary>
    public const string RejectedStatus = "Sinch refused the request (HTTP status {0}).";

    /// <summary>Every sentence this class can return, for the translation-completeness test of the web layer.</summary>
    public static IReadOnlyList<string> AllKeys { get; } =
    [
        Unreachable, TooManyRequests, IncompleteRequest, SmsWrongCredentials, SmsNotFound, ConversationWrongCredentials,
        ConversationNotFound, Forbidden, Rejected, RejectedStatus,
    ];

    /// <summary>The sentence for a failed call.</summary>
    public static (string Key, object[] Args) ForFailure(SinchFailure failure, SinchApi api)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Kind switch
        {
            SinchFailureKind.Unreachable => (Unreachable, []),
            SinchFailureKind.InvalidRequest => (IncompleteRequest, []),
            SinchFailureKind.RateLimited => (TooManyRequests, []),
            SinchFailureKind.Unauthorized => (api == SinchApi.Sms ? SmsWrongCredentials : ConversationWrongCredentials, []),
            SinchFailureKind.NotFound => (api == SinchApi.Sms ? SmsNotFound : ConversationNotFound, []),
            _ when failure.Code is { Length: > 0 } code && failure.Text is { Length: > 0 } text => (Rejected, [code, text]),
            _ when failure.HttpStatus is 403 => (Forbidden, []),
            _ => (RejectedStatus, [failure.HttpStatus ?? 0]),
        };
    }
}
