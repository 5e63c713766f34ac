using JourneyOptimizer.Sms.Core.Common;
using Microsoft.Extensions.Logging;

namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>
/// The checks of PRODUCT.md 3.1 against Twilio's REST API: the account exists and is active, the token
/// authenticates, the Messaging Service exists in that account, and the inbound number (or short code) belongs to the
/// account or to the service's sender pool. Also sends the "Verify SMS connection" test message.
/// </summary>
public sealed partial class TwilioCredentialVerifier(ITwilioClient client, ILogger<TwilioCredentialVerifier> logger)
{
    public const string AccountNotFound = "Twilio has no account with this Account SID.";
    public const string AccountSuspended = "This Twilio account is suspended.";
    public const string AccountClosed = "This Twilio account is closed.";
    public const string AccountNotActive = "This Twilio account is not active (status: {0}).";
    public const string ServiceNotInAccount = "This Messaging Service does not exist in this Twilio account.";
    public const string NumberNotInAccount = "This number does not belong to this Twilio account or to its Messaging Service.";
    public const string ShortCodeNotInAccount = "This short code does not belong to this Twilio account or to its Messaging Service.";

    // The format messages of TwilioCredentialInputValidator, reused so that they need no new translation.
    public const string AccountSidFormat = "The Account SID must be AC followed by 32 hexadecimal characters.";
    public const string AuthTokenMissing = "Enter the Auth Token.";
    public const string MessagingServiceSidFormat = "The Message SID must be MG followed by 32 hexadecimal characters.";
    public const string InboundNumberFormat = "Enter the inbound number in international format (for example +14155550100) or a short code of 3 to 8 digits.";

    private const string AccountSidField = nameof(TwilioCredentialInput.AccountSid);
    private const string AuthTokenField = nameof(TwilioCredentialInput.AuthToken);
    private const string ServiceField = nameof(TwilioCredentialInput.MessagingServiceSid);
    private const string NumberField = nameof(TwilioCredentialInput.InboundNumber);

    /// <summary>Every sentence <see cref="VerifyAsync"/> can produce besides those of <see cref="TwilioErrorText"/>.</summary>
    public static IReadOnlyList<string> AllKeys { get; } =
    [
        AccountNotFound, AccountSuspended, AccountClosed, AccountNotActive, ServiceNotInAccount, NumberNotInAccount,
        ShortCodeNotInAccount, AccountSidFormat, AuthTokenMissing, MessagingServiceSidFormat, InboundNumberFormat,
    ];

