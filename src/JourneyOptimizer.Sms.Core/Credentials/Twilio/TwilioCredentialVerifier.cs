using JourneyOptimizer.Sms.Core.Common;
using Microsoft.Extensions.Logging;

namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>
/// The checks of PRODUCT.md 3.1 against Twilio's REST API: the account exists and is active, the token
/// authenticates, the Messaging Service exists in that account, and the inbound number (or short code) belongs to the
/// account or to the service's sender pool. Also sends the "Verify SMS connection" test message.
/// </summary>
/// <remarks>
/// With an API key the portal does not read the account: a Standard or Restricted key may not fetch
/// <c>/Accounts/{AccountSid}.json</c> (Twilio answers 403, error 20403). The key is proven by what a Standard key may
/// do and the portal needs anyway: fetching the Messaging Service of the account (which also shows that the key
/// belongs to that account) and finding the inbound number. An Auth Token adds the account itself: that it exists, is
/// active (not suspended or closed) and whether it is a trial account. So when an API-key credential also has the Auth
/// Token (for its webhooks), the token is checked with the account first, as with the Auth Token method.
/// </remarks>
public sealed partial class TwilioCredentialVerifier(ITwilioClient client, ILogger<TwilioCredentialVerifier> logger)
{
    public const string AccountNotFound = "Twilio has no account with this Account SID.";
    public const string AccountSuspended = "This Twilio account is suspended.";
    public const string AccountClosed = "This Twilio account is closed.";
    public const string AccountNotActive = "This Twilio account is not active (status: {0}).";
    public const string ServiceNotInAccount = "This Messaging Service does not exist in this Twilio account.";
    public const string NumberNotInAccount = "This number does not belong to this Twilio account or to its Messaging Service.";
    public const string ShortCodeNotInAccount = "This short code does not belong to this Twilio account or to its Messaging Service.";
    public const string WrongApiKey = "Twilio did not accept this API key: check its SID and secret, and that the key belongs to this account.";

    // The format messages of TwilioCredentialInputValidator, reused so that they need no new translation.
    public const string AccountSidFormat = "The Account SID must be AC followed by 32 hexadecimal characters.";
    public const string AuthTokenMissing = "Enter the Auth Token.";
    public const string MessagingServiceSidFormat = "The Message SID must be MG followed by 32 hexadecimal characters.";
    public const string InboundNumberFormat = "Enter the inbound number in international format (for example +14155550100) or a short code of 3 to 8 digits.";

    private const string AccountSidField = nameof(TwilioCredentialInput.AccountSid);
    private const string AuthTokenField = nameof(TwilioCredentialInput.AuthToken);
    private const string ApiKeySidField = nameof(TwilioCredentialInput.ApiKeySid);
    private const string ApiKeySecretField = nameof(TwilioCredentialInput.ApiKeySecret);
    private const string ServiceField = nameof(TwilioCredentialInput.MessagingServiceSid);
    private const string NumberField = nameof(TwilioCredentialInput.InboundNumber);

    /// <summary>Every sentence <see cref="VerifyAsync"/> can produce besides those of <see cref="TwilioErrorText"/>.</summary>
    public static IReadOnlyList<string> AllKeys { get; } =
    [
        AccountNotFound, AccountSuspended, AccountClosed, AccountNotActive, ServiceNotInAccount, NumberNotInAccount,
        ShortCodeNotInAccount, WrongApiKey, AccountSidFormat, AuthTokenMissing, MessagingServiceSidFormat, InboundNumberFormat,
        TwilioCredentialInputValidator.ApiKeySidFormatMessage, TwilioCredentialInputValidator.ApiKeySecretRequiredMessage,
    ];

    /// <summary>The checks of a credential that signs in with its Auth Token.</summary>
    public Task<TwilioVerification> VerifyAsync(string accountSid, string authToken, string messagingServiceSid,
        string inboundNumber, CancellationToken cancellationToken) =>
        VerifyAsync(accountSid, authToken, apiKeySid: null, apiKeySecret: null, messagingServiceSid, inboundNumber, cancellationToken);

