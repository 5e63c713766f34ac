using System.Linq.Expressions;
using System.Text;
using FluentValidation;
using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>
/// Creates, lists, edits and deletes API credentials of one sandbox. Secrets are protected here, before EF sees
/// them, and never come back out except to the provider clients.
/// </summary>
public sealed partial class ApiCredentialService(
    SmsDbContext db,
    ISecretProtector protector,
    AuditLog audit,
    TimeProvider time,
    IValidator<TwilioCredentialInput> twilioValidator,
    TwilioCredentialVerifier twilioVerifier,
    IValidator<CustomCredentialInput> customValidator,
    ICustomProviderClient customClient,
    SqliteReadConnections reads,
    ILogger<ApiCredentialService> logger)
{
    public const string AuditObjectType = "ApiCredential";
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    private static readonly IReadOnlySet<string> TwilioSecretFields = new HashSet<string>(StringComparer.Ordinal) { nameof(TwilioCredentialInput.AuthToken) };

    /// <summary>
    /// One page of the sandbox's credentials ordered by name, optionally those whose name starts with
    /// <paramref name="search"/> (case-insensitive). Keyset paging on the unique (sandbox, normalised name) index:
    /// every page costs the same, whatever the number of credentials.
    /// </summary>
    public async Task<Page<ApiCredentialListItem>> ListAsync(int sandboxId, string? search, string? cursor, int pageSize,
        CancellationToken cancellationToken)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        string? prefix = null;
        var upper = "";
        if (!string.IsNullOrWhiteSpace(search))
        {
            prefix = ApiCredential.NormalizeName(search);
            upper = prefix + "\U0010FFFF";
        }

        var (direction, key) = DecodeCursor(cursor);
        var take = pageSize + 1;
        var rows = reads.IsAvailable
            ? ReadListPage(reads, sandboxId, prefix, upper, direction, key, take)
            : await ReadListPageAsync(sandboxId, prefix, upper, direction, key, take, cancellationToken);
        if (direction == CursorDirection.Before)
        {
            var hasMoreBefore = rows.Count > pageSize;
            if (hasMoreBefore)
            {
                rows.RemoveAt(rows.Count - 1);
            }

            rows.Reverse();
            return new Page<ApiCredentialListItem>(rows,
                rows.Count > 0 ? EncodeCursor(CursorDirection.After, ApiCredential.NormalizeName(rows[^1].Name)) : null,
                hasMoreBefore ? EncodeCursor(CursorDirection.Before, ApiCredential.NormalizeName(rows[0].Name)) : null);
        }

        var hasMore = rows.Count > pageSize;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return new Page<ApiCredentialListItem>(rows,
            hasMore ? EncodeCursor(CursorDirection.After, ApiCredential.NormalizeName(rows[^1].Name)) : null,
            direction == CursorDirection.After && rows.Count > 0
                ? EncodeCursor(CursorDirection.Before, ApiCredential.NormalizeName(rows[0].Name))
                : null);
    }

    /// <summary>The page's rows through EF's compiled queries: on SQL Server (SQLite reads them in <see cref="ReadListPage"/>).</summary>
    private async Task<List<ApiCredentialListItem>> ReadListPageAsync(int sandboxId, string? prefix, string upper,
        CursorDirection direction, string key, int take, CancellationToken cancellationToken)
    {
        var query = prefix is null
            ? direction switch
            {
                CursorDirection.After => ListAfter(db, sandboxId, key, take),
                CursorDirection.Before => ListBefore(db, sandboxId, key, take),
                _ => ListFirst(db, sandboxId, take),
            }
            : direction switch
            {
                CursorDirection.After => SearchAfter(db, sandboxId, prefix, upper, key, take),
                CursorDirection.Before => SearchBefore(db, sandboxId, prefix, upper, key, take),
                _ => SearchFirst(db, sandboxId, prefix, upper, take),
            };
        var rows = new List<ApiCredentialListItem>(take);
        await foreach (var row in query.WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    // The list's six queries (first page / after a key / before a key, each with or without a name prefix), compiled
    // once: building and looking up a LINQ query on every request was about a quarter of the list's database time
    // (docs/performance.md). Each is one seek on the unique (SandboxId, NormalizedName) index.
    private static readonly Expression<Func<ApiCredential, ApiCredentialListItem>> ListItem =
        c => new ApiCredentialListItem(c.Id, c.Name, c.Vendor, c.Address, c.VerificationStatus,
            c.LastVerifiedAtUtc, c.ModifiedBy, c.ModifiedAtUtc, c is TwilioCredential ? ((TwilioCredential)c).AccountType : null);

    private static readonly Func<SmsDbContext, int, int, IAsyncEnumerable<ApiCredentialListItem>> ListFirst =
        EF.CompileAsyncQuery((SmsDbContext context, int sandboxId, int take) => context.ApiCredentials.AsNoTracking()
            .Where(c => c.SandboxId == sandboxId)
            .OrderBy(c => c.NormalizedName).Take(take).Select(ListItem));

    private static readonly Func<SmsDbContext, int, string, int, IAsyncEnumerable<ApiCredentialListItem>> ListAfter =
        EF.CompileAsyncQuery((SmsDbContext context, int sandboxId, string key, int take) => context.ApiCredentials.AsNoTracking()
            .Where(c => c.SandboxId == sandboxId && c.NormalizedName.CompareTo(key) > 0)
            .OrderBy(c => c.NormalizedName).Take(take).Select(ListItem));

    private static readonly Func<SmsDbContext, int, string, int, IAsyncEnumerable<ApiCredentialListItem>> ListBefore =
        EF.CompileAsyncQuery((SmsDbContext context, int sandboxId, string key, int take) => context.ApiCredentials.AsNoTracking()
            .Where(c => c.SandboxId == sandboxId && c.NormalizedName.CompareTo(key) < 0)
            .OrderByDescending(c => c.NormalizedName).Take(take).Select(ListItem));

    private static readonly Func<SmsDbContext, int, string, string, int, IAsyncEnumerable<ApiCredentialListItem>> SearchFirst =
        EF.CompileAsyncQuery((SmsDbContext context, int sandboxId, string prefix, string upper, int take) => context.ApiCredentials.AsNoTracking()
            .Where(c => c.SandboxId == sandboxId && c.NormalizedName.CompareTo(prefix) >= 0 && c.NormalizedName.CompareTo(upper) < 0)
            .OrderBy(c => c.NormalizedName).Take(take).Select(ListItem));

    private static readonly Func<SmsDbContext, int, string, string, string, int, IAsyncEnumerable<ApiCredentialListItem>> SearchAfter =
        EF.CompileAsyncQuery((SmsDbContext context, int sandboxId, string prefix, string upper, string key, int take) => context.ApiCredentials.AsNoTracking()
            .Where(c => c.SandboxId == sandboxId && c.NormalizedName.CompareTo(prefix) >= 0 && c.NormalizedName.CompareTo(upper) < 0
                && c.NormalizedName.CompareTo(key) > 0)
            .OrderBy(c => c.NormalizedName).Take(take).Select(ListItem));

    private static readonly Func<SmsDbContext, int, string, string, string, int, IAsyncEnumerable<ApiCredentialListItem>> SearchBefore =
        EF.CompileAsyncQuery((SmsDbContext context, int sandboxId, string prefix, string upper, string key, int take) => context.ApiCredentials.AsNoTracking()
            .Where(c => c.SandboxId == sandboxId && c.NormalizedName.CompareTo(prefix) >= 0 && c.NormalizedName.CompareTo(upper) < 0
                && c.NormalizedName.CompareTo(key) < 0)
            .OrderByDescending(c => c.NormalizedName).Take(take).Select(ListItem));

    /// <summary>The credential, without tracking; null when it does not exist in this sandbox.</summary>
    public Task<ApiCredential?> FindAsync(int sandboxId, int id, CancellationToken cancellationToken) =>
        reads.IsAvailable ? Task.FromResult(ReadCredential(reads, sandboxId, id)) : FindQuery(db, sandboxId, id, cancellationToken);

    /// <summary>
    /// Compiled once: every Edit, Delete and Verify page runs it, and a LINQ query pays for parameter extraction and the
    /// query cache lookup on each call (docs/performance.md).
    /// </summary>
    private static readonly Func<SmsDbContext, int, int, CancellationToken, Task<ApiCredential?>> FindQuery =
        EF.CompileAsyncQuery((SmsDbContext context, int sandboxId, int id, CancellationToken cancellationToken) =>
            context.ApiCredentials.AsNoTracking().FirstOrDefault(c => c.Id == id && c.SandboxId == sandboxId));

    /// <summary>
    /// Creates a Twilio credential once Twilio confirms it. When Twilio cannot be reached the answer is
    /// <see cref="CredentialOutcome.ProviderUnreachable"/>; with <paramref name="saveWithoutVerification"/> it is saved
    /// at once as <see cref="VerificationStatus.NotVerified"/>, without asking Twilio.
    /// </summary>
    public async Task<CredentialResult> CreateTwilioAsync(int sandboxId, TwilioCredentialInput input, Actor actor,
        bool saveWithoutVerification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);

        var errors = Validate(input);
        if (string.IsNullOrWhiteSpace(input.AuthToken))
        {
            errors.Add(new FieldError(nameof(TwilioCredentialInput.AuthToken), "Enter the Auth Token."));
        }

        if (errors.Count > 0)
        {
            return new CredentialResult(CredentialOutcome.Invalid, null, errors);
        }

        var normalized = NormalizeTwilio(input);
        var conflict = await FindTwilioConflictAsync(sandboxId, null, normalized, cancellationToken);
        if (conflict is not null)
        {
            return conflict;
        }

        var token = input.AuthToken!.Trim();
        var verification = await VerifyTwilioAsync(normalized, token, saveWithoutVerification, cancellationToken);
        if (verification.Refusal is not null)
        {
            return verification.Refusal;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var credential = new TwilioCredential
        {
            SandboxId = sandboxId,
            Name = normalized.Name,
            NormalizedName = ApiCredential.NormalizeName(normalized.Name),
            AccountSid = normalized.AccountSid,
            AuthTokenProtected = protector.Protect(token),
            AuthTokenHint = ISecretProtector.Hint(token),
            MessagingServiceSid = normalized.MessagingServiceSid,
            InboundNumber = normalized.InboundNumber,
            Address = normalized.InboundNumber,
            VerificationStatus = verification.Status,
            LastVerifiedAtUtc = verification.Status == VerificationStatus.Verified ? now : null,
            AccountType = verification.AccountType,
            CreatedAtUtc = now,
            CreatedBy = actor.UserName,
            ModifiedAtUtc = now,
            ModifiedBy = actor.UserName,
            Version = 1,
        };
        db.ApiCredentials.Add(credential);

        var failed = await SaveAsync(async ct =>
        {
            // The audit entry needs the new id: both rows commit in one transaction.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            audit.Record(actor, sandboxId, AuditObjectType, Invariant(credential.Id), credential.Name, AuditLog.Actions.Created,
                AuditLog.Diff(new Dictionary<string, string?>(), Snapshot(normalized, token), TwilioSecretFields));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);

        if (failed is not null)
        {
            return await ExplainConflictAsync(sandboxId, null, normalized, cancellationToken) ?? failed;
        }

        LogCreated(logger, credential.Id, sandboxId, SmsVendor.Twilio);
        return new CredentialResult(CredentialOutcome.Created, credential.Id);
    }

    /// <summary>
    /// Saves an edit. When the Account SID, Auth Token, Message SID or Inbound Number changed, Twilio checks the new
    /// values first (same rules as <see cref="CreateTwilioAsync"/>); a name-only change keeps the verification status.
    /// </summary>
    public async Task<CredentialResult> UpdateTwilioAsync(int sandboxId, int id, int expectedVersion, TwilioCredentialInput input,
        Actor actor, bool saveWithoutVerification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);

        var (credential, refusal) = await LoadForUpdateAsync<TwilioCredential>(sandboxId, id, expectedVersion, cancellationToken);
        if (credential is null)
        {
            return refusal!;
        }

        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return new CredentialResult(CredentialOutcome.Invalid, id, errors);
        }

        var normalized = NormalizeTwilio(input);
        var conflict = await FindTwilioConflictAsync(sandboxId, id, normalized, cancellationToken);
        if (conflict is not null)
        {
            return conflict;
        }

        var newToken = string.IsNullOrWhiteSpace(input.AuthToken) ? null : input.AuthToken.Trim();
        var before = Snapshot(credential, null);
        var after = Snapshot(normalized, newToken);
        if (newToken is null)
        {
            after.Remove(nameof(TwilioCredentialInput.AuthToken));
        }
        else if (string.Equals(protector.Unprotect(credential.AuthTokenProtected), newToken, StringComparison.Ordinal))
        {
            after.Remove(nameof(TwilioCredentialInput.AuthToken));
            newToken = null;
        }
        else
        {
            before[nameof(TwilioCredentialInput.AuthToken)] = "old";
            after[nameof(TwilioCredentialInput.AuthToken)] = "new";
        }

        var changes = AuditLog.Diff(before, after, TwilioSecretFields);
        if (changes.Count == 0)
        {
            return new CredentialResult(CredentialOutcome.Updated, id);
        }

        var connectionChanged = changes.Any(c => c.Field != nameof(TwilioCredentialInput.Name));
        if (connectionChanged)
        {
            var token = newToken ?? protector.Unprotect(credential.AuthTokenProtected);
            var verification = await VerifyTwilioAsync(normalized, token, saveWithoutVerification, cancellationToken);
            if (verification.Refusal is not null)
            {
                return verification.Refusal with { Id = id };
            }

            credential.VerificationStatus = verification.Status;
            credential.LastVerificationError = null;
            credential.AccountType = verification.AccountType;
            if (verification.Status == VerificationStatus.Verified)
            {
                credential.LastVerifiedAtUtc = time.GetUtcNow().UtcDateTime;
            }
        }

        credential.Name = normalized.Name;
        credential.NormalizedName = ApiCredential.NormalizeName(normalized.Name);
        credential.AccountSid = normalized.AccountSid;
        credential.MessagingServiceSid = normalized.MessagingServiceSid;
        credential.InboundNumber = normalized.InboundNumber;
        credential.Address = normalized.InboundNumber;
        if (newToken is not null)
        {
            credential.AuthTokenProtected = protector.Protect(newToken);
            credential.AuthTokenHint = ISecretProtector.Hint(newToken);
        }

        StampUpdate(credential, expectedVersion, actor);
        audit.Record(actor, sandboxId, AuditObjectType, Invariant(id),
            credential.Name, AuditLog.Actions.Updated, changes);

        var failed = await SaveAsync(ct => db.SaveChangesAsync(ct), cancellationToken);
        if (failed is not null)
        {
            return failed.Outcome == CredentialOutcome.ConcurrencyConflict
                ? failed
                : await ExplainConflictAsync(sandboxId, id, normalized, cancellationToken) ?? failed;
        }

        LogUpdated(logger, id, sandboxId);
        return new CredentialResult(CredentialOutcome.Updated, id);
    }

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

    public async Task<CredentialResult> DeleteAsync(int sandboxId, int id, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var credential = await db.ApiCredentials.FirstOrDefaultAsync(c => c.Id == id && c.SandboxId == sandboxId, cancellationToken);
        if (credential is null)
        {
            return CredentialResult.Fail(CredentialOutcome.NotFound);
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
            return failed.Outcome == CredentialOutcome.ConcurrencyConflict ? CredentialResult.Fail(CredentialOutcome.NotFound) : failed;
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

    /// <summary>The credential to edit, or the refusal: not in this sandbox (or of another vendor), or changed since the form was opened.</summary>
    private async Task<(T? Credential, CredentialResult? Refusal)> LoadForUpdateAsync<T>(int sandboxId, int id, int expectedVersion,
        CancellationToken cancellationToken)
        where T : ApiCredential
    {
        var credential = await db.ApiCredentials.OfType<T>().FirstOrDefaultAsync(c => c.Id == id && c.SandboxId == sandboxId, cancellationToken);
        if (credential is null)
        {
            return (null, CredentialResult.Fail(CredentialOutcome.NotFound));
        }

        return credential.Version == expectedVersion ? (credential, null) : (null, ConcurrencyConflict());
    }

    /// <summary>Who and when, and the next version; the save then fails if someone else saved in between.</summary>
    private void StampUpdate(ApiCredential credential, int expectedVersion, Actor actor)
    {
        credential.ModifiedAtUtc = time.GetUtcNow().UtcDateTime;
        credential.ModifiedBy = actor.UserName;
        credential.Version = expectedVersion + 1;
        db.Entry(credential).Property(c => c.Version).OriginalValue = expectedVersion;
    }

    private sealed record VerificationDecision(VerificationStatus Status, string? AccountType, CredentialResult? Refusal);

    /// <summary>
    /// Twilio's check before a save: verified, refused (field errors), or unreachable. "Save without verification"
    /// saves at once as Not verified, without asking Twilio again: it is offered after Twilio could not be reached, and
    /// asking again only waited for the same timeouts a second time (32 s with Twilio silent).
    /// </summary>
    private async Task<VerificationDecision> VerifyTwilioAsync(NormalizedTwilio n, string token, bool saveWithoutVerification,
        CancellationToken cancellationToken)
    {
        if (saveWithoutVerification)
        {
            return new(VerificationStatus.NotVerified, null, null);
        }

        var verification = await twilioVerifier.VerifyAsync(n.AccountSid, token, n.MessagingServiceSid, n.InboundNumber, cancellationToken);
        return verification.Outcome switch
        {
            TwilioVerificationOutcome.Verified => new(VerificationStatus.Verified, verification.AccountType.ToString(), null),
            TwilioVerificationOutcome.Rejected => new(VerificationStatus.Failed, null,
                new CredentialResult(CredentialOutcome.ProviderRejected, null, verification.Errors)),
            _ => new(VerificationStatus.NotVerified, null,
                new CredentialResult(CredentialOutcome.ProviderUnreachable, null, verification.Errors)),
        };
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    private List<FieldError> Validate(TwilioCredentialInput input) =>
        twilioValidator.Validate(input).Errors
            .Select(e => new FieldError(e.PropertyName, e.ErrorMessage))
            .ToList();

    private sealed record NormalizedTwilio(string Name, string AccountSid, string MessagingServiceSid, string InboundNumber);

    private static NormalizedTwilio NormalizeTwilio(TwilioCredentialInput input) => new(
        input.Name!.Trim(),
        Sid.Normalize(input.AccountSid!),
        Sid.Normalize(input.MessagingServiceSid!),
        PhoneNumberRules.TryNormalizeNumberOrShortCode(input.InboundNumber)!);

    private static Dictionary<string, string?> Snapshot(NormalizedTwilio n, string? token) => new(StringComparer.Ordinal)
    {
        [nameof(TwilioCredentialInput.Name)] = n.Name,
        [nameof(TwilioCredentialInput.AccountSid)] = n.AccountSid,
        [nameof(TwilioCredentialInput.AuthToken)] = token is null ? null : "set",
        [nameof(TwilioCredentialInput.MessagingServiceSid)] = n.MessagingServiceSid,
        [nameof(TwilioCredentialInput.InboundNumber)] = n.InboundNumber,
    };

    private static Dictionary<string, string?> Snapshot(TwilioCredential c, string? token) =>
        Snapshot(new NormalizedTwilio(c.Name, c.AccountSid, c.MessagingServiceSid, c.InboundNumber), token);

    /// <summary>The uniqueness rules, checked before saving so that the answer names the field.</summary>
    private async Task<CredentialResult?> FindTwilioConflictAsync(int sandboxId, int? id, NormalizedTwilio n,
        CancellationToken cancellationToken)
    {
        if (await NameTakenAsync(sandboxId, id, n.Name, cancellationToken))
        {
            return NameTaken();
        }

        if (await db.TwilioCredentials.AnyAsync(c => c.AccountSid == n.AccountSid && c.InboundNumber == n.InboundNumber && c.Id != id,
                cancellationToken))
        {
            return CredentialResult.Fail(CredentialOutcome.NumberTaken,
                new FieldError(nameof(TwilioCredentialInput.InboundNumber),
                    "This inbound number is already used with this Account SID (in this or another sandbox). Each sandbox needs its own inbound number."));
        }

        return null;
    }

    /// <summary>After a unique-index violation (a concurrent save won the race), say which rule it broke.</summary>
    private async Task<CredentialResult?> ExplainConflictAsync(int sandboxId, int? id, NormalizedTwilio n,
        CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await FindTwilioConflictAsync(sandboxId, id, n, cancellationToken);
    }

    private static CredentialResult ConcurrencyConflict() => CredentialResult.Fail(CredentialOutcome.ConcurrencyConflict,
        new FieldError(FieldError.FormLevel,
            "Someone else changed this API credential after you opened it. Reload the page to see their changes, then make yours again."));

    /// <summary>Runs the save; null on success, else the refusal (the change tracker is cleared: nothing half-saved lingers).</summary>
    private async Task<CredentialResult?> SaveAsync(Func<CancellationToken, Task> save, CancellationToken cancellationToken)
    {
        try
        {
            await save(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ConcurrencyConflict();
        }
        catch (DbUpdateException ex)
        {
            db.ChangeTracker.Clear();
            LogSaveRefused(logger, ex.GetType().Name, ex.InnerException?.GetType().Name);
            return CredentialResult.Fail(CredentialOutcome.Invalid,
                new FieldError(FieldError.FormLevel, "The API credential could not be saved. Check the fields and try again."));
        }
    }

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

    private enum CursorDirection
    {
        None,
        After,
        Before,
    }

    private static string EncodeCursor(CursorDirection direction, string key) =>
        (direction == CursorDirection.After ? "a" : "b") + Convert.ToBase64String(Encoding.UTF8.GetBytes(key))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (CursorDirection Direction, string Key) DecodeCursor(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 600 || (cursor[0] != 'a' && cursor[0] != 'b'))
        {
            return (CursorDirection.None, "");
        }

        var base64 = cursor[1..].Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            return (CursorDirection.None, "");
        }

        return (cursor[0] == 'a' ? CursorDirection.After : CursorDirection.Before, Encoding.UTF8.GetString(bytes, 0, written));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "API credential {CredentialId} ({Vendor}) created in sandbox {SandboxId}")]
    private static partial void LogCreated(ILogger logger, int credentialId, int sandboxId, SmsVendor vendor);

    [LoggerMessage(Level = LogLevel.Information, Message = "API credential {CredentialId} updated in sandbox {SandboxId}")]
    private static partial void LogUpdated(ILogger logger, int credentialId, int sandboxId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An API credential change was refused by the database ({Error}, {InnerError})")]
    private static partial void LogSaveRefused(ILogger logger, string error, string? innerError);

    [LoggerMessage(Level = LogLevel.Information, Message = "API credential {CredentialId} deleted in sandbox {SandboxId}")]
    private static partial void LogDeleted(ILogger logger, int credentialId, int sandboxId);
}
