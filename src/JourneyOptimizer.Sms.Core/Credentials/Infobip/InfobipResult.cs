using System.Diagnostics.CodeAnalysis;

namespace JourneyOptimizer.Sms.Core.Credentials.Infobip;

/// <summary>Why a call to Infobip did not succeed.</summary>
public enum InfobipFailureKind
{
    /// <summary>Infobip answered with an error (400, 403, other 4xx), or accepted the request but rejected the message.</summary>
    Rejected = 0,

    /// <summary>404: nothing at this address (usually a wrong API base URL).</summary>
    NotFound = 1,

    /// <summary>401: the API key is wrong, expired or revoked.</summary>
    Unauthorized = 2,

    /// <summary>429, after the retries of a read.</summary>
    RateLimited = 3,

    /// <summary>No useful answer: timeout, DNS or connection error, 5xx, a redirect, or an answer that is not Infobip's JSON.</summary>
    Unreachable = 4,

    /// <summary>The client did not send the request: it breaks a rule Infobip would reject it for.</summary>
    InvalidRequest = 5,

    /// <summary>The API base URL leads to a private, loopback or link-local address, which this installation does not allow. Nothing was sent.</summary>
    RefusedTarget = 6,
}

/// <summary>
/// A failed call. <see cref="Code"/> is Infobip's <c>messageId</c> (<c>UNAUTHORIZED</c>), <c>errorCode</c> (<c>E400</c>)
/// or, for a message rejected in a 200 answer, its status name (<c>REJECTED_DESTINATION</c>). <see cref="Text"/> is
/// Infobip's own English text: display it, never branch on it.
/// </summary>
public sealed record InfobipFailure(
    InfobipFailureKind Kind,
    int? HttpStatus = null,
    string? Code = null,
    string? Text = null,
    TimeSpan? RetryAfter = null);

/// <summary>The outcome of one call to Infobip: a value, or an <see cref="InfobipFailure"/>.</summary>
public sealed class InfobipResult<T>
{
    internal InfobipResult(T value) => Value = value;

    internal InfobipResult(InfobipFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        Failure = failure;
    }

    [MemberNotNullWhen(false, nameof(Failure))]
    [MemberNotNullWhen(true, nameof(Value))]
    public bool Succeeded => Failure is null;

    public T? Value { get; }

    public InfobipFailure? Failure { get; }

    public override string ToString() => Succeeded ? $"Success({Value})" : $"Failure({Failure})";
}

/// <summary>Factories for <see cref="InfobipResult{T}"/>.</summary>
public static class InfobipResult
{
    public static InfobipResult<T> Success<T>(T value) => new(value);

    public static InfobipResult<T> Fail<T>(InfobipFailure failure) => new(failure);

    public static InfobipResult<T> Fail<T>(InfobipFailureKind kind, string? text = null) => new(new InfobipFailure(kind, Text: text));
}