    /// <summary>
    /// The checks of a credential: with <paramref name="apiKeySid"/> it signs in with that API key (and
    /// <paramref name="authToken"/>, optional then, is checked against the account when given); else with the Auth Token.
    /// Errors name the input's fields (<c>AuthToken</c>, <c>ApiKeySid</c>, <c>ApiKeySecret</c>, ...).
    /// </summary>
    public async Task<TwilioVerification> VerifyAsync(string accountSid, string? authToken, string? apiKeySid, string? apiKeySecret,
        string messagingServiceSid, string inboundNumber, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var withApiKey = apiKeySid is not null;
        if (!Sid.IsValid(accountSid?.Trim(), "AC"))
        {
            errors.Add(new FieldError(AccountSidField, AccountSidFormat));
        }

        if (!withApiKey && string.IsNullOrWhiteSpace(authToken))
        {
            errors.Add(new FieldError(AuthTokenField, AuthTokenMissing));
        }

        if (withApiKey && !Sid.IsValid(apiKeySid!.Trim(), "SK"))
        {
            errors.Add(new FieldError(ApiKeySidField, TwilioCredentialInputValidator.ApiKeySidFormatMessage));
        }

        if (withApiKey && string.IsNullOrWhiteSpace(apiKeySecret))
        {
            errors.Add(new FieldError(ApiKeySecretField, TwilioCredentialInputValidator.ApiKeySecretRequiredMessage));
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

        var normalizedAccountSid = Sid.Normalize(accountSid!);
        var credentials = withApiKey
            ? TwilioApiCredentials.WithApiKey(normalizedAccountSid, Sid.Normalize(apiKeySid!), apiKeySecret!)
            : new TwilioApiCredentials(normalizedAccountSid, authToken!);
        var serviceSid = Sid.Normalize(messagingServiceSid!);
        var wrongCredentials = withApiKey ? new FieldError(ApiKeySecretField, WrongApiKey) : new FieldError(AuthTokenField, TwilioErrorText.WrongCredentials);

        // 1. The account exists, is active, and the Auth Token authenticates (Twilio answers 20003 for both a wrong
        //    pair and a suspended or closed account). Only with an Auth Token: an API key may not read the account.
        TwilioAccount? account = null;
        if (!string.IsNullOrWhiteSpace(authToken))
        {
            var fetched = await client.FetchAccountAsync(new TwilioApiCredentials(normalizedAccountSid, authToken), cancellationToken);
            if (!fetched.Succeeded)
            {
                return fetched.Failure.Kind switch
                {
                    TwilioFailureKind.Unauthorized => Rejected(normalizedAccountSid, [new FieldError(AuthTokenField, TwilioErrorText.WrongCredentials)]),
                    TwilioFailureKind.NotFound => Rejected(normalizedAccountSid, [new FieldError(AccountSidField, AccountNotFound)]),
                    _ => Other(normalizedAccountSid, fetched.Failure, FieldError.FormLevel, wrongCredentials),
                };
            }

            account = fetched.Value!;
            var status = account.Status switch
            {
                TwilioAccountStatus.Active => null,
                TwilioAccountStatus.Suspended => new FieldError(FieldError.FormLevel, AccountSuspended),
                TwilioAccountStatus.Closed => new FieldError(FieldError.FormLevel, AccountClosed),
                _ => new FieldError(FieldError.FormLevel, AccountNotActive, account.StatusText ?? "unknown"),
            };
            if (status is not null)
            {
                return Rejected(normalizedAccountSid, [status]);
            }
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
                return Other(credentials.AccountSid, service.Failure, ServiceField, wrongCredentials, errors);
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
            return Other(credentials.AccountSid, numberCheck, NumberField, wrongCredentials);
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

        LogVerified(logger, credentials.AccountSid, account?.Type ?? TwilioAccountType.Unknown);
        return TwilioVerification.Verified(account?.Type ?? TwilioAccountType.Unknown, account?.FriendlyName);
    }

    /// <summary>
    /// Sends a real test message through the Messaging Service, from the inbound number, to <paramref name="to"/>.
    /// </summary>
    public Task<TwilioSendOutcome> SendTestMessageAsync(string accountSid, string authToken, string messagingServiceSid,
        string inboundNumber, string to, string body, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(authToken) || !Sid.IsValid(accountSid?.Trim(), "AC")
            ? Task.FromResult(TwilioSendOutcome.Failure(TwilioFailureKind.InvalidRequest, null, TwilioErrorText.IncompleteRequest))
            : SendTestMessageAsync(new TwilioApiCredentials(Sid.Normalize(accountSid!), authToken), messagingServiceSid, inboundNumber, to,
                body, cancellationToken);

    /// <summary>
    /// Sends a message through the Messaging Service, from <paramref name="inboundNumber"/>, to <paramref name="to"/>,
    /// signed in with <paramref name="credentials"/> (the Auth Token or an API key).
    /// </summary>
    public async Task<TwilioSendOutcome> SendTestMessageAsync(TwilioApiCredentials credentials, string messagingServiceSid,
        string inboundNumber, string to, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var recipient = PhoneNumberRules.TryNormalizeE164(to);
        if (recipient is null)
        {
            return TwilioSendOutcome.Failure(TwilioFailureKind.InvalidRequest, null, TwilioErrorText.InvalidTo);
        }

        // A channel configuration may send from an alphanumeric sender ID (enabled on the Messaging Service).
        var from = PhoneNumberRules.TryNormalizeNumberOrShortCode(inboundNumber)
            ?? (PhoneNumberRules.IsAlphanumericSender(inboundNumber) ? inboundNumber.Trim() : null);
        if (string.IsNullOrWhiteSpace(body) || from is null || !Sid.IsValid(credentials.AccountSid, "AC")
            || !Sid.IsValid(messagingServiceSid?.Trim(), "MG") || string.IsNullOrWhiteSpace(credentials.Secret))
        {
            return TwilioSendOutcome.Failure(TwilioFailureKind.InvalidRequest, null, TwilioErrorText.IncompleteRequest);
        }

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

    /// <summary>
    /// A failure that is not one of the expected answers: unreachable, credentials refused (<paramref name="wrongCredentials"/>),
    /// or a refusal shown on <paramref name="field"/>.
    /// </summary>
    private TwilioVerification Other(string? accountSid, TwilioFailure failure, string field, FieldError wrongCredentials,
        List<FieldError>? earlier = null)
    {
        if (failure.Kind is TwilioFailureKind.Unreachable or TwilioFailureKind.RateLimited)
        {
            var (key, args) = TwilioErrorText.ForFailure(failure);
            LogUnreachable(logger, accountSid, failure.Kind, failure.HttpStatus, failure.Code);
            return TwilioVerification.Unreachable(key, args);
        }

        var errors = earlier ?? [];
        errors.Add(failure.Kind == TwilioFailureKind.Unauthorized ? wrongCredentials : Describe(field, failure));
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
