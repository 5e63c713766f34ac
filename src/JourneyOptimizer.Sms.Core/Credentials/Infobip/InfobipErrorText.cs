using JourneyOptimizer.Sms.Core.Credentials.Custom;

namespace JourneyOptimizer.Sms.Core.Credentials.Infobip;

/// <summary>
/// Infobip's answers in plain English (localization keys; <c>{0}</c>-style placeholders are filled from the arguments
/// returned next to them). Infobip's own text is passed as an argument and shown as Infobip wrote it.
/// </summary>
public static class InfobipErrorText
{
    public const string Unreachable = "Infobip could not be reached. Check the API base URL, or try again later.";
    public const string WrongKey = "Infobip did not accept the API key. Check the key, and that it belongs to the account of this API base URL.";
    public const string Forbidden = "Infobip refused access: this API key is not allowed to do this. Check its scopes.";
    public const string NotFound = "Infobip does not know this address. Check the API base URL.";
    public const string TooManyRequests = "Infobip is receiving too many requests from this account. Try again in a minute.";
    public const string IncompleteRequest = "The message cannot be sent: it needs a recipient, a sender and a text.";

    /// <summary>The Custom provider's sentence: the same guard refused the same kind of address.</summary>
    public const string RefusedTarget = CustomSendMessages.RefusedTarget;

    /// <summary>{0}: Infobip's code; {1}: Infobip's text.</summary>
    public const string Rejected = "Infobip refused the request ({0}): {1}";

    /// <summary>{0}: the HTTP status.</summary>
    public const string RejectedStatus = "Infobip refused the request (HTTP status {0}).";

    public static IReadOnlyList<string> AllKeys { get; } =
        [Unreachable, WrongKey, Forbidden, NotFound, TooManyRequests, IncompleteRequest, RefusedTarget, Rejected, RejectedStatus];

    public static (string Key, object[] Args) ForFailure(InfobipFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Kind switch
        {
            InfobipFailureKind.Unreachable => (Unreachable, []),
            InfobipFailureKind.InvalidRequest => (IncompleteRequest, []),
            InfobipFailureKind.RefusedTarget => (RefusedTarget, []),
            InfobipFailureKind.RateLimited => (TooManyRequests, []),
            InfobipFailureKind.Unauthorized => (WrongKey, []),
            InfobipFailureKind.NotFound => (NotFound, []),
            _ when failure.HttpStatus is 403 => (Forbidden, []),
            _ when failure.Code is { Length: > 0 } code && failure.Text is { Length: > 0 } text => (Rejected, [code, text]),
            _ => (RejectedStatus, [failure.HttpStatus ?? 0]),
        };
    }
}
