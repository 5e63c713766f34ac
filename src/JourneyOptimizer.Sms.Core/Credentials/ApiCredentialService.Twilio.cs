using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>Creating and editing Twilio credentials: Twilio checks the account, the Messaging Service and the number first.</summary>
public sealed partial class ApiCredentialService
{
    private static readonly IReadOnlySet<string> TwilioSecretFields = new HashSet<string>(StringComparer.Ordinal) { nameof(TwilioCredentialInput.AuthToken) };

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
}
