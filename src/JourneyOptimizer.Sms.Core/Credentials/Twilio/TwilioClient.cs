using System.Net;
using JourneyOptimizer.Sms.Core.Common;
using Microsoft.Extensions.Logging;
using Twilio.Base;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;
using MessagingService = Twilio.Rest.Messaging.V1.ServiceResource;
using ReadServicePhoneNumbersOptions = Twilio.Rest.Messaging.V1.Service.ReadPhoneNumberOptions;
using ReadServiceShortCodesOptions = Twilio.Rest.Messaging.V1.Service.ReadShortCodeOptions;
using ServicePhoneNumber = Twilio.Rest.Messaging.V1.Service.PhoneNumberResource;
using ServiceShortCode = Twilio.Rest.Messaging.V1.Service.ShortCodeResource;
using UpdateMessagingServiceOptions = Twilio.Rest.Messaging.V1.UpdateServiceOptions;

namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>
/// <see cref="ITwilioClient"/> on Twilio's official SDK: a <see cref="TwilioRestClient"/> per call, with the call's
/// credentials, on the portal's own <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/> (a singleton that
/// asks the factory for a client per call, so that handlers rotate as the factory intends; registered by
/// <see cref="TwilioServiceCollectionExtensions.AddTwilio"/>: timeouts, read retries, the configured base URLs, headers
/// never logged). The SDK's exceptions become <see cref="TwilioFailure"/> values here and go no further.
/// </summary>
public sealed partial class TwilioClient(IHttpClientFactory httpClients, ILogger<TwilioClient> logger) : ITwilioClient
{
    /// <summary>The name of the client's <see cref="HttpClient"/> (to configure it further).</summary>
    public const string HttpClientName = "Twilio";

    /// <summary>At most this many retries of a GET after the first attempt.</summary>
    public const int MaxRetryAttempts = 2;

    /// <summary>Reads walk at most this many pages (a loop guard; 1,000 items a page where Twilio allows it).</summary>
    public const int MaxPages = 100;

    private const int PageSize = 1000;

    /// <summary>The longest wait between two attempts, and the longest <c>Retry-After</c> that is waited for.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>The time one attempt may take: <see cref="TwilioOptions.TimeoutSeconds"/>.</summary>
    public static TimeSpan AttemptTimeout(TwilioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TimeSpan.FromSeconds(options.TimeoutSeconds);
    }

    /// <summary>The time one call may take with its retries: every attempt and every wait at their longest.</summary>
    public static TimeSpan TotalTimeout(TwilioOptions options) =>
        (AttemptTimeout(options) * (MaxRetryAttempts + 1)) + (MaxRetryDelay * MaxRetryAttempts);

    public Task<TwilioResult<TwilioAccount>> FetchAccountAsync(TwilioApiCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (Invalid(credentials) is { } invalid)
        {
            return Task.FromResult(TwilioResult.Fail<TwilioAccount>(invalid));
        }

        return CallAsync("FetchAccount", HttpMethod.Get, async () =>
        {
            var account = await AccountResource.FetchAsync(new FetchAccountOptions { PathSid = credentials.AccountSid }, RestClient(credentials));
            return new TwilioAccount(
                account.Sid ?? credentials.AccountSid,
                account.FriendlyName,
                account.Status?.ToString()?.ToLowerInvariant() switch
                {
                    "active" => TwilioAccountStatus.Active,
                    "suspended" => TwilioAccountStatus.Suspended,
                    "closed" => TwilioAccountStatus.Closed,
                    _ => TwilioAccountStatus.Unknown,
                },
                account.Status?.ToString(),
                account.Type?.ToString()?.ToLowerInvariant() switch
                {
                    "trial" => TwilioAccountType.Trial,
                    "full" => TwilioAccountType.Full,
                    _ => TwilioAccountType.Unknown,
                },
                account.OwnerAccountSid,
                ToOffset(account.DateCreated),
                ToOffset(account.DateUpdated));
        }, cancellationToken);
    }

