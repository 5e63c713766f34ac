using FluentValidation;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Security;
using JourneyOptimizer.Sms.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>
/// Twilio as a credential vendor: an account (Account SID, and its Auth Token or an API key), its Messaging Service and
/// the sandbox's own inbound number. Twilio checks every save (<see cref="TwilioCredentialVerifier"/>), sends from the
/// inbound number, and signs its webhooks with the Auth Token (so an API-key credential keeps the Auth Token only for
/// its webhooks). The inbound number is unique with its account across sandboxes, so that an inbound message resolves
/// to one sandbox.
/// </summary>
public sealed class TwilioVendor(IValidator<TwilioCredentialInput> validator, TwilioCredentialVerifier verifier, ISecretProtector protector,
    ITwilioClient client)
    : CredentialVendor<TwilioCredential, TwilioCredentialInput>(validator), IProviderCallbacks
{
    public const string NumberTakenMessage =
        "This inbound number is already used with this Account SID (in this or another sandbox). Each sandbox needs its own inbound number.";

    private const string AuthTokenField = nameof(TwilioCredentialInput.AuthToken);
    private const string ApiKeySecretField = nameof(TwilioCredentialInput.ApiKeySecret);

    public override SmsVendor Vendor => SmsVendor.Twilio;

    public override IReadOnlyList<string> SecretFields { get; } = [AuthTokenField, ApiKeySecretField];

    public override VendorWebhooks Webhooks { get; } = new TwilioWebhooks(protector);

    public override IReadOnlyDictionary<string, string> FieldLabels { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(TwilioCredentialInput.AccountSid)] = "Account SID",
        [nameof(TwilioCredentialInput.AuthMethod)] = "Authentication",
        [nameof(TwilioCredentialInput.AuthToken)] = "Auth Token",
        [nameof(TwilioCredentialInput.ApiKeySid)] = "API key SID",
        [nameof(TwilioCredentialInput.ApiKeySecret)] = "API key secret",
        [nameof(TwilioCredentialInput.MessagingServiceSid)] = "Message SID",
        [nameof(TwilioCredentialInput.InboundNumber)] = "Inbound Number",
    };

    protected override TwilioCredentialInput ToInput(TwilioCredential credential) => new()
    {
        AccountSid = credential.AccountSid,
        AuthMethod = credential.AuthMethod,
        ApiKeySid = credential.ApiKeySid,
        MessagingServiceSid = credential.MessagingServiceSid,
        InboundNumber = credential.InboundNumber,
    };

    protected override IReadOnlyDictionary<string, string> SecretHints(TwilioCredential credential)
    {
        var hints = new Dictionary<string, string>(StringComparer.Ordinal);
        if (credential.AuthTokenHint is { } token)
        {
            hints[AuthTokenField] = token;
        }

        if (credential.ApiKeySecretHint is { } secret)
        {
            hints[ApiKeySecretField] = secret;
        }

        return hints;
    }

    /// <summary>A new credential needs the secret of its method: the Auth Token, or the API key secret.</summary>
    protected override IEnumerable<FieldError> ValidateNew(TwilioCredentialInput input)
    {
        if (input.AuthMethod == TwilioAuthMethod.ApiKey)
        {
            if (string.IsNullOrWhiteSpace(input.ApiKeySecret))
            {
                yield return new FieldError(ApiKeySecretField, TwilioCredentialInputValidator.ApiKeySecretRequiredMessage);
            }
        }
        else if (string.IsNullOrWhiteSpace(input.AuthToken))
        {
            yield return new FieldError(AuthTokenField, TwilioCredentialVerifier.AuthTokenMissing);
        }
    }

    /// <summary>
    /// The draft: a blank secret keeps the stored one (the API key secret only while the key SID stays the same); a
    /// secret typed equal to the stored one is no change; the API key method drops no Auth Token (its webhooks may need
    /// it), the Auth Token method drops the key.
    /// </summary>
    protected override CredentialDraft Prepare(TwilioCredentialInput input, TwilioCredential? stored)
    {
        var withApiKey = input.AuthMethod == TwilioAuthMethod.ApiKey;
        var keySid = withApiKey ? Sid.Normalize(input.ApiKeySid!) : null;
        var token = Secret(input.AuthToken, stored?.AuthTokenProtected, stored?.AuthTokenHint);
        var keySecret = withApiKey
            ? Secret(input.ApiKeySecret, stored?.ApiKeySid == keySid ? stored?.ApiKeySecretProtected : null, stored?.ApiKeySecretHint)
            : null;
        if (!withApiKey && token is null)
        {
            return CredentialDraft.Invalid([new FieldError(AuthTokenField, TwilioCredentialVerifier.AuthTokenMissing)]);
        }

        if (withApiKey && keySecret is null)
        {
            return CredentialDraft.Invalid([new FieldError(ApiKeySecretField, TwilioCredentialInputValidator.ApiKeySecretRequiredMessage)]);
        }

        var number = PhoneNumberRules.TryNormalizeNumberOrShortCode(input.InboundNumber)!;
        var credential = new TwilioCredential
        {
            AccountSid = Sid.Normalize(input.AccountSid!),
            AuthMethod = input.AuthMethod,
            AuthTokenProtected = token?.Protected,
            AuthTokenHint = token?.Hint,
            ApiKeySid = keySid,
            ApiKeySecretProtected = keySecret?.Protected,
            ApiKeySecretHint = keySecret?.Hint,
            MessagingServiceSid = Sid.Normalize(input.MessagingServiceSid!),
            InboundNumber = number,
            Address = number,
        };
        List<string> changed = [];
        if (credential.AuthTokenProtected != stored?.AuthTokenProtected)
        {
            changed.Add(AuthTokenField);
        }

        if (credential.ApiKeySecretProtected != stored?.ApiKeySecretProtected)
        {
            changed.Add(ApiKeySecretField);
        }

        return CredentialDraft.Of(credential, changed);
    }

    /// <summary>The secret to store: the one typed (protected), else the stored one; null when there is neither.</summary>
    private ProtectedSecret? Secret(string? typed, string? storedProtected, string? storedHint)
    {
        storedProtected = string.IsNullOrEmpty(storedProtected) ? null : storedProtected;
        var value = string.IsNullOrWhiteSpace(typed) ? null : typed.Trim();
        if (value is null || (storedProtected is not null && string.Equals(protector.Unprotect(storedProtected), value, StringComparison.Ordinal)))
        {
            return storedProtected is null ? null : new ProtectedSecret(storedProtected, storedHint ?? "");
        }

        return new ProtectedSecret(protector.Protect(value), ISecretProtector.Hint(value));
    }

    protected override void ClearSecrets(TwilioCredential copy)
    {
        (copy.AuthTokenProtected, copy.AuthTokenHint) = (null, null);
        (copy.ApiKeySecretProtected, copy.ApiKeySecretHint) = (null, null);
    }

    private sealed record ProtectedSecret(string Protected, string Hint);

    /// <summary>What one call to Twilio signs in with: the credential's API key, or its Auth Token.</summary>
    private TwilioApiCredentials SignIn(TwilioCredential credential) => credential.AuthMethod == TwilioAuthMethod.ApiKey
        ? TwilioApiCredentials.WithApiKey(credential.AccountSid, credential.ApiKeySid ?? "", Unprotect(credential.ApiKeySecretProtected))
        : new TwilioApiCredentials(credential.AccountSid, Unprotect(credential.AuthTokenProtected));

    private string Unprotect(string? protectedSecret) => protectedSecret is null ? "" : protector.Unprotect(protectedSecret);

    protected override IReadOnlyDictionary<string, string?> Snapshot(TwilioCredential credential) => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        [nameof(TwilioCredentialInput.AccountSid)] = credential.AccountSid,
        [nameof(TwilioCredentialInput.AuthMethod)] = credential.AuthMethod.ToString(),
        [nameof(TwilioCredentialInput.ApiKeySid)] = credential.ApiKeySid,
        [nameof(TwilioCredentialInput.MessagingServiceSid)] = credential.MessagingServiceSid,
        [nameof(TwilioCredentialInput.InboundNumber)] = credential.InboundNumber,
    };

    protected override async Task<FieldError?> FindConflictAsync(SmsDbContext db, TwilioCredential credential, CancellationToken cancellationToken) =>
        await db.Set<TwilioCredential>().AnyAsync(c => c.AccountSid == credential.AccountSid && c.InboundNumber == credential.InboundNumber
                && c.Id != credential.Id, cancellationToken)
            ? new FieldError(nameof(TwilioCredentialInput.InboundNumber), NumberTakenMessage)
            : null;

    protected override async Task<VendorVerification> VerifyAsync(TwilioCredential credential, CancellationToken cancellationToken)
    {
        var verification = await VerifyAsync(credential, credential.InboundNumber, cancellationToken);
        return verification.Outcome switch
        {
            TwilioVerificationOutcome.Verified => VendorVerification.Verified(
                verification.AccountType == TwilioAccountType.Unknown ? null : verification.AccountType.ToString()),
            TwilioVerificationOutcome.Rejected => VendorVerification.Rejected(verification.Errors),
            _ => VendorVerification.Unreachable(verification.Errors),
        };
    }

    /// <summary>Twilio sends a test message from the credential's inbound number.</summary>
    protected override Task<TestMessageResult> SendTestAsync(TwilioCredential credential, string? from, string recipient, string message,
        CancellationToken cancellationToken) =>
        SendAsync(credential, credential.InboundNumber, recipient, message, cancellationToken);

    protected override async Task<TestMessageResult> SendAsync(TwilioCredential credential, string from, string recipient, string message,
        CancellationToken cancellationToken)
    {
        var outcome = await verifier.SendTestMessageAsync(SignIn(credential), credential.MessagingServiceSid, from, recipient, message,
            cancellationToken);
        return outcome.Sent
            ? new TestMessageResult(true, outcome.MessageSid, outcome.Status)
            : new TestMessageResult(false, null, null, outcome.ErrorCode, outcome.MessageKey, outcome.MessageArguments,
                Transient: outcome.FailureKind is TwilioFailureKind.Unreachable or TwilioFailureKind.RateLimited);
    }

    /// <summary>
    /// The credential verifies (account, token, Messaging Service) and a number or short code belongs to the account or
    /// to the service's sender pool (an alphanumeric sender ID is configured in the Messaging Service and checked by
    /// Twilio when sending).
    /// </summary>
    protected override async Task<SenderCheckResult> CheckSenderAsync(TwilioCredential credential, string senderNumber,
        CancellationToken cancellationToken)
    {
        var number = PhoneNumberRules.TryNormalizeNumberOrShortCode(senderNumber) ?? credential.InboundNumber;
        var verification = await VerifyAsync(credential, number, cancellationToken);
        var errors = verification.Errors.Select(e => e with
        {
            Field = e.Field.Length == 0 ? FieldError.FormLevel
                : e.Field == nameof(TwilioCredentialInput.InboundNumber) ? SenderCheckResult.SenderField
                : SenderCheckResult.CredentialField,
        }).ToList();
        return verification.Outcome switch
        {
            TwilioVerificationOutcome.Verified => new SenderCheckResult(SenderCheckOutcome.Passed, []),
            TwilioVerificationOutcome.Rejected => new SenderCheckResult(SenderCheckOutcome.Rejected, errors),
            _ => new SenderCheckResult(SenderCheckOutcome.Unreachable, errors),
        };
    }

    /// <summary>Twilio's checks of a credential (with its API key, and its Auth Token when it has one) for a number.</summary>
    private Task<TwilioVerification> VerifyAsync(TwilioCredential credential, string number, CancellationToken cancellationToken) =>
        credential.AuthMethod == TwilioAuthMethod.ApiKey
            ? verifier.VerifyAsync(credential.AccountSid, credential.AuthTokenProtected is null ? null : Unprotect(credential.AuthTokenProtected),
                credential.ApiKeySid ?? "", Unprotect(credential.ApiKeySecretProtected), credential.MessagingServiceSid, number, cancellationToken)
            : verifier.VerifyAsync(credential.AccountSid, Unprotect(credential.AuthTokenProtected), credential.MessagingServiceSid, number,
                cancellationToken);

    /// <summary>Inbound webhooks are the Messaging Service's inbound request URL, Feedback its status callback.</summary>
    public string SettingName(WebhookType type) => type == WebhookType.Inbound ? "InboundRequestUrl" : "StatusCallback";

    /// <summary>Reads the Messaging Service (with the credential's API key or Auth Token, as every call).</summary>
    public async Task<ProviderCallbackResult> ReadAsync(ApiCredential credential, WebhookType type, CancellationToken cancellationToken)
    {
        var twilio = (TwilioCredential)credential;
        var service = await client.FetchMessagingServiceAsync(SignIn(twilio), twilio.MessagingServiceSid, cancellationToken);
        return service.Succeeded ? ProviderCallbackResult.Read(Setting(service.Value!, type)) : CallbackFailure(twilio, service.Failure);
    }

    /// <summary>Updates only the setting of <paramref name="type"/>: the other one stays as it is.</summary>
    public async Task<ProviderCallbackResult> PointAtAsync(ApiCredential credential, WebhookType type, Uri url, CancellationToken cancellationToken)
    {
        var twilio = (TwilioCredential)credential;
        var inbound = type == WebhookType.Inbound;
        var service = await client.UpdateMessagingServiceAsync(SignIn(twilio), twilio.MessagingServiceSid, inbound ? url : null,
            inbound ? null : url, cancellationToken);
        return service.Succeeded ? ProviderCallbackResult.Read(Setting(service.Value!, type)) : CallbackFailure(twilio, service.Failure);
    }

    private static string? Setting(TwilioMessagingService service, WebhookType type) =>
        type == WebhookType.Inbound ? service.InboundRequestUrl : service.StatusCallback;

    /// <summary>Twilio's refusal in plain words: the wrong key or token, a service not in the account, or its error code.</summary>
    private static ProviderCallbackResult CallbackFailure(TwilioCredential credential, TwilioFailure failure) => failure.Kind switch
    {
        TwilioFailureKind.Unauthorized when credential.AuthMethod == TwilioAuthMethod.ApiKey =>
            ProviderCallbackResult.Fail(TwilioCredentialVerifier.WrongApiKey, []),
        TwilioFailureKind.NotFound => ProviderCallbackResult.Fail(TwilioCredentialVerifier.ServiceNotInAccount, []),
        _ => FromErrorText(TwilioErrorText.ForFailure(failure)),
    };

    private static ProviderCallbackResult FromErrorText((string Key, object[] Args) text) => ProviderCallbackResult.Fail(text.Key, text.Args);
}
