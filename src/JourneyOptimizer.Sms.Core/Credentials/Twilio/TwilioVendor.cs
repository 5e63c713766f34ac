using FluentValidation;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Security;
using JourneyOptimizer.Sms.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>
/// Twilio as a credential vendor: an account (Account SID and Auth Token), its Messaging Service and the sandbox's own
/// inbound number. Twilio checks every save (account, token, service, number), sends from the inbound number, and
/// signs its webhooks with the Auth Token. The inbound number is unique with its account across sandboxes, so that an
/// inbound message resolves to one sandbox.
/// </summary>
public sealed class TwilioVendor(IValidator<TwilioCredentialInput> validator, TwilioCredentialVerifier verifier, ISecretProtector protector)
    : CredentialVendor<TwilioCredential, TwilioCredentialInput>(validator)
{
    public const string NumberTakenMessage =
        "This inbound number is already used with this Account SID (in this or another sandbox). Each sandbox needs its own inbound number.";

    private const string AuthTokenField = nameof(TwilioCredentialInput.AuthToken);

    public override SmsVendor Vendor => SmsVendor.Twilio;

    public override IReadOnlyList<string> SecretFields { get; } = [AuthTokenField];

    public override VendorWebhooks Webhooks { get; } = new TwilioWebhooks(protector);

    protected override TwilioCredentialInput ToInput(TwilioCredential credential) => new()
    {
        AccountSid = credential.AccountSid,
        MessagingServiceSid = credential.MessagingServiceSid,
        InboundNumber = credential.InboundNumber,
    };

    protected override IReadOnlyDictionary<string, string> SecretHints(TwilioCredential credential) =>
        new Dictionary<string, string> { [AuthTokenField] = credential.AuthTokenHint };

    protected override IEnumerable<FieldError> ValidateNew(TwilioCredentialInput input)
    {
        if (string.IsNullOrWhiteSpace(input.AuthToken))
        {
            yield return new FieldError(AuthTokenField, TwilioCredentialVerifier.AuthTokenMissing);
        }
    }

    protected override CredentialDraft Prepare(TwilioCredentialInput input, TwilioCredential? stored)
    {
        var token = string.IsNullOrWhiteSpace(input.AuthToken) ? null : input.AuthToken.Trim();
        if (token is not null && stored is not null && string.Equals(protector.Unprotect(stored.AuthTokenProtected), token, StringComparison.Ordinal))
        {
            token = null;
        }

        if (token is null && stored is null)
        {
            return CredentialDraft.Invalid([new FieldError(AuthTokenField, TwilioCredentialVerifier.AuthTokenMissing)]);
        }

        var number = PhoneNumberRules.TryNormalizeNumberOrShortCode(input.InboundNumber)!;
        var credential = new TwilioCredential
        {
            AccountSid = Sid.Normalize(input.AccountSid!),
            AuthTokenProtected = token is null ? stored!.AuthTokenProtected : protector.Protect(token),
            AuthTokenHint = token is null ? stored!.AuthTokenHint : ISecretProtector.Hint(token),
            MessagingServiceSid = Sid.Normalize(input.MessagingServiceSid!),
            InboundNumber = number,
            Address = number,
        };
        return CredentialDraft.Of(credential, token is null ? [] : [AuthTokenField]);
    }

    protected override IReadOnlyDictionary<string, string?> Snapshot(TwilioCredential credential) => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        [nameof(TwilioCredentialInput.AccountSid)] = credential.AccountSid,
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
        var verification = await verifier.VerifyAsync(credential.AccountSid, protector.Unprotect(credential.AuthTokenProtected),
            credential.MessagingServiceSid, credential.InboundNumber, cancellationToken);
        return verification.Outcome switch
        {
            TwilioVerificationOutcome.Verified => VendorVerification.Verified(verification.AccountType.ToString()),
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
        var outcome = await verifier.SendTestMessageAsync(credential.AccountSid, protector.Unprotect(credential.AuthTokenProtected),
            credential.MessagingServiceSid, from, recipient, message, cancellationToken);
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
        var verification = await verifier.VerifyAsync(credential.AccountSid, protector.Unprotect(credential.AuthTokenProtected),
            credential.MessagingServiceSid, number, cancellationToken);
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
}