    public Task<TwilioResult<TwilioMessagingService>> FetchMessagingServiceAsync(TwilioApiCredentials credentials,
        string messagingServiceSid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if ((Invalid(credentials) ?? InvalidSid(messagingServiceSid, "MG", "MessagingServiceSid")) is { } invalid)
        {
            return Task.FromResult(TwilioResult.Fail<TwilioMessagingService>(invalid));
        }

        return CallAsync("FetchMessagingService", HttpMethod.Get, async () =>
        {
            var service = await MessagingService.FetchAsync(messagingServiceSid.Trim(), RestClient(credentials));
            return new TwilioMessagingService(service.Sid ?? messagingServiceSid, service.AccountSid, service.FriendlyName,
                ToOffset(service.DateCreated), ToOffset(service.DateUpdated))
            {
                InboundRequestUrl = service.InboundRequestUrl?.OriginalString,
                StatusCallback = service.StatusCallback?.OriginalString,
            };
        }, cancellationToken);
    }

    public Task<TwilioResult<TwilioIncomingPhoneNumber?>> FindIncomingPhoneNumberAsync(TwilioApiCredentials credentials,
        string e164PhoneNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if ((Invalid(credentials) ?? InvalidE164(e164PhoneNumber)) is { } invalid)
        {
            return Task.FromResult(TwilioResult.Fail<TwilioIncomingPhoneNumber?>(invalid));
        }

        return CallAsync("FindIncomingPhoneNumber", HttpMethod.Get, async () =>
        {
            var numbers = await IncomingPhoneNumberResource.ReadAsync(new ReadIncomingPhoneNumberOptions
            {
                PathAccountSid = credentials.AccountSid,
                PhoneNumber = new PhoneNumber(e164PhoneNumber),
                PageSize = PageSize,
                Limit = PageSize * MaxPages,
            }, RestClient(credentials));
            // The PhoneNumber filter is a partial match: +1415555010 also finds +14155550100.
            var found = numbers.FirstOrDefault(n => string.Equals(n.PhoneNumber?.ToString(), e164PhoneNumber, StringComparison.Ordinal));
            return found is null
                ? null
                : new TwilioIncomingPhoneNumber(found.Sid ?? string.Empty, found.AccountSid, e164PhoneNumber, found.FriendlyName,
                    found.Capabilities?.Sms ?? false, found.Capabilities?.Mms ?? false, ToOffset(found.DateCreated));
        }, cancellationToken);
    }

    public Task<TwilioResult<TwilioShortCode?>> FindShortCodeAsync(TwilioApiCredentials credentials, string shortCode,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if ((Invalid(credentials) ?? InvalidShortCode(shortCode)) is { } invalid)
        {
            return Task.FromResult(TwilioResult.Fail<TwilioShortCode?>(invalid));
        }

        return CallAsync("FindShortCode", HttpMethod.Get, async () =>
        {
            var codes = await ShortCodeResource.ReadAsync(new ReadShortCodeOptions
            {
                PathAccountSid = credentials.AccountSid,
                ShortCode = shortCode,
                PageSize = PageSize,
                Limit = PageSize * MaxPages,
            }, RestClient(credentials));
            var found = codes.FirstOrDefault(s => string.Equals(s.ShortCode, shortCode, StringComparison.Ordinal));
            return found is null
                ? null
                : new TwilioShortCode(found.Sid ?? string.Empty, found.AccountSid, shortCode, found.FriendlyName, ToOffset(found.DateCreated));
        }, cancellationToken);
    }

    public Task<TwilioResult<TwilioMessage>> CreateMessageAsync(TwilioApiCredentials credentials, TwilioMessageRequest message,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(message);
        if ((Invalid(credentials) ?? InvalidMessage(message)) is { } invalid)
        {
            return Task.FromResult(TwilioResult.Fail<TwilioMessage>(invalid));
        }

        var options = new CreateMessageOptions(new PhoneNumber(message.To.Trim()))
        {
            PathAccountSid = credentials.AccountSid,
            MessagingServiceSid = string.IsNullOrWhiteSpace(message.MessagingServiceSid) ? null : message.MessagingServiceSid.Trim(),
            From = string.IsNullOrWhiteSpace(message.From) ? null : new PhoneNumber(message.From.Trim()),
            Body = string.IsNullOrEmpty(message.Body) ? null : message.Body,
            // Sent as repeated MediaUrl fields by the SDK.
            MediaUrl = message.MediaUrls.ToList(),
            StatusCallback = message.StatusCallback,
        };
        return CallAsync("CreateMessage", HttpMethod.Post, async () =>
        {
            var created = await MessageResource.CreateAsync(options, RestClient(credentials));
            return new TwilioMessage(created.Sid ?? string.Empty, created.Status?.ToString(), created.From?.ToString(),
                created.To, created.MessagingServiceSid,
                int.TryParse(created.NumSegments, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var segments) ? segments : null,
                created.ErrorCode, created.ErrorMessage, ToOffset(created.DateCreated));
        }, cancellationToken);
    }

