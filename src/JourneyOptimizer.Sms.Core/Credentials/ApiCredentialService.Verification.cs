using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>
/// What goes through the provider: verifying a stored credential, "Verify SMS connection", and the sender checks and
/// sends of channel configurations (which never see a secret).
/// </summary>
public sealed partial class ApiCredentialService
{
    /// <summary>
    /// Re-runs the provider check of a stored credential and records the outcome (Verified or Failed with the
    /// reason). When the provider cannot be reached the stored status is kept and the answer says so.
    /// </summary>
    public async Task<CredentialResult> VerifyAsync(int sandboxId, int id, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var credential = await db.ApiCredentials.FirstOrDefaultAsync(c => c.Id == id && c.SandboxId == sandboxId, cancellationToken);
        if (credential is null)
        {
            return CredentialResult.Fail(CredentialOutcome.NotFound);
        }

        if (credential is not TwilioCredential twilio)
        {
            // A Custom provider has no account to check: a test message (Verify SMS connection) verifies it.
            return CredentialResult.Fail(CredentialOutcome.Invalid, new FieldError(FieldError.FormLevel,
                "A Custom provider is verified by a test message: use Verify SMS connection."));
        }

        var verification = await twilioVerifier.VerifyAsync(twilio.AccountSid, protector.Unprotect(twilio.AuthTokenProtected),
            twilio.MessagingServiceSid, twilio.InboundNumber, cancellationToken);
        if (verification.Outcome == TwilioVerificationOutcome.Unreachable)
        {
            return new CredentialResult(CredentialOutcome.ProviderUnreachable, id, verification.Errors);
        }

        var before = twilio.VerificationStatus;
        twilio.VerificationStatus = verification.IsVerified ? VerificationStatus.Verified : VerificationStatus.Failed;
        twilio.LastVerifiedAtUtc = time.GetUtcNow().UtcDateTime;
        twilio.LastVerificationError = verification.IsVerified ? null : Truncate(verification.Errors[0].Message, 500);
        if (verification.IsVerified)
        {
            twilio.AccountType = verification.AccountType.ToString();
        }

        audit.Record(actor, sandboxId, AuditObjectType, Invariant(id), twilio.Name, AuditLog.Actions.Verified,
            [new AuditChange("VerificationStatus", before.ToString(), twilio.VerificationStatus.ToString())]);

        // Verification is not an edit: it neither needs nor bumps the concurrency version.
        await db.SaveChangesAsync(cancellationToken);
        return verification.IsVerified
            ? new CredentialResult(CredentialOutcome.Verified, id)
            : new CredentialResult(CredentialOutcome.ProviderRejected, id, verification.Errors);
    }

