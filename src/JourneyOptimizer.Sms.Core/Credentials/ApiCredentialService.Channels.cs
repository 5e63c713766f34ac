using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>What <see cref="ApiCredentialService.CheckSenderAsync"/> found.</summary>
public enum SenderCheckOutcome
{
    Passed,
    Rejected,
    Unreachable,
    NotFound,
}

/// <summary>
/// The answer of a sender check, with the reasons on <see cref="CredentialField"/>, <see cref="SenderField"/> or the
/// whole form (English localization keys).
/// </summary>
public sealed record SenderCheckResult(SenderCheckOutcome Outcome, IReadOnlyList<FieldError> Errors)
{
    public const string CredentialField = "ApiCredentialId";
    public const string SenderField = "SenderNumber";

    public const string CustomIncomplete = "The configuration of this Custom API credential is incomplete: edit the credential and submit it again.";
    public const string CredentialMissing = "The API credential of this configuration no longer exists.";
}

/// <summary>The checks and the sending path channel configurations use; secrets stay inside this service.</summary>
public sealed partial class ApiCredentialService
{
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
}