    public Task<TwilioResult<IReadOnlyList<TwilioServicePhoneNumber>>> ListServicePhoneNumbersAsync(
        TwilioApiCredentials credentials, string messagingServiceSid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if ((Invalid(credentials) ?? InvalidSid(messagingServiceSid, "MG", "MessagingServiceSid")) is { } invalid)
        {
            return Task.FromResult(TwilioResult.Fail<IReadOnlyList<TwilioServicePhoneNumber>>(invalid));
        }

        return CallAsync<IReadOnlyList<TwilioServicePhoneNumber>>("ListServicePhoneNumbers", HttpMethod.Get, async () =>
        {
            var numbers = await ReadServicePhoneNumbersAsync(credentials, messagingServiceSid);
            return numbers.Where(n => n.PhoneNumber is not null).Select(ToServicePhoneNumber).ToList();
        }, cancellationToken);
    }

    public Task<TwilioResult<TwilioServicePhoneNumber?>> FindServicePhoneNumberAsync(TwilioApiCredentials credentials,
        string messagingServiceSid, string e164PhoneNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if ((Invalid(credentials) ?? InvalidSid(messagingServiceSid, "MG", "MessagingServiceSid") ?? InvalidE164(e164PhoneNumber)) is { } invalid)
        {
            return Task.FromResult(TwilioResult.Fail<TwilioServicePhoneNumber?>(invalid));
        }

        return CallAsync("FindServicePhoneNumber", HttpMethod.Get, async () =>
        {
            var numbers = await ReadServicePhoneNumbersAsync(credentials, messagingServiceSid);
            var found = numbers.FirstOrDefault(n => string.Equals(n.PhoneNumber?.ToString(), e164PhoneNumber, StringComparison.Ordinal));
            return found is null ? null : ToServicePhoneNumber(found);
        }, cancellationToken);
    }

    public Task<TwilioResult<TwilioServiceShortCode?>> FindServiceShortCodeAsync(TwilioApiCredentials credentials,
        string messagingServiceSid, string shortCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if ((Invalid(credentials) ?? InvalidSid(messagingServiceSid, "MG", "MessagingServiceSid") ?? InvalidShortCode(shortCode)) is { } invalid)
        {
            return Task.FromResult(TwilioResult.Fail<TwilioServiceShortCode?>(invalid));
        }

        return CallAsync("FindServiceShortCode", HttpMethod.Get, async () =>
        {
            var codes = await ServiceShortCode.ReadAsync(new ReadServiceShortCodesOptions(messagingServiceSid.Trim())
            {
                PageSize = PageSize,
                Limit = PageSize * MaxPages,
            }, RestClient(credentials));
            var found = codes.FirstOrDefault(s => string.Equals(s.ShortCode, shortCode, StringComparison.Ordinal));
            return found is null
                ? null
                : new TwilioServiceShortCode(found.Sid ?? string.Empty, found.AccountSid, found.ServiceSid, shortCode,
                    found.CountryCode, found.Capabilities ?? []);
        }, cancellationToken);
    }

    public Task<TwilioResult<TwilioMessagingService>> UpdateMessagingServiceAsync(TwilioApiCredentials credentials,
        string messagingServiceSid, Uri? inboundRequestUrl, Uri? statusCallback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if ((Invalid(credentials) ?? InvalidSid(messagingServiceSid, "MG", "MessagingServiceSid")) is { } invalid)
        {
            return Task.FromResult(TwilioResult.Fail<TwilioMessagingService>(invalid));
        }

        return CallAsync("UpdateMessagingService", HttpMethod.Post, async () =>
        {
            var service = await MessagingService.UpdateAsync(new UpdateMessagingServiceOptions(messagingServiceSid.Trim())
            {
                InboundRequestUrl = inboundRequestUrl,
                InboundMethod = inboundRequestUrl is null ? null : global::Twilio.Http.HttpMethod.Post,
                StatusCallback = statusCallback,
            }, RestClient(credentials));
            return new TwilioMessagingService(service.Sid ?? messagingServiceSid, service.AccountSid, service.FriendlyName,
                ToOffset(service.DateCreated), ToOffset(service.DateUpdated))
            {
                InboundRequestUrl = service.InboundRequestUrl?.OriginalString,
                StatusCallback = service.StatusCallback?.OriginalString,
            };
        }, cancellationToken);
    }

