using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>What one scheduled re-check of a credential came to.</summary>
public enum RecheckOutcome
{
    Verified,
    Failed,

    /// <summary>The provider could not be reached or asked to wait (429): the status is kept, the check retried later.</summary>
    Unreachable,

    /// <summary>The vendor has no check of its own (verified by test messages): nothing to do.</summary>
    NotChecked,

    NotFound,

    /// <summary>The credential was edited while it was checked: the edit's own verification stands.</summary>
    Stale,
}

public sealed partial class ApiCredentialService
{
    /// <summary>The audit action of a scheduled re-check that changed a credential's status or its reason.</summary>
    public const string RecheckedAction = "Rechecked";

    /// <summary>
    /// The scheduled re-check of a credential (by the system, in any sandbox): the vendor's verification, as
    /// <see cref="VerifyAsync"/> runs it, recorded with its time and reason; a change of status or reason is audited.
    /// The next check is due at <paramref name="nextCheckAtUtc"/>, or at <paramref name="retryAtUtc"/> when the provider
    /// could not be reached.
    /// </summary>
    public async Task<RecheckOutcome> RecheckAsync(int id, DateTime nextCheckAtUtc, DateTime retryAtUtc, CancellationToken cancellationToken)
    {
        var credential = await db.ApiCredentials.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (credential is null)
        {
            return RecheckOutcome.NotFound;
        }

        var verification = await vendors[credential.Vendor].VerifyAsync(credential, cancellationToken);
        var outcome = verification.Outcome switch
        {
            VendorVerificationOutcome.Verified => RecheckOutcome.Verified,
            VendorVerificationOutcome.Rejected => RecheckOutcome.Failed,
            VendorVerificationOutcome.Unreachable => RecheckOutcome.Unreachable,
            _ => RecheckOutcome.NotChecked,
        };
        credential.NextCheckAtUtc = outcome == RecheckOutcome.Unreachable ? retryAtUtc : nextCheckAtUtc;
        if (outcome is RecheckOutcome.Verified or RecheckOutcome.Failed)
        {
            var verified = outcome == RecheckOutcome.Verified;
            var (status, reason) = (credential.VerificationStatus, credential.LastVerificationError);
            credential.VerificationStatus = verified ? VerificationStatus.Verified : VerificationStatus.Failed;
            credential.LastVerifiedAtUtc = time.GetUtcNow().UtcDateTime;
            credential.LastVerificationError = verified ? null : StoredMessage.Encode(verification.Errors[0], ReasonLength);
            if (verified)
            {
                credential.AccountType = verification.AccountType;
            }

            if (status != credential.VerificationStatus || reason != credential.LastVerificationError)
            {
                List<AuditChange> changes = [new("VerificationStatus", status.ToString(), credential.VerificationStatus.ToString())];
                if (!verified)
                {
                    changes.Add(new AuditChange("Reason", reason, credential.LastVerificationError));
                }

                audit.Record(Actor.System, credential.SandboxId, AuditObjectType, Invariant(id), credential.Name, RecheckedAction, changes);
            }
        }

        try
        {
            // Not an edit: the version is the guard (an edit meanwhile wins), not bumped.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return RecheckOutcome.Stale;
        }

        return outcome;
    }
}