    public async Task<TwilioVerification> VerifyAsync(string accountSid, string authToken, string messagingServiceSid,
        string inboundNumber, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (!Sid.IsValid(accountSid?.Trim(), "AC"))
        {
            errors.Add(new FieldError(AccountSidField, AccountSidFormat));
        }

        if (string.IsNullOrWhiteSpace(authToken))
        {
            errors.Add(new FieldError(AuthTokenField, AuthTokenMissing));
        }

        if (!Sid.IsValid(messagingServiceSid?.Trim(), "MG"))
        {
            errors.Add(new FieldError(ServiceField, MessagingServiceSidFormat));
        }

        var number = PhoneNumberRules.TryNormalizeNumberOrShortCode(inboundNumber);
        if (number is null)
        {
            errors.Add(new FieldError(NumberField, InboundNumberFormat));
        }

        if (errors.Count > 0)
        {
            // Not logged with the typed Account SID: a malformed one may be anything, even a pasted token.
            return Rejected(null, errors);
        }

        var credentials = new TwilioApiCredentials(Sid.Normalize(accountSid!), authToken);
        var serviceSid = Sid.Normalize(messagingServiceSid!);

        // 1. The account exists and the token authenticates (Twilio answers 20003 for both a wrong pair and a
        //    suspended or closed account).
        var account = await client.FetchAccountAsync(credentials, cancellationToken);
        if (!account.Succeeded)
        {
            return account.Failure.Kind switch
            {
                TwilioFailureKind.Unauthorized => Rejected(credentials.AccountSid, [new FieldError(AuthTokenField, TwilioErrorText.WrongCredentials)]),
                TwilioFailureKind.NotFound => Rejected(credentials.AccountSid, [new FieldError(AccountSidField, AccountNotFound)]),
                _ => Other(credentials.AccountSid, account.Failure, FieldError.FormLevel),
            };
        }

        // 2. The account is active.
        var status = account.Value!.Status switch
        {
            TwilioAccountStatus.Active => null,
            TwilioAccountStatus.Suspended => new FieldError(FieldError.FormLevel, AccountSuspended),
            TwilioAccountStatus.Closed => new FieldError(FieldError.FormLevel, AccountClosed),
            _ => new FieldError(FieldError.FormLevel, AccountNotActive, account.Value.StatusText ?? "unknown"),
        };
        if (status is not null)
        {
            return Rejected(credentials.AccountSid, [status]);
        }

        // 3. The Messaging Service exists in this account.
        var service = await client.FetchMessagingServiceAsync(credentials, serviceSid, cancellationToken);
        var serviceFound = false;
        if (!service.Succeeded)
        {
            if (service.Failure.Kind == TwilioFailureKind.NotFound)
            {
                errors.Add(new FieldError(ServiceField, ServiceNotInAccount));
            }
            else
            {
                return Other(credentials.AccountSid, service.Failure, ServiceField, errors);
            }
        }
        else if (service.Value!.AccountSid is { } owner && !string.Equals(owner, credentials.AccountSid, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new FieldError(ServiceField, ServiceNotInAccount));
        }
        else
        {
            serviceFound = true;
        }

        // 4. The inbound number belongs to the account, or at least to the service's sender pool.
        var numberCheck = await CheckInboundNumberAsync(credentials, serviceFound ? serviceSid : null, number!, cancellationToken);
        if (numberCheck is { Kind: TwilioFailureKind.Unreachable or TwilioFailureKind.RateLimited })
        {
            return Other(credentials.AccountSid, numberCheck, NumberField);
        }

        if (numberCheck is not null)
        {
            errors.Add(numberCheck.Kind == TwilioFailureKind.NotFound && numberCheck.HttpStatus is null
                ? new FieldError(NumberField, PhoneNumberRules.IsShortCode(number) ? ShortCodeNotInAccount : NumberNotInAccount)
                : Describe(NumberField, numberCheck));
        }

        if (errors.Count > 0)
        {
            return Rejected(credentials.AccountSid, errors);
        }

        LogVerified(logger, credentials.AccountSid, account.Value.Type);
        return TwilioVerification.Verified(account.Value.Type, account.Value.FriendlyName);
    }

    /// <summary>
    /// Sends a real test message through the Messaging Service, from the inbound number, to <paramref name="to"/>.
    /// </summary>
    public async Task<TwilioSendOutcome> SendTestMessageAsync(string accountSid, string authToken, string messagingServiceSid,
        string inboundNumber, string to, string body, CancellationToken cancellationToken)
    {
        var recipient = PhoneNumberRules.TryNormalizeE164(to);
        if (recipient is null)
        {
            return TwilioSendOutcome.Failure(TwilioFailureKind.InvalidRequest, null, TwilioErrorText.InvalidTo);
        }

        // A channel configuration may send from an alphanumeric sender ID (enabled on the Messaging Service).
        var from = PhoneNumberRules.TryNormalizeNumberOrShortCode(inboundNumber)
            ?? (PhoneNumberRules.IsAlphanumericSender(inboundNumber) ? inboundNumber.Trim() : null);
        if (string.IsNullOrWhiteSpace(body) || from is null || !Sid.IsValid(accountSid?.Trim(), "AC")
            || !Sid.IsValid(messagingServiceSid?.Trim(), "MG") || string.IsNullOrWhiteSpace(authToken))
        {
            return TwilioSendOutcome.Failure(TwilioFailureKind.InvalidRequest, null, TwilioErrorText.IncompleteRequest);
        }

        var credentials = new TwilioApiCredentials(Sid.Normalize(accountSid!), authToken);
        var sent = await client.CreateMessageAsync(credentials, new TwilioMessageRequest
        {
            To = recipient,
            From = from,
            MessagingServiceSid = Sid.Normalize(messagingServiceSid!),
            Body = body,
        }, cancellationToken);

        if (sent.Succeeded)
        {
            LogTestMessageSent(logger, credentials.AccountSid, sent.Value!.Sid, sent.Value.Status);
            return TwilioSendOutcome.Success(sent.Value.Sid, sent.Value.Status);
        }

        var (key, args) = TwilioErrorText.ForFailure(sent.Failure);
        LogTestMessageFailed(logger, credentials.AccountSid, sent.Failure.Kind, sent.Failure.Code);
        return TwilioSendOutcome.Failure(sent.Failure.Kind, sent.Failure.Code, key, args);
    }