    /// <summary>
    /// How a Twilio error answer is classified: by Twilio's <c>code</c> where it has one, else by the HTTP status.
    /// A GET has already been retried by the resilience handler, so a 429 on it means Twilio stayed busy.
    /// </summary>
    internal static TwilioFailure MapError(HttpMethod method, int status, int? code, string? message, string? moreInfo)
    {
        code = code is 0 ? null : code;
        var kind = status switch
        {
            >= 500 => TwilioFailureKind.Unreachable,
            429 => method == HttpMethod.Get ? TwilioFailureKind.Unreachable : TwilioFailureKind.RateLimited,
            _ when code == 20429 => method == HttpMethod.Get ? TwilioFailureKind.Unreachable : TwilioFailureKind.RateLimited,
            401 => TwilioFailureKind.Unauthorized,
            _ when code == 20003 => TwilioFailureKind.Unauthorized,
            404 => TwilioFailureKind.NotFound,
            _ when code == 20404 => TwilioFailureKind.NotFound,
            _ => TwilioFailureKind.Rejected,
        };
        return new TwilioFailure(kind, status, code, message, moreInfo);
    }

    private async Task<ResourceSet<ServicePhoneNumber>> ReadServicePhoneNumbersAsync(TwilioApiCredentials credentials, string messagingServiceSid) =>
        await ServicePhoneNumber.ReadAsync(new ReadServicePhoneNumbersOptions(messagingServiceSid.Trim())
        {
            PageSize = PageSize,
            Limit = PageSize * MaxPages,
        }, RestClient(credentials));

