using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>Deleting a credential, refused while a webhook or a channel configuration uses it.</summary>
public sealed partial class ApiCredentialService
{
    public Task<CredentialResult> DeleteAsync(int sandboxId, int id, Actor actor, CancellationToken cancellationToken) =>
        DeleteAsync(sandboxId, id, actor, expectedVersion: null, cancellationToken);

    /// <summary>
    /// Deletes the credential if it is still at <paramref name="expectedVersion"/> (when given; the REST API's
    /// <c>If-Match</c>): an edit that commits in between makes it a
    /// <see cref="CredentialOutcome.ConcurrencyConflict"/> instead of deleting what the caller has not seen.
    /// </summary>
    public async Task<CredentialResult> DeleteAsync(int sandboxId, int id, Actor actor, int? expectedVersion,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var credential = await db.ApiCredentials.FirstOrDefaultAsync(c => c.Id == id && c.SandboxId == sandboxId, cancellationToken);
        if (credential is null)
        {
            return CredentialResult.Fail(CredentialOutcome.NotFound);
        }

        // Version is a concurrency token: the DELETE's condition holds the version read here, so an edit committed after
        // this check fails the save instead of being deleted unseen.
        if (expectedVersion is { } expected && credential.Version != expected)
        {
            return ConcurrencyConflict() with { Id = id };
        }

        var usedBy = await UsedByAsync(id, cancellationToken);
        if (usedBy.Count > 0)
        {
            return CredentialResult.Fail(CredentialOutcome.InUse, [.. usedBy]);
        }

        db.ApiCredentials.Remove(credential);
        audit.Record(actor, sandboxId, AuditObjectType, Invariant(id),
            credential.Name, AuditLog.Actions.Deleted);
        var failed = await SaveAsync(ct => db.SaveChangesAsync(ct), cancellationToken);
        if (failed is not null)
        {
            // Without an expected version a concurrency failure means the row is gone: someone deleted it first.
            return failed.Outcome == CredentialOutcome.ConcurrencyConflict && expectedVersion is null
                ? CredentialResult.Fail(CredentialOutcome.NotFound)
                : failed;
        }

        LogDeleted(logger, id, sandboxId);
        return new CredentialResult(CredentialOutcome.Deleted, id);
    }

    /// <summary>
    /// What uses a credential and so forbids its deletion, one form-level error per kind of object, naming them.
    /// The foreign keys (Restrict) are the last word if one is added in between.
    /// </summary>
    private async Task<IReadOnlyList<FieldError>> UsedByAsync(int credentialId, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var webhooks = await db.Webhooks.AsNoTracking()
            .Where(w => w.ApiCredentialId == credentialId)
            .OrderBy(w => w.NormalizedName)
            .Select(w => w.Name)
            .Take(20)
            .ToListAsync(cancellationToken);
        if (webhooks.Count > 0)
        {
            errors.Add(new FieldError(FieldError.FormLevel,
                "This API credential is used by the SMS webhooks {0}: delete them or move them to another credential first.",
                string.Join(", ", webhooks.Select(name => $"“{name}”"))));
        }

        var configurations = await db.Set<Channels.ChannelConfiguration>().AsNoTracking()
            .Where(c => c.ApiCredentialId == credentialId || c.PendingApiCredentialId == credentialId)
            .OrderBy(c => c.NormalizedName)
            .Select(c => c.Name)
            .Take(20)
            .ToListAsync(cancellationToken);
        if (configurations.Count > 0)
        {
            errors.Add(new FieldError(FieldError.FormLevel,
                "This API credential is used by the channel configurations {0}: delete them or move them to another credential first.",
                string.Join(", ", configurations.Select(name => $"“{name}”"))));
        }

        return errors;
    }
}
