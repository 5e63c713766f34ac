using JourneyOptimizer.Sms.Core.Common;

namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

public enum TwilioVerificationOutcome
{
    /// <summary>Every check passed.</summary>
    Verified = 0,

    /// <summary>Twilio answered and at least one check failed: see <see cref="TwilioVerification.Errors"/>.</summary>
    Rejected = 1,

    /// <summary>Twilio could not be reached (or was rate limiting): the credential may be saved as <i>Not verified</i>.</summary>
    Unreachable = 2,
}

/// <summary>
/// The answer of <see cref="TwilioCredentialVerifier.VerifyAsync"/>. <see cref="Errors"/> use the property names of
/// <see cref="TwilioCredentialInput"/> (or <see cref="FieldError.FormLevel"/>) and English localization keys.
/// </summary>
public sealed class TwilioVerification
{
    private TwilioVerification(TwilioVerificationOutcome outcome, IReadOnlyList<FieldError> errors,
        TwilioAccountType accountType = TwilioAccountType.Unknown, string? accountFriendlyName = null)
    {
        Outcome = outcome;
        Errors = errors;
        AccountType = accountType;
        AccountFriendlyName = accountFriendlyName;
    }

    public TwilioVerificationOutcome Outcome { get; }

    /// <summary>Empty when verified; the reasons otherwise (a single form-level error when unreachable).</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>Trial or Full, when verified (trial accounts only send to verified numbers).</summary>
    public TwilioAccountType AccountType { get; }

    public string? AccountFriendlyName { get; }

    public bool IsVerified => Outcome == TwilioVerificationOutcome.Verified;

    public static TwilioVerification Verified(TwilioAccountType accountType, string? accountFriendlyName) =>
        new(TwilioVerificationOutcome.Verified, [], accountType, accountFriendlyName);

    public static TwilioVerification Rejected(IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A rejection needs at least one error.", nameof(errors));
        }

        return new(TwilioVerificationOutcome.Rejected, errors);
    }

    public static TwilioVerification Unreachable(string messageKey, params object[] arguments) =>
        new(TwilioVerificationOutcome.Unreachable, [new FieldError(FieldError.FormLevel, messageKey, arguments)]);
}

/// <summary>
/// The answer of <see cref="TwilioCredentialVerifier.SendTestMessageAsync"/>: the message SID and status, or the
/// error in plain words (<see cref="MessageKey"/> with <see cref="MessageArguments"/>) and Twilio's code.
/// </summary>
public sealed class TwilioSendOutcome
{
    private TwilioSendOutcome(bool sent, string? messageSid, string? status, TwilioFailureKind? failureKind, int? errorCode,
        string? messageKey, IReadOnlyList<object> messageArguments)
    {
        Sent = sent;
        MessageSid = messageSid;
        Status = status;
        FailureKind = failureKind;
        ErrorCode = errorCode;
        MessageKey = messageKey;
        MessageArguments = messageArguments;
    }

    public bool Sent { get; }

    /// <summary><c>SM...</c> or <c>MM...</c> when sent.</summary>
    public string? MessageSid { get; }

    /// <summary>Twilio's status when sent, e.g. <c>accepted</c> or <c>queued</c>.</summary>
    public string? Status { get; }

    public TwilioFailureKind? FailureKind { get; }

    /// <summary>Twilio's error code when it gave one (e.g. 21211).</summary>
    public int? ErrorCode { get; }

    /// <summary>The English localization key of the error; null when sent.</summary>
    public string? MessageKey { get; }

    public IReadOnlyList<object> MessageArguments { get; }

    public static TwilioSendOutcome Success(string messageSid, string? status) => new(true, messageSid, status, null, null, null, []);

    public static TwilioSendOutcome Failure(TwilioFailureKind kind, int? errorCode, string messageKey, params object[] arguments) =>
        new(false, null, null, kind, errorCode, messageKey, arguments);
}
