using System.Diagnostics.CodeAnalysis;

namespace JourneyOptimizer.Sms.Core.Credentials.Sinch;

/// <summary>Why a call to Sinch (SMS REST API, Conversation API or its OAuth endpoint) did not succeed.</summary>
public enum SinchFailureKind
{
    /// <summary>Sinch answered with an error (400, 403, other 4xx): see <see cref="SinchFailure.Code"/> and <see cref="SinchFailure.Text"/>.</summary>
    Rejected = 0,

    /// <summary>404: the service plan, project or app does not exist (or the app is in another region).</summary>
    NotFound = 1,

    /// <summary>401: wrong API token or access key (or a token that belongs to another service plan).</summary>
    Unauthorized = 2,

    /// <summary>429, after the retries of a read; <see cref="SinchFailure.RetryAfter"/> when Sinch said how long to wait.</summary>
    RateLimited = 3,

    /// <summary>No useful answer: timeout, DNS or connection error, 5xx, a redirect, or an answer that is not Sinch's JSON.</summary>
    Unreachable = 4,

    /// <summary>The client did not send the request: it breaks a rule Sinch would reject it for (no recipient, bad id...).</summary>
    InvalidRequest = 5,
}

/// <summary>
/// A failed call. <see cref="Code"/> is Sinch's error code where its body has one: the SMS API's <c>code</c>
/// (<c>syntax_invalid_parameter_format</c>), the Conversation API's <c>error.status</c> (<c>PERMISSION_DENIED</c>) or
/// the OAuth endpoint's <c>error</c>. <see cref="Text"/> is Sinch's own English text: display it, never branch on it.
/// </summary>
public sealed record SinchFailure(
    SinchFailureKind Kind,
    int? HttpStatus = null,
    string? Code = null,
    string? Text = null,
    TimeSpan? RetryAfter = null);

/// <summary>The outcome of one call to Sinch: a value, or a <see cref="SinchFailure"/>.</summary>
public sealed class SinchResult<T>
{
    internal SinchResult(T value) => Value = value;

    internal SinchResult(SinchFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        Failure = failure;
    }

    [MemberNotNullWhen(false, nameof(Failure))]
    [MemberNotNullWhen(true, nameof(Value))]
    public bool Succeeded => Failure is null;

    public T? Value { get; }

    public SinchFailure? Failure { get; }

    public override string ToString() => Succeeded ? $"Success({Value})" : $"Failure({Failure})";
}

public static class SinchFailureKindExtensions
{
    /// <summary>Sinch could not be reached or asked to wait: worth trying again later.</summary>
    public static bool IsTransient(this SinchFailureKind kind) => kind is SinchFailureKind.Unreachable or SinchFailureKind.RateLimited;
}

/// <summary>Factories for <see cref="SinchResult{T}"/>.</summary>
public static class SinchResult
{
    public static SinchResult<T> Success<T>(T value) => new(value);

    public static SinchResult<T> Fail<T>(SinchFailure failure) => new(failure);

    public static SinchResult<T> Fail<T>(SinchFailureKind kind, string? text = null) => new(new SinchFailure(kind, Text: text));
}