    /// <summary>
    /// Runs one SDK call. The SDK takes no cancellation token, so the caller's token ends the wait (the request itself
    /// is bounded by the HTTP client's timeouts). Pages after the first are read by the SDK's enumerator, which blocks;
    /// the lookups are filtered, so a second page is rare.
    /// </summary>
    private async Task<TwilioResult<T>> CallAsync<T>(string operation, HttpMethod method, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            var value = await call().WaitAsync(cancellationToken);
            LogAnswered(logger, operation);
            return TwilioResult.Success(value);
        }
        catch (Exception thrown) when (thrown is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Every failure of the SDK call is an outcome: besides its own exceptions, the SDK reads an answer of an
            // unexpected shape (a captive portal's 200, a page without its list) with NullReferenceException and the like.
            var exception = Unwrap(thrown);
            var failure = exception switch
            {
                ApiException { Status: > 0 } api => MapError(method, api.Status, api.Code, api.Message, api.MoreInfo),
                ApiStandardException { Status: > 0 } standard => MapError(method, standard.Status, standard.Code, standard.Detail ?? standard.Title, null),
                _ => null,
            };
            if (failure is not null)
            {
                LogFailed(logger, operation, failure.HttpStatus ?? 0, failure.Code, failure.Kind);
                return TwilioResult.Fail<T>(failure);
            }

            // No answer, or one that is not Twilio's JSON. The exception's message is not logged: the SDK puts the
            // request URL and parts of the answer in it.
            LogUnreachable(logger, operation, (exception.InnerException ?? exception).GetType().Name);
            return TwilioResult.Fail<T>(new TwilioFailure(TwilioFailureKind.Unreachable));
        }
    }

    /// <summary>The SDK reads pages after the first through reflection, which wraps what the request threw.</summary>
    private static Exception Unwrap(Exception exception) =>
        exception is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : exception;

    private TwilioRestClient RestClient(TwilioApiCredentials credentials) =>
        new(credentials.UserName, credentials.Secret, accountSid: credentials.AccountSid,
            httpClient: new StatusPreservingHttpClient(httpClients.CreateClient(HttpClientName)));

    private static DateTimeOffset? ToOffset(DateTime? value) =>
        value is { } date ? new DateTimeOffset(DateTime.SpecifyKind(date.ToUniversalTime(), DateTimeKind.Utc)) : null;

    private static TwilioServicePhoneNumber ToServicePhoneNumber(ServicePhoneNumber number) => new(
        number.Sid ?? string.Empty, number.AccountSid, number.ServiceSid, number.PhoneNumber!.ToString(), number.CountryCode,
        number.Capabilities ?? []);

    private static TwilioFailure? Invalid(TwilioApiCredentials credentials)
    {
        if (!Sid.IsValid(credentials.AccountSid, "AC"))
        {
            return InvalidRequest("The Account SID must be AC followed by 32 hexadecimal characters.");
        }

        if (credentials.ApiKeySid is { } key && !Sid.IsValid(key, "SK"))
        {
            return InvalidRequest("The API key SID must be SK followed by 32 hexadecimal characters.");
        }

        return credentials.Secret.Length == 0 ? InvalidRequest("The Auth Token or API key secret is empty.") : null;
    }

    private static TwilioFailure? InvalidSid(string? value, string prefix, string name) =>
        Sid.IsValid(value?.Trim(), prefix) ? null : InvalidRequest($"{name} must be {prefix} followed by 32 hexadecimal characters.");

    private static TwilioFailure? InvalidE164(string? value) =>
        value is { Length: >= 3 and <= 16 } && value[0] == '+' && value.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0
            ? null
            : InvalidRequest("The phone number must be in E.164 format (+ and digits).");

    private static TwilioFailure? InvalidShortCode(string? value) =>
        PhoneNumberRules.IsShortCode(value) && value == value!.Trim() ? null : InvalidRequest("A short code is 3 to 8 digits.");

    private static TwilioFailure? InvalidMessage(TwilioMessageRequest message)
    {
        if (string.IsNullOrWhiteSpace(message.To))
        {
            return InvalidRequest("To is required.");
        }

        if (string.IsNullOrWhiteSpace(message.From) && string.IsNullOrWhiteSpace(message.MessagingServiceSid))
        {
            return InvalidRequest("From or MessagingServiceSid is required.");
        }

        if (!string.IsNullOrWhiteSpace(message.MessagingServiceSid) && InvalidSid(message.MessagingServiceSid, "MG", "MessagingServiceSid") is { } sid)
        {
            return sid;
        }

        if (string.IsNullOrEmpty(message.Body) && message.MediaUrls.Count == 0)
        {
            return InvalidRequest("Body or MediaUrl is required.");
        }

        if (message.MediaUrls.Count > TwilioMessageRequest.MaxMediaUrls)
        {
            return InvalidRequest($"At most {TwilioMessageRequest.MaxMediaUrls} MediaUrl values are allowed.");
        }

        return message.MediaUrls.Any(u => u is null || !u.IsAbsoluteUri) || message.StatusCallback is { IsAbsoluteUri: false }
            ? InvalidRequest("MediaUrl and StatusCallback must be absolute URLs.")
            : null;
    }

    private static TwilioFailure InvalidRequest(string message) => new(TwilioFailureKind.InvalidRequest, Message: message);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug, Message = "Twilio {Operation} answered")]
    private static partial void LogAnswered(ILogger logger, string operation);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning,
        Message = "Twilio {Operation} failed with HTTP {StatusCode}, Twilio error {TwilioCode} ({FailureKind})")]
    private static partial void LogFailed(ILogger logger, string operation, int statusCode, int? twilioCode, TwilioFailureKind failureKind);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Twilio {Operation} could not be reached or answered unreadably ({Reason})")]
    private static partial void LogUnreachable(ILogger logger, string operation, string reason);

    /// <summary>
    /// The SDK keeps the HTTP status of an error only when its body is JSON. A proxy's HTML 502 or an empty 401 would
    /// lose it, so such an answer is handed on as a JSON body that carries nothing but the status.
    /// </summary>
    private sealed class StatusPreservingHttpClient(HttpClient http) : global::Twilio.Http.SystemNetHttpClient(http)
    {
        public override async Task<global::Twilio.Http.Response> MakeRequestAsync(global::Twilio.Http.Request request)
        {
            var response = await base.MakeRequestAsync(request);
            var status = (int)response.StatusCode;
            if (status < 400 || response.Content?.TrimStart().StartsWith('{') == true)
            {
                return response;
            }

            return new global::Twilio.Http.Response(response.StatusCode,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{{\"status\":{status}}}"), response.Headers);
        }
    }
}
