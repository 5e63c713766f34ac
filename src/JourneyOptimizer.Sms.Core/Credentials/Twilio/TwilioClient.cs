using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using JourneyOptimizer.Sms.Core.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>
/// Typed <see cref="HttpClient"/> for Twilio (registered by
/// <see cref="TwilioServiceCollectionExtensions.AddTwilio"/>). Basic authentication is set on each request, never on
/// the shared client; bodies are never logged. Reads (GET) are retried on 429/5xx by the resilience handler,
/// writes (POST) never.
/// </summary>
public sealed partial class TwilioClient(HttpClient http, IOptions<TwilioOptions> options, ILogger<TwilioClient> logger)
    : ITwilioClient
{
    /// <summary>The name of the typed client's <see cref="HttpClient"/> (to configure it further).</summary>
    public const string HttpClientName = "Twilio";

    /// <summary>At most this many retries of a GET after the first attempt.</summary>
    public const int MaxRetryAttempts = 2;

    /// <summary>Reads walk at most this many pages (a loop guard; 1,000 items a page where Twilio allows it).</summary>
    public const int MaxPages = 100;

    private const int PageSize = 1000;

    /// <summary>The longest wait between two attempts, and the longest <c>Retry-After</c> that is waited for.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private static readonly MediaTypeWithQualityHeaderValue JsonMediaType = new("application/json");

    private readonly TwilioOptions settings = options.Value;

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

        return SendAsync<AccountDto, TwilioAccount>("FetchAccount", HttpMethod.Get,
            ApiUri($"/2010-04-01/Accounts/{Segment(credentials.AccountSid)}.json"), credentials, null, ToAccount, cancellationToken);
    }

    public Task<TwilioResult<TwilioMessagingService>> FetchMessagingServiceAsync(TwilioApiCredentials credentials,
        string messagingServiceSid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if ((Invalid(credentials) ?? InvalidSid(messagingServiceSid, "MG", "MessagingServiceSid")) is { } invalid)
        {
            return Task.FromResult(TwilioResult.Fail<TwilioMessagingService>(invalid));
        }

        return SendAsync<MessagingServiceDto, TwilioMessagingService>("FetchMessagingService", HttpMethod.Get,
            MessagingUri($"/v1/Services/{Segment(messagingServiceSid)}"), credentials, null,
            dto => new TwilioMessagingService(dto.Sid ?? messagingServiceSid, dto.AccountSid, dto.FriendlyName, dto.DateCreated, dto.DateUpdated),
            cancellationToken);
    }

    public async Task<TwilioResult<TwilioIncomingPhoneNumber?>> FindIncomingPhoneNumberAsync(TwilioApiCredentials credentials,
        string e164PhoneNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if ((Invalid(credentials) ?? InvalidE164(e164PhoneNumber)) is { } invalid)
        {
            return TwilioResult.Fail<TwilioIncomingPhoneNumber?>(invalid);
        }

        IncomingPhoneNumberDto? found = null;
        var walked = await WalkV2010Async<IncomingPhoneNumberPageDto, IncomingPhoneNumberDto>("FindIncomingPhoneNumber",
            ApiUri($"/2010-04-01/Accounts/{Segment(credentials.AccountSid)}/IncomingPhoneNumbers.json?PhoneNumber={Query(e164PhoneNumber)}"),
            credentials, page => page.IncomingPhoneNumbers,
            n =>
            {
                // The PhoneNumber filter is a partial match: +1415555010 also finds +14155550100.
                found = string.Equals(n.PhoneNumber, e164PhoneNumber, StringComparison.Ordinal) ? n : null;
                return found is not null;
            },
            cancellationToken);
        return walked.Succeeded
            ? TwilioResult.Success(found is null ? null : ToIncomingNumber(found))
            : TwilioResult.Fail<TwilioIncomingPhoneNumber?>(walked.Failure);
    }

    public async Task<TwilioResult<TwilioShortCode?>> FindShortCodeAsync(TwilioApiCredentials credentials, string shortCode,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if ((Invalid(credentials) ?? InvalidShortCode(shortCode)) is { } invalid)
        {
            return TwilioResult.Fail<TwilioShortCode?>(invalid);
        }

        ShortCodeDto? found = null;
        var walked = await WalkV2010Async<ShortCodePageDto, ShortCodeDto>("FindShortCode",
            ApiUri($"/2010-04-01/Accounts/{Segment(credentials.AccountSid)}/SMS/ShortCodes.json?ShortCode={Query(shortCode)}"),
            credentials, page => page.ShortCodes,
            s =>
            {
                found = string.Equals(s.ShortCode, shortCode, StringComparison.Ordinal) ? s : null;
                return found is not null;
            },
            cancellationToken);
        return walked.Succeeded
            ? TwilioResult.Success(found is null ? null : new TwilioShortCode(found.Sid ?? string.Empty, found.AccountSid,
                found.ShortCode!, found.FriendlyName, found.DateCreated))
            : TwilioResult.Fail<TwilioShortCode?>(walked.Failure);
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

        var form = new List<KeyValuePair<string, string>> { new("To", message.To.Trim()) };
        if (!string.IsNullOrWhiteSpace(message.MessagingServiceSid))
        {
            form.Add(new("MessagingServiceSid", message.MessagingServiceSid.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(message.From))
        {
            form.Add(new("From", message.From.Trim()));
        }

        if (!string.IsNullOrEmpty(message.Body))
        {
            form.Add(new("Body", message.Body));
        }

        // Array fields are repeated keys (MediaUrl=a&MediaUrl=b), which is why this is a list and not a dictionary.
        foreach (var media in message.MediaUrls)
        {
            form.Add(new("MediaUrl", media.AbsoluteUri));
        }

        if (message.StatusCallback is not null)
        {
            form.Add(new("StatusCallback", message.StatusCallback.AbsoluteUri));
        }

        return SendAsync<MessageDto, TwilioMessage>("CreateMessage", HttpMethod.Post,
            ApiUri($"/2010-04-01/Accounts/{Segment(credentials.AccountSid)}/Messages.json"), credentials, form,
            dto => new TwilioMessage(dto.Sid ?? string.Empty, dto.Status, dto.From, dto.To, dto.MessagingServiceSid,
                int.TryParse(dto.NumSegments, NumberStyles.None, CultureInfo.InvariantCulture, out var segments) ? segments : null,
                dto.ErrorCode, dto.ErrorMessage, dto.DateCreated),
            cancellationToken);
    }

    public async Task<TwilioResult<IReadOnlyList<TwilioServicePhoneNumber>>> ListServicePhoneNumbersAsync(
        TwilioApiCredentials credentials, string messagingServiceSid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if ((Invalid(credentials) ?? InvalidSid(messagingServiceSid, "MG", "MessagingServiceSid")) is { } invalid)
        {
            return TwilioResult.Fail<IReadOnlyList<TwilioServicePhoneNumber>>(invalid);
        }

        var all = new List<TwilioServicePhoneNumber>();
        var walked = await WalkV1Async<ServicePhoneNumberPageDto>("ListServicePhoneNumbers",
            MessagingUri($"/v1/Services/{Segment(messagingServiceSid)}/PhoneNumbers?PageSize={PageSize}"), credentials,
            page => page.PhoneNumbers,
            n =>
            {
                if (n.PhoneNumber is not null)
                {
                    all.Add(ToServicePhoneNumber(n));
                }

                return false;
            },
            cancellationToken);
        return walked.Succeeded
            ? TwilioResult.Success<IReadOnlyList<TwilioServicePhoneNumber>>(all)
            : TwilioResult.Fail<IReadOnlyList<TwilioServicePhoneNumber>>(walked.Failure);
    }

    public async Task<TwilioResult<TwilioServicePhoneNumber?>> FindServicePhoneNumberAsync(TwilioApiCredentials credentials,
        string messagingServiceSid, string e164PhoneNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if ((Invalid(credentials) ?? InvalidSid(messagingServiceSid, "MG", "MessagingServiceSid") ?? InvalidE164(e164PhoneNumber)) is { } invalid)
        {
            return TwilioResult.Fail<TwilioServicePhoneNumber?>(invalid);
        }

        ServiceSenderDto? found = null;
        var walked = await WalkV1Async<ServicePhoneNumberPageDto>("FindServicePhoneNumber",
            MessagingUri($"/v1/Services/{Segment(messagingServiceSid)}/PhoneNumbers?PageSize={PageSize}"), credentials,
            page => page.PhoneNumbers,
            n =>
            {
                found = string.Equals(n.PhoneNumber, e164PhoneNumber, StringComparison.Ordinal) ? n : null;
                return found is not null;
            },
            cancellationToken);
        return walked.Succeeded
            ? TwilioResult.Success(found is null ? null : ToServicePhoneNumber(found))
            : TwilioResult.Fail<TwilioServicePhoneNumber?>(walked.Failure);
    }

    public async Task<TwilioResult<TwilioServiceShortCode?>> FindServiceShortCodeAsync(TwilioApiCredentials credentials,
        string messagingServiceSid, string shortCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if ((Invalid(credentials) ?? InvalidSid(messagingServiceSid, "MG", "MessagingServiceSid") ?? InvalidShortCode(shortCode)) is { } invalid)
        {
            return TwilioResult.Fail<TwilioServiceShortCode?>(invalid);
        }

        ServiceSenderDto? found = null;
        var walked = await WalkV1Async<ServiceShortCodePageDto>("FindServiceShortCode",
            MessagingUri($"/v1/Services/{Segment(messagingServiceSid)}/ShortCodes?PageSize={PageSize}"), credentials,
            page => page.ShortCodes,
            s =>
            {
                found = string.Equals(s.ShortCode, shortCode, StringComparison.Ordinal) ? s : null;
                return found is not null;
            },
            cancellationToken);
        return walked.Succeeded
            ? TwilioResult.Success(found is null ? null : new TwilioServiceShortCode(found.Sid ?? string.Empty, found.AccountSid,
                found.ServiceSid, found.ShortCode!, found.CountryCode, found.Capabilities ?? []))
            : TwilioResult.Fail<TwilioServiceShortCode?>(walked.Failure);
    }

    internal Uri ApiUri(string pathAndQuery) => new(settings.ApiBaseUrl.TrimEnd('/') + pathAndQuery);

    internal Uri MessagingUri(string pathAndQuery) => new(settings.MessagingBaseUrl.TrimEnd('/') + pathAndQuery);

    private static string Segment(string value) => Uri.EscapeDataString(value.Trim());

    /// <summary>Percent-encodes a query value: <c>+</c> becomes <c>%2B</c>, or Twilio would read a space.</summary>
    private static string Query(string value) => Uri.EscapeDataString(value);

    private static AuthenticationHeaderValue BasicAuthentication(TwilioApiCredentials credentials) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.AccountSid + ":" + credentials.AuthToken)));

    private static TwilioFailure? Invalid(TwilioApiCredentials credentials)
    {
        if (!Sid.IsValid(credentials.AccountSid, "AC"))
        {
            return InvalidRequest("The Account SID must be AC followed by 32 hexadecimal characters.");
        }

        return credentials.AuthToken.Length == 0 ? InvalidRequest("The Auth Token is empty.") : null;
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

    private static TwilioAccount ToAccount(AccountDto dto) => new(
        dto.Sid ?? string.Empty,
        dto.FriendlyName,
        dto.Status?.ToLowerInvariant() switch
        {
            "active" => TwilioAccountStatus.Active,
            "suspended" => TwilioAccountStatus.Suspended,
            "closed" => TwilioAccountStatus.Closed,
            _ => TwilioAccountStatus.Unknown,
        },
        dto.Status,
        dto.Type?.ToLowerInvariant() switch
        {
            "trial" => TwilioAccountType.Trial,
            "full" => TwilioAccountType.Full,
            _ => TwilioAccountType.Unknown,
        },
        dto.OwnerAccountSid,
        dto.DateCreated,
        dto.DateUpdated);

    private static TwilioIncomingPhoneNumber ToIncomingNumber(IncomingPhoneNumberDto dto) => new(
        dto.Sid ?? string.Empty, dto.AccountSid, dto.PhoneNumber!, dto.FriendlyName,
        dto.Capabilities?.Sms ?? false, dto.Capabilities?.Mms ?? false, dto.DateCreated);

    private static TwilioServicePhoneNumber ToServicePhoneNumber(ServiceSenderDto dto) => new(
        dto.Sid ?? string.Empty, dto.AccountSid, dto.ServiceSid, dto.PhoneNumber!, dto.CountryCode, dto.Capabilities ?? []);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug, Message = "Twilio {Operation} answered HTTP {StatusCode}")]
    private static partial void LogAnswered(ILogger logger, string operation, int statusCode);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning,
        Message = "Twilio {Operation} failed with HTTP {StatusCode}, Twilio error {TwilioCode} ({FailureKind})")]
    private static partial void LogFailed(ILogger logger, string operation, int statusCode, int? twilioCode, TwilioFailureKind failureKind);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Twilio {Operation} could not be reached ({Reason})")]
    private static partial void LogUnreachable(ILogger logger, string operation, string reason, Exception exception);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning,
        Message = "Twilio {Operation} answered HTTP {StatusCode} with a body that is not the expected JSON")]
    private static partial void LogUnexpectedBody(ILogger logger, string operation, int statusCode);
}
