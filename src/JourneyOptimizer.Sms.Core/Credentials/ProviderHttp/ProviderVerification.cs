using JourneyOptimizer.Sms.Core.Common;

namespace JourneyOptimizer.Sms.Core.Credentials.ProviderHttp;

/// <summary>How a check of a credential against its provider ended.</summary>
public enum ProviderVerificationOutcome
{
    /// <summary>Every check passed.</summary>
    Verified = 0,

    /// <summary>The provider answered and at least one check failed: see <see cref="ProviderVerification.Errors"/>.</summary>
    Rejected = 1,

    /// <summary>The provider could not be reached (or kept rate limiting): the credential may be saved as <i>Not verified</i>.</summary>
    Unreachable = 2,
}

/// <summary>
/// The answer of the Sinch, Sinch MMS/RCS and Infobip verifiers, shaped as Twilio's: <see cref="Errors"/> name the
/// properties of the vendor's input (or <see cref="FieldError.FormLevel"/>) and carry English localization keys.
/// </summary>
public sealed record ProviderVerification(ProviderVerificationOutcome Outcome, IReadOnlyList<FieldError> Errors)
{
    public bool IsVerified => Outcome == ProviderVerificationOutcome.Verified;

    public static ProviderVerification Verified { get; } = new(ProviderVerificationOutcome.Verified, []);

    public static ProviderVerification Rejected(params FieldError[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Length == 0
            ? throw new ArgumentException("A rejection needs at least one error.", nameof(errors))
            : new(ProviderVerificationOutcome.Rejected, errors);
    }

    public static ProviderVerification Unreachable(string messageKey, params object[] arguments) =>
        new(ProviderVerificationOutcome.Unreachable, [new FieldError(FieldError.FormLevel, messageKey, arguments)]);
}

/// <summary>The answer of a test send ("Verify SMS connection"): the provider's message id, or the error in plain words.</summary>
public sealed record ProviderSendOutcome(bool Sent, string? MessageId, string? Status, string? ErrorCode, string? MessageKey,
    IReadOnlyList<object> MessageArguments)
{
    /// <summary>The provider could not be reached or asked to wait: a reply sent through the outbox is tried again later.</summary>
    public bool Transient { get; init; }

    public static ProviderSendOutcome Success(string messageId, string? status = null) => new(true, messageId, status, null, null, []);

    public static ProviderSendOutcome Failure(string? errorCode, string messageKey, params object[] arguments) =>
        new(false, null, null, errorCode, messageKey, arguments);
}
