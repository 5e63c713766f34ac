using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>Creating and editing credentials of any vendor: the vendor maps, protects and checks; this decides and saves.</summary>
public sealed partial class ApiCredentialService
{
    public const string VendorField = "Vendor";
    public const string ChooseVendor = "Choose the SMS vendor.";

    /// <summary>
    /// Creates a credential of <paramref name="vendor"/> from its input (<see cref="ICredentialVendor.InputType"/>).
    /// A vendor that checks saves must confirm it first; when its provider cannot be reached the answer is
    /// <see cref="CredentialOutcome.ProviderUnreachable"/>; with <paramref name="saveWithoutVerification"/> it is saved
    /// at once as <see cref="VerificationStatus.NotVerified"/>, without asking the provider. The audit entry commits
    /// with it.
    /// </summary>
    public async Task<CredentialResult> CreateAsync(int sandboxId, SmsVendor vendor, ApiCredentialInput input, Actor actor,
        bool saveWithoutVerification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var plugin = vendors.Find(vendor);
        if (plugin is null || !plugin.InputType.IsInstanceOfType(input))
        {
            return CredentialResult.Fail(CredentialOutcome.Invalid, new FieldError(VendorField, ChooseVendor));
        }

        var errors = plugin.Validate(input, isNew: true);
        if (errors.Count > 0)
        {
            return new CredentialResult(CredentialOutcome.Invalid, null, errors);
        }

        var draft = plugin.Prepare(input, stored: null);
        if (!draft.Succeeded)
        {
            return new CredentialResult(CredentialOutcome.Invalid, null, draft.Errors);
        }

        var credential = draft.Credential!;
        credential.SandboxId = sandboxId;
        SetName(credential, input.Name!);
        var conflict = await FindConflictAsync(plugin, credential, cancellationToken);
        if (conflict is not null)
        {
            return conflict;
        }

        var refusal = await VerifyBeforeSaveAsync(plugin, credential, saveWithoutVerification, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var now = time.GetUtcNow().UtcDateTime;
        credential.CreatedAtUtc = now;
        credential.CreatedBy = actor.UserName;
        credential.ModifiedAtUtc = now;
        credential.ModifiedBy = actor.UserName;
        credential.Version = 1;
        db.ApiCredentials.Add(credential);
        var changes = Changes(new Dictionary<string, string?>(), Snapshot(plugin, credential), draft.ChangedSecretFields);

        var failed = await SaveAsync(async ct =>
        {
            // The audit entry needs the new id: both rows commit in one transaction.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            audit.Record(actor, sandboxId, AuditObjectType, Invariant(credential.Id), credential.Name, AuditLog.Actions.Created, changes);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
        if (failed is not null)
        {
            return await ExplainConflictAsync(plugin, credential, cancellationToken) ?? failed;
        }

        LogCreated(logger, credential.Id, sandboxId, vendor);
        return new CredentialResult(CredentialOutcome.Created, credential.Id);
    }

    /// <summary>
    /// Saves an edit made on the version <paramref name="expectedVersion"/>; the vendor never changes (an input of
    /// another vendor is <see cref="CredentialOutcome.NotFound"/>). When anything but the name changed, the vendor
    /// checks the new values first (as <see cref="CreateAsync"/>); a name-only change keeps the verification status.
    /// </summary>
    public async Task<CredentialResult> UpdateAsync(int sandboxId, int id, int expectedVersion, ApiCredentialInput input, Actor actor,
        bool saveWithoutVerification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var stored = await db.ApiCredentials.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.SandboxId == sandboxId, cancellationToken);
        var plugin = stored is null ? null : vendors[stored.Vendor];
        if (stored is null || !plugin!.InputType.IsInstanceOfType(input))
        {
            return CredentialResult.Fail(CredentialOutcome.NotFound);
        }

        if (stored.Version != expectedVersion)
        {
            return ConcurrencyConflict() with { Id = id };
        }

        var errors = plugin.Validate(input, isNew: false);
        if (errors.Count > 0)
        {
            return new CredentialResult(CredentialOutcome.Invalid, id, errors);
        }

        var draft = plugin.Prepare(input, stored);
        if (!draft.Succeeded)
        {
            return new CredentialResult(CredentialOutcome.Invalid, id, draft.Errors);
        }

        // The draft replaces the stored row: it keeps what the form does not edit.
        var credential = draft.Credential!;
        credential.Id = stored.Id;
        credential.SandboxId = stored.SandboxId;
        credential.CreatedAtUtc = stored.CreatedAtUtc;
        credential.CreatedBy = stored.CreatedBy;
        credential.VerificationStatus = stored.VerificationStatus;
        credential.LastVerifiedAtUtc = stored.LastVerifiedAtUtc;
        credential.LastVerificationError = stored.LastVerificationError;
        credential.AccountType = stored.AccountType;
        SetName(credential, input.Name!);
        var conflict = await FindConflictAsync(plugin, credential, cancellationToken);
        if (conflict is not null)
        {
            return conflict with { Id = id };
        }

        var changes = Changes(Snapshot(plugin, stored), Snapshot(plugin, credential), draft.ChangedSecretFields);
        if (changes.Count == 0)
        {
            return new CredentialResult(CredentialOutcome.Updated, id);
        }

        if (changes.Any(c => c.Field != nameof(ApiCredentialInput.Name)))
        {
            var refusal = await VerifyBeforeSaveAsync(plugin, credential, saveWithoutVerification, cancellationToken);
            if (refusal is not null)
            {
                return refusal with { Id = id };
            }
        }

        db.ApiCredentials.Update(credential);
        StampUpdate(credential, expectedVersion, actor);
        audit.Record(actor, sandboxId, AuditObjectType, Invariant(id), credential.Name, AuditLog.Actions.Updated, changes);
        var failed = await SaveAsync(ct => db.SaveChangesAsync(ct), cancellationToken);
        if (failed is not null)
        {
            return failed.Outcome == CredentialOutcome.ConcurrencyConflict
                ? failed with { Id = id }
                : await ExplainConflictAsync(plugin, credential, cancellationToken) ?? failed with { Id = id };
        }

        LogUpdated(logger, id, sandboxId);
        return new CredentialResult(CredentialOutcome.Updated, id);
    }

    private static void SetName(ApiCredential credential, string name)
    {
        credential.Name = name.Trim();
        credential.NormalizedName = ApiCredential.NormalizeName(credential.Name);
    }

    /// <summary>
    /// The provider's check before a save, recorded on <paramref name="credential"/>: verified, refused (field errors),
    /// or unreachable. A vendor without a check saves as Not verified. "Save without verification" saves at once as
    /// Not verified, without asking the provider again: it is offered after the provider could not be reached, and
    /// asking again only waited for the same timeouts a second time (32 s with Twilio silent).
    /// </summary>
    private async Task<CredentialResult?> VerifyBeforeSaveAsync(ICredentialVendor plugin, ApiCredential credential,
        bool saveWithoutVerification, CancellationToken cancellationToken)
    {
        var verification = saveWithoutVerification
            ? new VendorVerification(VendorVerificationOutcome.NotChecked, [])
            : await plugin.VerifyAsync(credential, cancellationToken);
        switch (verification.Outcome)
        {
            case VendorVerificationOutcome.Rejected:
                return new CredentialResult(CredentialOutcome.ProviderRejected, null, verification.Errors);
            case VendorVerificationOutcome.Unreachable:
                return new CredentialResult(CredentialOutcome.ProviderUnreachable, null, verification.Errors);
        }

        var verified = verification.Outcome == VendorVerificationOutcome.Verified;
        credential.VerificationStatus = verified ? VerificationStatus.Verified : VerificationStatus.NotVerified;
        credential.LastVerificationError = null;
        credential.AccountType = verified ? verification.AccountType : null;
        if (verified)
        {
            credential.LastVerifiedAtUtc = time.GetUtcNow().UtcDateTime;
        }

        return null;
    }

    /// <summary>The name and the vendor's fields, as the audit log compares them.</summary>
    private static Dictionary<string, string?> Snapshot(ICredentialVendor plugin, ApiCredential credential)
    {
        var snapshot = new Dictionary<string, string?>(StringComparer.Ordinal) { [nameof(ApiCredentialInput.Name)] = credential.Name };
        foreach (var (field, value) in plugin.Snapshot(credential))
        {
            snapshot[field] = value;
        }

        return snapshot;
    }

    /// <summary>The changed fields, then each changed secret marked as such (never its value).</summary>
    private static List<AuditChange> Changes(IReadOnlyDictionary<string, string?> before, IReadOnlyDictionary<string, string?> after,
        IReadOnlyList<string> changedSecretFields) =>
        [.. AuditLog.Diff(before, after), .. changedSecretFields.Select(f => new AuditChange(f, null, null, Secret: true))];

    /// <summary>The uniqueness rules, checked before saving so that the answer names the field: the name, then the vendor's own.</summary>
    private async Task<CredentialResult?> FindConflictAsync(ICredentialVendor plugin, ApiCredential credential, CancellationToken cancellationToken)
    {
        if (await NameTakenAsync(credential.SandboxId, credential.Id, credential.Name, cancellationToken))
        {
            return NameTaken();
        }

        return await plugin.FindConflictAsync(db, credential, cancellationToken) is { } taken
            ? CredentialResult.Fail(CredentialOutcome.NumberTaken, taken)
            : null;
    }

    /// <summary>After a unique-index violation (a concurrent save won the race), say which rule it broke.</summary>
    private async Task<CredentialResult?> ExplainConflictAsync(ICredentialVendor plugin, ApiCredential credential, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await FindConflictAsync(plugin, credential, cancellationToken);
    }
}
