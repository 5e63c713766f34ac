using System.Diagnostics.CodeAnalysis;

namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>Why a call to Twilio did not succeed.</summary>
public enum TwilioFailureKind
{
    /// <summary>Twilio answered with an error (4xx): see <see cref="TwilioFailure.Code"/> (e.g. 21211).</summary>
    Rejected = 0,

    /// <summary>404 / 20404: the account, service or other resource does not exist (for these credentials).</summary>
    NotFound = 1,

    /// <summary>401 / 20003: wrong Account SID or Auth Token, or a suspended or closed account.</summary>
    Unauthorized = 2,

    /// <summary>429 / 20429 on a request that is never retried (a POST).</summary>
    RateLimited = 3,

    /// <summary>
    /// Twilio could not be reached or did not answer usefully: timeout, DNS or connection error, 5xx, a read that
    /// still got 429 after its retries, or an answer that is not Twilio's JSON.
    /// </summary>
    Unreachable = 4,

    /// <summary>The client did not send the request because it breaks a rule Twilio would reject it for
    /// (a malformed SID, no recipient, no sender, no content).</summary>
    InvalidRequest = 5,
}

/// <summary>
/// A failed call. <see cref="Code"/>, <see cref="Message"/> and <see cref="MoreInfo"/> come from Twilio's error body
/// when there is one; branch on <see cref="Code"/>, never on <see cref="Message"/> (display text that varies).
/// </summary>
public sealed record TwilioFailure(
    TwilioFailureKind Kind,
    int? HttpStatus = null,
    int? Code = null,
    string? Message = null,
    string? MoreInfo = null);

/// <summary>The outcome of one call to Twilio: a value, or a <see cref="TwilioFailure"/>.</summary>
public sealed class TwilioResult<T>
{
    internal TwilioResult(T value)
    {
        Value = value;
    }

    internal TwilioResult(TwilioFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        Failure = failure;
    }

    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    /// <summary>The answer when <see cref="Succeeded"/>; may be null for a lookup that found nothing.</summary>
    public T? Value { get; }

    public TwilioFailure? Failure { get; }

    public override string ToString() => Succeeded ? $"Success({Value})" : $"Failure({Failure})";
}

/// <summary>Factories for <see cref="TwilioResult{T}"/>.</summary>
public static class TwilioResult
{
    public static TwilioResult<T> Success<T>(T value) => new(value);

    public static TwilioResult<T> Fail<T>(TwilioFailure failure) => new(failure);

    public static TwilioResult<T> Fail<T>(TwilioFailureKind kind, string? message = null) => new(new TwilioFailure(kind, Message: message));
}
