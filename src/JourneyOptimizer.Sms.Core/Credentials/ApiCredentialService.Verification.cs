using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>
/// What goes through the provider: verifying a stored credential, "Verify SMS connection", and the sender checks and
/// sends of channel configurations (which never see a secret). The credential's vendor does the talking.
/// </summary>
public sealed partial class ApiCredentialService
{
    /// <summary>
    /// Re-runs the provider check of a stored credential and records the outcome (Verified or Failed with the
    /// reason). When the provider cannot be reached the stored status is kept and the answer says so; a vendor without
    /// a check of its own (verified by a test message) answers <see cref="CredentialOutcome.Invalid"/> with the reason.
    /// </summary>
    public async Task<CredentialResult> VerifyAsync(int sandboxId, int id, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var credential = await db.ApiCredentials.FirstOrDefaultAsync(c => c.Id == id && c.SandboxId == sandboxId, cancellationToken);
        if (credential is null)
        {
            return CredentialResult.Fail(CredentialOutcome.NotFound);
        }

        var verification = await vendors[credential.Vendor].VerifyAsync(credential, cancellationToken);
        switch (verification.Outcome)
        {
            case VendorVerificationOutcome.NotChecked:
                return new CredentialResult(CredentialOutcome.Invalid, id, verification.Errors);
            case VendorVerificationOutcome.Unreachable:
                return new CredentialResult(CredentialOutcome.ProviderUnreachable, id, verification.Errors);
        }

        var verified = verification.Outcome == VendorVerificationOutcome.Verified;
        var before = credential.VerificationStatus;
        credential.VerificationStatus = verified ? VerificationStatus.Verified : VerificationStatus.Failed;
        credential.LastVerifiedAtUtc = time.GetUtcNow().UtcDateTime;
        credential.LastVerificationError = verified ? null : StoredMessage.Encode(verification.Errors[0], ReasonLength);
        if (verified)
        {
            credential.AccountType = verification.AccountType;
        }

        audit.Record(actor, sandboxId, AuditObjectType, Invariant(id), credential.Name, AuditLog.Actions.Verified,
            [new AuditChange("VerificationStatus", before.ToString(), credential.VerificationStatus.ToString())]);

        // Verification is not an edit: it neither needs nor bumps the concurrency version.
        await db.SaveChangesAsync(cancellationToken);
        return verified
            ? new CredentialResult(CredentialOutcome.Verified, id)
            : new CredentialResult(CredentialOutcome.ProviderRejected, id, verification.Errors);
    }

    /// <summary>
    /// "Verify SMS connection": sends a real message through the provider and returns its answer, from
    /// <paramref name="from"/> when the vendor asks for a sender, else from the credential's own number. A credential
    /// of a vendor verified by test messages is marked Verified by a message the provider accepts, Failed by one it
    /// refuses.
    /// </summary>
    public async Task<TestMessageResult> SendTestAsync(int sandboxId, int id, string? from, string to, string message, Actor actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var credential = await db.ApiCredentials.FirstOrDefaultAsync(c => c.Id == id && c.SandboxId == sandboxId, cancellationToken);
        if (credential is null)
        {
            return TestMessageResult.NotFound;
        }

        var vendor = vendors[credential.Vendor];
        var result = await vendor.SendTestAsync(credential, from, to, message, cancellationToken);
        if (vendor.VerifiedByTestMessage)
        {
            credential.VerificationStatus = result.Sent ? VerificationStatus.Verified : VerificationStatus.Failed;
            credential.LastVerifiedAtUtc = time.GetUtcNow().UtcDateTime;
            credential.LastVerificationError = result.Sent ? null
                : StoredMessage.Encode(result.ErrorKey ?? "", result.ErrorArguments ?? [], ReasonLength);
        }

        audit.Record(actor, sandboxId, AuditObjectType, Invariant(id), credential.Name, AuditLog.Actions.TestMessageSent,
            [new AuditChange("Outcome", null, result.Sent ? $"sent {result.MessageId}" : $"failed {result.ErrorCode}")]);
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    /// <summary>Whether <paramref name="senderNumber"/> can send with this credential (the vendor's rules).</summary>
    public async Task<SenderCheckResult> CheckSenderAsync(int sandboxId, int credentialId, string senderNumber,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(senderNumber);
        var credential = await db.ApiCredentials.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == credentialId && c.SandboxId == sandboxId, cancellationToken);
        return credential is null
            ? new SenderCheckResult(SenderCheckOutcome.NotFound, [new FieldError(SenderCheckResult.CredentialField, SenderCheckResult.CredentialMissing)])
            : await vendors[credential.Vendor].CheckSenderAsync(credential, senderNumber, cancellationToken);
    }

    /// <summary>
    /// Sends one message with this credential from <paramref name="from"/> (a channel configuration's sender number,
    /// which overrides a credential's own number). Changes nothing stored: the caller records it.
    /// </summary>
    public async Task<TestMessageResult> SendFromAsync(int sandboxId, int credentialId, string from, string to, string message,
        CancellationToken cancellationToken)
    {
        var credential = await db.ApiCredentials.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == credentialId && c.SandboxId == sandboxId, cancellationToken);
        return credential is null
            ? TestMessageResult.NotFound
            : await vendors[credential.Vendor].SendAsync(credential, from, to, message, cancellationToken);
    }
}
