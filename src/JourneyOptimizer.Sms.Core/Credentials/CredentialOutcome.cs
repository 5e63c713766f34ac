using JourneyOptimizer.Sms.Core.Common;

namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>What happened to a credential command. Outcomes are values; only bugs are exceptions.</summary>
public enum CredentialOutcome
{
    Created,
    Updated,
    Deleted,
    Verified,
    NotFound,
    Invalid,
    NameTaken,
    NumberTaken,
    ConcurrencyConflict,
    InUse,
    ProviderRejected,
    ProviderUnreachable,
}

/// <summary>The result of a credential command, with the field errors that explain a refusal.</summary>
public sealed record CredentialResult(CredentialOutcome Outcome, int? Id = null, IReadOnlyList<FieldError>? Errors = null)
{
    public bool Succeeded => Outcome is CredentialOutcome.Created or CredentialOutcome.Updated
        or CredentialOutcome.Deleted or CredentialOutcome.Verified;

    public IReadOnlyList<FieldError> FieldErrors => Errors ?? [];

    public static CredentialResult Fail(CredentialOutcome outcome, params FieldError[] errors) => new(outcome, null, errors);
}

/// <summary>
/// The answer of a message sent through a provider ("Verify SMS connection", a channel configuration's test, a
/// webhook's reply): the provider's message id and status, or its error. <see cref="Transient"/>: the provider could
/// not be reached or asked to retry later, so the same message may succeed later.
/// </summary>
public sealed record TestMessageResult(
    bool Sent,
    string? MessageId = null,
    string? Status = null,
    int? ErrorCode = null,
    string? ErrorKey = null,
    IReadOnlyList<object>? ErrorArguments = null,
    string? Excerpt = null,
    bool Transient = false)
{
    public static TestMessageResult NotFound { get; } = new(false, ErrorKey: "This API credential does not exist in this sandbox.");
}
