using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>The Custom provider part of the credential service.</summary>
public sealed partial class ApiCredentialService
{
    public async Task<CredentialResult> CreateCustomAsync(int sandboxId, CustomCredentialInput input, Actor actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = ValidateCustom(input);
        if (errors.Count > 0)
        {
            return new CredentialResult(CredentialOutcome.Invalid, null, errors);
        }

        var mapping = CustomCredentialMapper.Map(input, null);
        if (!mapping.Succeeded)
        {
            return new CredentialResult(CredentialOutcome.Invalid, null, mapping.Errors);
        }

        var name = input.Name!.Trim();
        if (await NameTakenAsync(sandboxId, null, name, cancellationToken))
        {
            return NameTaken();
        }

        var configuration = mapping.Configuration!;
        var now = time.GetUtcNow().UtcDateTime;
        var credential = new CustomCredential
        {
            SandboxId = sandboxId,
            Name = name,
            NormalizedName = ApiCredential.NormalizeName(name),
            Address = CustomCredential.AddressOf(configuration.ChannelType),
            ProviderName = configuration.ProviderName,
            ProviderUrl = configuration.ProviderUrl,
            ChannelType = configuration.ChannelType,
            AuthType = configuration.AuthType,
            ConfigurationJson = configuration.ToJson(),
            SecretsProtected = protector.Protect(mapping.Secrets!.ToJson()),
            VerificationStatus = VerificationStatus.NotVerified,
            CreatedAtUtc = now,
            CreatedBy = actor.UserName,
            ModifiedAtUtc = now,
            ModifiedBy = actor.UserName,
            Version = 1,
        };
        db.ApiCredentials.Add(credential);
        var changes = AuditLog.Diff(new Dictionary<string, string?>(), CustomSnapshot(name, configuration))
            .Concat(mapping.ChangedSecretFields.Select(f => new AuditChange(f, null, null, Secret: true)))
            .ToList();
        var failed = await SaveAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            audit.Record(actor, sandboxId, AuditObjectType, Invariant(credential.Id), credential.Name, AuditLog.Actions.Created, changes);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
        if (failed is not null)
        {
            db.ChangeTracker.Clear();
            return await NameTakenAsync(sandboxId, null, name, cancellationToken) ? NameTaken() : failed;
        }

        LogCreated(logger, credential.Id, sandboxId, SmsVendor.Custom);
        return new CredentialResult(CredentialOutcome.Created, credential.Id);
    }

    public async Task<CredentialResult> UpdateCustomAsync(int sandboxId, int id, int expectedVersion, CustomCredentialInput input,
        Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var (credential, refusal) = await LoadForUpdateAsync<CustomCredential>(sandboxId, id, expectedVersion, cancellationToken);
        if (credential is null)
        {
            return refusal!;
        }

        var errors = ValidateCustom(input);
        if (errors.Count > 0)
        {
            return new CredentialResult(CredentialOutcome.Invalid, id, errors);
        }

        var existing = CustomProviderSecrets.FromJson(protector.Unprotect(credential.SecretsProtected));
        var mapping = CustomCredentialMapper.Map(input, existing);
        if (!mapping.Succeeded)
        {
            return new CredentialResult(CredentialOutcome.Invalid, id, mapping.Errors);
        }

        var name = input.Name!.Trim();
        if (await NameTakenAsync(sandboxId, id, name, cancellationToken))
        {
            return NameTaken();
        }

        var before = credential.Configuration();
        var configuration = mapping.Configuration!;
        var changes = AuditLog.Diff(CustomSnapshot(credential.Name, before), CustomSnapshot(name, configuration))
            .Concat(mapping.ChangedSecretFields.Select(f => new AuditChange(f, null, null, Secret: true)))
            .ToList();
        if (changes.Count == 0)
        {
            return new CredentialResult(CredentialOutcome.Updated, id);
        }

        var connectionChanged = changes.Any(c => c.Field != nameof(CustomCredentialInput.Name));
        credential.Name = name;
        credential.NormalizedName = ApiCredential.NormalizeName(name);
        credential.Address = CustomCredential.AddressOf(configuration.ChannelType);
        credential.ProviderName = configuration.ProviderName;
        credential.ProviderUrl = configuration.ProviderUrl;
        credential.ChannelType = configuration.ChannelType;
        credential.AuthType = configuration.AuthType;
        credential.ConfigurationJson = configuration.ToJson();
        if (mapping.ChangedSecretFields.Count > 0)
        {
            credential.SecretsProtected = protector.Protect(mapping.Secrets!.ToJson());
        }

        if (connectionChanged)
        {
            // A changed connection has not been proven yet: the next successful test message verifies it again.
            credential.VerificationStatus = VerificationStatus.NotVerified;
            credential.LastVerificationError = null;
        }

        StampUpdate(credential, expectedVersion, actor);
        audit.Record(actor, sandboxId, AuditObjectType, Invariant(id), credential.Name, AuditLog.Actions.Updated, changes);
        var failed = await SaveAsync(ct => db.SaveChangesAsync(ct), cancellationToken);
        if (failed is not null)
        {
            return failed.Outcome == CredentialOutcome.ConcurrencyConflict || !await NameTakenAsync(sandboxId, id, name, cancellationToken)
                ? failed
                : NameTaken();
        }

        LogUpdated(logger, id, sandboxId);
        return new CredentialResult(CredentialOutcome.Updated, id);
    }

    private List<FieldError> ValidateCustom(CustomCredentialInput input) =>
        customValidator.Validate(input).Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToList();

    /// <summary>The non-secret fields as the audit log compares them.</summary>
    private static Dictionary<string, string?> CustomSnapshot(string name, CustomProviderConfiguration c) => new(StringComparer.Ordinal)
    {
        [nameof(CustomCredentialInput.Name)] = name,
        [nameof(CustomCredentialInput.ProviderName)] = c.ProviderName,
        [nameof(CustomCredentialInput.ProviderAppId)] = c.ProviderAppId,
        [nameof(CustomCredentialInput.ProviderUrl)] = c.ProviderUrl,
        [nameof(CustomCredentialInput.ChannelType)] = c.ChannelType?.ToString(),
        [nameof(CustomCredentialInput.AuthType)] = c.AuthType.ToString(),
        [nameof(CustomCredentialInput.MtlsEnabled)] = c.MtlsEnabled ? "true" : "false",
        ["ClientCertificate"] = c.ClientCertificateThumbprint,
        [nameof(CustomCredentialInput.ApiKeyHeaderName)] = c.ApiKeyHeaderName,
        [nameof(CustomCredentialInput.BasicUserName)] = c.BasicUserName,
        [nameof(CustomCredentialInput.OAuthUrl)] = c.OAuthUrl,
        [nameof(CustomCredentialInput.JwtPayload)] = c.JwtPayload,
        [nameof(CustomCredentialInput.MacHashFormat)] = c.MacHashFormat?.ToString(),
        ["ContentType"] = c.ContentTypeHeaderValue,
        [nameof(CustomCredentialInput.Headers)] = string.Join("; ", c.Headers.Select(h => h.IsSecret ? h.Name + ": (secret)" : h.Name + ": " + h.Value)),
        [nameof(CustomCredentialInput.ProviderPayload)] = c.ProviderPayload,
        [nameof(CustomCredentialInput.MessageIdExtractor)] = c.MessageIdExtractor,
    };
}