    /// <summary>Null when the number or short code is found; a NotFound failure without HTTP status when it is not.</summary>
    private async Task<TwilioFailure?> CheckInboundNumberAsync(TwilioApiCredentials credentials, string? serviceSid, string number,
        CancellationToken cancellationToken)
    {
        var notFound = new TwilioFailure(TwilioFailureKind.NotFound);
        if (PhoneNumberRules.IsShortCode(number))
        {
            var shortCode = await client.FindShortCodeAsync(credentials, number, cancellationToken);
            if (!shortCode.Succeeded || shortCode.Value is not null || serviceSid is null)
            {
                return shortCode.Succeeded ? (shortCode.Value is null ? notFound : null) : shortCode.Failure;
            }

            var pooled = await client.FindServiceShortCodeAsync(credentials, serviceSid, number, cancellationToken);
            return pooled.Succeeded ? (pooled.Value is null ? notFound : null) : pooled.Failure;
        }

        var incoming = await client.FindIncomingPhoneNumberAsync(credentials, number, cancellationToken);
        if (!incoming.Succeeded || incoming.Value is not null || serviceSid is null)
        {
            return incoming.Succeeded ? (incoming.Value is null ? notFound : null) : incoming.Failure;
        }

        var pool = await client.FindServicePhoneNumberAsync(credentials, serviceSid, number, cancellationToken);
        return pool.Succeeded ? (pool.Value is null ? notFound : null) : pool.Failure;
    }

    /// <summary>A failure that is not one of the expected answers: unreachable, or a refusal shown on <paramref name="field"/>.</summary>
    private TwilioVerification Other(string? accountSid, TwilioFailure failure, string field, List<FieldError>? earlier = null)
    {
        if (failure.Kind is TwilioFailureKind.Unreachable or TwilioFailureKind.RateLimited)
        {
            var (key, args) = TwilioErrorText.ForFailure(failure);
            LogUnreachable(logger, accountSid, failure.Kind, failure.HttpStatus, failure.Code);
            return TwilioVerification.Unreachable(key, args);
        }

        var errors = earlier ?? [];
        errors.Add(failure.Kind == TwilioFailureKind.Unauthorized
            ? new FieldError(AuthTokenField, TwilioErrorText.WrongCredentials)
            : Describe(field, failure));
        return Rejected(accountSid, errors);
    }

    private static FieldError Describe(string field, TwilioFailure failure)
    {
        var (key, args) = TwilioErrorText.ForFailure(failure);
        return new FieldError(field, key, args);
    }

    private TwilioVerification Rejected(string? accountSid, List<FieldError> errors)
    {
        LogRejected(logger, accountSid, string.Join(", ", errors.Select(e => e.Field.Length == 0 ? "(form)" : e.Field)));
        return TwilioVerification.Rejected(errors);
    }

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "Twilio account {AccountSid} verified ({AccountType})")]
    private static partial void LogVerified(ILogger logger, string accountSid, TwilioAccountType accountType);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Information, Message = "Twilio account {AccountSid} not verified: {Fields}")]
    private static partial void LogRejected(ILogger logger, string? accountSid, string fields);

    [LoggerMessage(EventId = 4113, Level = LogLevel.Warning,
        Message = "Twilio account {AccountSid} could not be verified: {FailureKind} (HTTP {StatusCode}, Twilio error {TwilioCode})")]
    private static partial void LogUnreachable(ILogger logger, string? accountSid, TwilioFailureKind failureKind, int? statusCode, int? twilioCode);

    [LoggerMessage(EventId = 4114, Level = LogLevel.Information, Message = "Twilio test message {MessageSid} sent for account {AccountSid}: {Status}")]
    private static partial void LogTestMessageSent(ILogger logger, string accountSid, string messageSid, string? status);

    [LoggerMessage(EventId = 4115, Level = LogLevel.Information,
        Message = "Twilio test message for account {AccountSid} failed: {FailureKind}, Twilio error {TwilioCode}")]
    private static partial void LogTestMessageFailed(ILogger logger, string accountSid, TwilioFailureKind failureKind, int? twilioCode);
}
