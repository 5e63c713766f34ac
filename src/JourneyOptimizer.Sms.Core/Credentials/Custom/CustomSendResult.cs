namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>Why a send through a Custom provider failed.</summary>
public enum CustomSendFailure
{
    /// <summary>No answer within <see cref="CustomProvidersOptions.TimeoutSeconds"/>.</summary>
    Timeout = 1,

    /// <summary>The TLS handshake failed: the provider's certificate was not trusted, or the client certificate was refused.</summary>
    TlsError = 2,

    /// <summary>The URL, a redirect or the OAuth URL leads to an address that is not allowed (private, loopback, not https...). Nothing was sent.</summary>
    RefusedTarget = 3,

    /// <summary>The host could not be resolved or connected to, or the connection broke.</summary>
    ConnectionFailed = 4,

    /// <summary>The provider (or the OAuth token endpoint) answered with an error status; see <see cref="CustomSendResult.StatusCode"/> and <see cref="CustomSendResult.ResponseExcerpt"/>.</summary>
    HttpError = 5,

    /// <summary>The answer could not be used: not JSON where an id was expected, no access token, a broken redirect.</summary>
    InvalidResponse = 6,

    /// <summary>The saved configuration cannot make a request (a JSON field that is not Unicode). Nothing was sent.</summary>
    InvalidConfiguration = 7,
}

/// <summary>
/// What happened to one send. A value, never an exception. <see cref="Message"/> is plain English and a localization
/// key; <see cref="MessageArguments"/> fill its <c>{0}</c> after translation. No secret is ever in it: the excerpt of
/// the provider's answer has every secret value replaced by <see cref="CustomSendMessages.Redacted"/>.
/// </summary>
public sealed record CustomSendResult
{
    public const int MaxExcerptLength = 300;

    private CustomSendResult(CustomSendFailure? failure, int? statusCode, string? messageId, string? responseExcerpt,
        string message, IReadOnlyList<object> messageArguments)
    {
        Failure = failure;
        StatusCode = statusCode;
        MessageId = messageId;
        ResponseExcerpt = responseExcerpt;
        Message = message;
        MessageArguments = messageArguments;
    }

    public bool Succeeded => Failure is null;

    public CustomSendFailure? Failure { get; }

    /// <summary>The HTTP status of the last answer, when there was one.</summary>
    public int? StatusCode { get; }

    /// <summary>The provider's message id, when the extractor is set and found it.</summary>
    public string? MessageId { get; }

    /// <summary>For <see cref="CustomSendFailure.HttpError"/>: the start of the answer, secrets redacted, at most 300 characters.</summary>
    public string? ResponseExcerpt { get; }

    public string Message { get; }

    public IReadOnlyList<object> MessageArguments { get; }

    /// <summary>The provider accepted the message (<paramref name="idExpected"/>: an extractor is configured).</summary>
    public static CustomSendResult Success(int statusCode, string? messageId, bool idExpected) =>
        new(null, statusCode, messageId, null,
            idExpected && messageId is null ? CustomSendMessages.AcceptedWithoutId : CustomSendMessages.Accepted, []);

    /// <param name="message">One of <see cref="CustomSendMessages"/>.</param>
    public static CustomSendResult Fail(CustomSendFailure failure, string message, int? statusCode = null,
        string? excerpt = null, params object[] arguments) =>
        new(failure, statusCode, null, excerpt, message, arguments);
}

/// <summary>The English outcome texts of a send (localization keys).</summary>
public static class CustomSendMessages
{
    public const string Accepted = "The provider accepted the message.";
    public const string AcceptedWithoutId = "The provider accepted the message, but its answer has no message ID where the extractor looks.";

    /// <summary>{0}: the timeout in seconds.</summary>
    public const string Timeout = "The provider did not answer within {0} seconds.";
    public const string TlsError = "The secure connection to the provider failed: its certificate was not accepted, or it refused the client certificate.";
    public const string RefusedTarget = "The provider address is a private, loopback or link-local address, which this installation does not allow.";
    public const string RedirectNotHttps = "The provider redirected to an address that is not https.";
    public const string ConnectionFailed = "The provider could not be reached.";

    /// <summary>{0}: the HTTP status code.</summary>
    public const string HttpError = "The provider answered with HTTP status {0}.";

    /// <summary>{0}: the HTTP status code.</summary>
    public const string OAuthHttpError = "The OAuth token request was refused with HTTP status {0}.";
    public const string OAuthNoAccessToken = "The answer of the OAuth token request has no access token.";
    public const string InvalidJson = "The provider's answer is not valid JSON, so the message ID could not be read.";
    public const string TooManyRedirects = "The provider redirected more than 3 times.";
    public const string RedirectWithoutLocation = "The provider answered with a redirect without a valid location.";
    public const string StoredJsonNotUnicode =
        "The saved provider payload, JWT payload or OAuth body has a string that is not Unicode. Edit the API credential and save it again.";

    /// <summary>What replaces a secret in <see cref="CustomSendResult.ResponseExcerpt"/>.</summary>
    public const string Redacted = "[redacted]";
}