    /// <summary>
    /// "Verify SMS connection": sends a real message through the provider and returns its answer. Twilio sends from
    /// the credential's inbound number; a Custom provider from <paramref name="from"/>. A Custom credential is marked
    /// Verified by a message the provider accepts, Failed by one it refuses.
    /// </summary>
    public async Task<TestMessageResult> SendTestMessageAsync(int sandboxId, int id, string? from, string to, string message, Actor actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var credential = await db.ApiCredentials
            .FirstOrDefaultAsync(c => c.Id == id && c.SandboxId == sandboxId, cancellationToken);
        TestMessageResult result;
        switch (credential)
        {
            case TwilioCredential twilio:
                {
                    var outcome = await twilioVerifier.SendTestMessageAsync(twilio.AccountSid, protector.Unprotect(twilio.AuthTokenProtected),
                        twilio.MessagingServiceSid, twilio.InboundNumber, to, message, cancellationToken);
                    result = outcome.Sent
                        ? new TestMessageResult(true, outcome.MessageSid, outcome.Status)
                        : new TestMessageResult(false, null, null, outcome.ErrorCode, outcome.MessageKey, outcome.MessageArguments);
                    break;
                }

            case CustomCredential custom:
                result = await SendCustomTestMessageAsync(custom, from ?? "", to, message, cancellationToken);
                custom.VerificationStatus = result.Sent ? VerificationStatus.Verified : VerificationStatus.Failed;
                custom.LastVerifiedAtUtc = time.GetUtcNow().UtcDateTime;
                custom.LastVerificationError = result.Sent ? null : Truncate(result.ErrorKey ?? "", 500);
                break;
            default:
                return TestMessageResult.NotFound;
        }

        audit.Record(actor, sandboxId, AuditObjectType, Invariant(id), credential.Name, AuditLog.Actions.TestMessageSent,
            [new AuditChange("Outcome", null, result.Sent ? $"sent {result.MessageId}" : $"failed {result.ErrorCode}")]);
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Whether <paramref name="senderNumber"/> can send with this credential. Twilio: the credential verifies (account,
    /// token, Messaging Service) and a number or short code belongs to the account or to the service's sender pool (an
    /// alphanumeric sender ID is configured in the Messaging Service and checked by Twilio when sending). Custom: the
    /// stored configuration is complete (required secrets stored) and its URLs pass the address rules.
    /// </summary>
    public async Task<SenderCheckResult> CheckSenderAsync(int sandboxId, int credentialId, string senderNumber,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(senderNumber);
        var credential = await db.ApiCredentials.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == credentialId && c.SandboxId == sandboxId, cancellationToken);
        switch (credential)
        {
            case TwilioCredential twilio:
                {
                    var number = PhoneNumberRules.TryNormalizeNumberOrShortCode(senderNumber) ?? twilio.InboundNumber;
                    var verification = await twilioVerifier.VerifyAsync(twilio.AccountSid, protector.Unprotect(twilio.AuthTokenProtected),
                        twilio.MessagingServiceSid, number, cancellationToken);
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

            case CustomCredential custom:
                {
                    var input = CustomCredentialMapper.ToInput(custom.Name, custom.Configuration());
                    var errors = ValidateCustom(input);
                    if (errors.Count == 0)
                    {
                        var secrets = CustomProviderSecrets.FromJson(protector.Unprotect(custom.SecretsProtected));
                        errors.AddRange(CustomCredentialMapper.Map(input, secrets).Errors);
                    }

                    return errors.Count == 0
                        ? new SenderCheckResult(SenderCheckOutcome.Passed, [])
                        : new SenderCheckResult(SenderCheckOutcome.Rejected,
                        [
                            new FieldError(SenderCheckResult.CredentialField, SenderCheckResult.CustomIncomplete),
                            .. errors.Select(e => new FieldError(SenderCheckResult.CredentialField, e.Message, e.Arguments)).Take(3),
                        ]);
                }

            default:
                return new SenderCheckResult(SenderCheckOutcome.NotFound,
                    [new FieldError(SenderCheckResult.CredentialField, SenderCheckResult.CredentialMissing)]);
        }
    }

    /// <summary>
    /// Sends one message with this credential from <paramref name="from"/> (a channel configuration's sender number,
    /// which overrides a Twilio credential's inbound number). Changes nothing stored: the caller records it.
    /// </summary>
    public async Task<TestMessageResult> SendFromAsync(int sandboxId, int credentialId, string from, string to, string message,
        CancellationToken cancellationToken)
    {
        var credential = await db.ApiCredentials.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == credentialId && c.SandboxId == sandboxId, cancellationToken);
        switch (credential)
        {
            case TwilioCredential twilio:
                {
                    var outcome = await twilioVerifier.SendTestMessageAsync(twilio.AccountSid, protector.Unprotect(twilio.AuthTokenProtected),
                        twilio.MessagingServiceSid, from, to, message, cancellationToken);
                    return outcome.Sent
                        ? new TestMessageResult(true, outcome.MessageSid, outcome.Status)
                        : new TestMessageResult(false, null, null, outcome.ErrorCode, outcome.MessageKey, outcome.MessageArguments);
                }

            case CustomCredential custom:
                return await SendCustomTestMessageAsync(custom, from, to, message, cancellationToken);
            default:
                return TestMessageResult.NotFound;
        }
    }

    private async Task<TestMessageResult> SendCustomTestMessageAsync(CustomCredential credential, string from, string to,
        string message, CancellationToken cancellationToken)
    {
        var secrets = CustomProviderSecrets.FromJson(protector.Unprotect(credential.SecretsProtected));
        var sent = await customClient.SendAsync(credential.Configuration(), secrets, from, to, message, cancellationToken);
        return sent.Succeeded
            ? new TestMessageResult(true, sent.MessageId, sent.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ErrorKey: sent.MessageId is null ? sent.Message : null, Excerpt: sent.ResponseExcerpt)
            : new TestMessageResult(false, null, sent.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                sent.StatusCode, sent.Message, sent.MessageArguments, sent.ResponseExcerpt);
    }
}
