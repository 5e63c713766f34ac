using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>
/// Creates, lists, edits, checks and deletes the API credentials of one sandbox, for every vendor alike: what is
/// vendor-specific (fields, secrets, checks, sends) is asked of the credential's <see cref="ICredentialVendor"/>.
/// Secrets are protected by the vendor before EF sees them and never come back out except to the provider clients.
/// One partial file per task: the list and single reads (Queries), create and edit (Commands), the checks and
/// messages through the provider (Verification) and deletion (Deletion); this file holds what they share.
/// </summary>
public sealed partial class ApiCredentialService(
    SmsDbContext db,
    CredentialVendors vendors,
    AuditLog audit,
    TimeProvider time,
    ILogger<ApiCredentialService> logger)
{
    public const string AuditObjectType = "ApiCredential";
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Who and when, and the next version; the save then fails if someone else saved in between.</summary>
    private void StampUpdate(ApiCredential credential, int expectedVersion, Actor actor)
    {
        credential.ModifiedAtUtc = time.GetUtcNow().UtcDateTime;
        credential.ModifiedBy = actor.UserName;
        credential.Version = expectedVersion + 1;
        db.Entry(credential).Property(c => c.Version).OriginalValue = expectedVersion;
    }

    /// <summary>The length of the <see cref="ApiCredential.LastVerificationError"/> column.</summary>
    private const int ReasonLength = 500;

    private static CredentialResult ConcurrencyConflict() => CredentialResult.Fail(CredentialOutcome.ConcurrencyConflict,
        new FieldError(FieldError.FormLevel,
            "Someone else changed this API credential after you opened it. Reload the page to see their changes, then make yours again."));

    /// <summary>Runs the save; null on success, else the refusal (nothing half-saved lingers: <see cref="GuardedSave"/>).</summary>
    private async Task<CredentialResult?> SaveAsync(Func<CancellationToken, Task> save, CancellationToken cancellationToken) =>
        await db.TrySaveAsync(save, logger, AuditObjectType, cancellationToken) switch
        {
            SaveOutcome.Saved => null,
            SaveOutcome.ConcurrencyConflict => ConcurrencyConflict(),
            _ => CredentialResult.Fail(CredentialOutcome.Invalid,
                new FieldError(FieldError.FormLevel, "The API credential could not be saved. Check the fields and try again.")),
        };

    /// <summary>Names are unique per sandbox, case-insensitively, across vendors.</summary>
    private Task<bool> NameTakenAsync(int sandboxId, int? id, string name, CancellationToken cancellationToken)
    {
        var normalizedName = ApiCredential.NormalizeName(name);
        return db.ApiCredentials.AnyAsync(c => c.SandboxId == sandboxId && c.NormalizedName == normalizedName && c.Id != id,
            cancellationToken);
    }

    private static CredentialResult NameTaken() => CredentialResult.Fail(CredentialOutcome.NameTaken,
        new FieldError("Name", "An API credential with this name already exists in this sandbox."));

    private static string Invariant(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "API credential {CredentialId} ({Vendor}) created in sandbox {SandboxId}")]
    private static partial void LogCreated(ILogger logger, int credentialId, int sandboxId, SmsVendor vendor);

    [LoggerMessage(Level = LogLevel.Information, Message = "API credential {CredentialId} updated in sandbox {SandboxId}")]
    private static partial void LogUpdated(ILogger logger, int credentialId, int sandboxId);

    [LoggerMessage(Level = LogLevel.Information, Message = "API credential {CredentialId} deleted in sandbox {SandboxId}")]
    private static partial void LogDeleted(ILogger logger, int credentialId, int sandboxId);
}
