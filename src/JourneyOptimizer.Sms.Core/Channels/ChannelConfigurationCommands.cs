using System.Globalization;
using FluentValidation;
using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace JourneyOptimizer.Sms.Core.Channels;

/// <summary>
/// Changing the channel configurations of a sandbox (PRODUCT.md 5): drafts, submission (checked in the background by
/// <see cref="ChannelCheckProcessor"/>), edits of active configurations as pending changes, activation, duplication
/// and deletion, each audited in the same save.
/// </summary>
public sealed partial class ChannelConfigurationCommands(
    SmsDbContext db,
    AuditLog audit,
    TimeProvider time,
    IValidator<ChannelConfigurationInput> validator,
    CredentialVendors vendors,
    ILogger<ChannelConfigurationCommands> logger)
{
    public const string AuditObjectType = "ChannelConfiguration";

    public static class Actions
    {
        public const string Submitted = "Submitted";
        public const string CheckPassed = "CheckPassed";
        public const string CheckFailed = "CheckFailed";
        public const string Activated = "Activated";
        public const string Deactivated = "Deactivated";
        public const string Duplicated = "Duplicated";
        public const string ChangeDiscarded = "ChangeDiscarded";
    }

    public const string ConcurrencyMessage = "Someone else changed this channel configuration after you opened it. Reload the page to see their changes, then make yours again.";
    public const string NotAllowedProcessing = "This channel configuration is being checked: wait until the checks finish.";
    public const string NotAllowedDeleteActive = "An active channel configuration cannot be deleted: deactivate it first.";
    public const string NotAllowedDeleteKept = "A deactivated channel configuration is kept and cannot be deleted.";
    public const string NotAllowedDeleteProcessing = "A channel configuration cannot be deleted while it is being checked.";
    public const string NotAllowedDeactivate = "Only an active channel configuration can be deactivated.";
    public const string NotAllowedActivate = "Only a deactivated channel configuration can be activated.";
    public const string NotAllowedEditDeactivated = "A deactivated channel configuration cannot be edited: activate it first.";
    public const string NotAllowedDiscard = "There is no change to discard.";
    public const string SaveFailed = "The channel configuration could not be saved. Check the fields and try again.";

    private DbSet<ChannelConfiguration> Configurations => db.Set<ChannelConfiguration>();

    /// <summary>Creates a configuration: a Draft, or (<paramref name="submit"/>) Processing until the checks decide.</summary>
    public async Task<ChannelConfigurationResult> CreateAsync(int sandboxId, ChannelConfigurationInput input, bool submit, Actor actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var (values, refusal) = await PrepareAsync(sandboxId, null, input, submit, null, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var configuration = new ChannelConfiguration
        {
            SandboxId = sandboxId,
            Name = values!.Name,
            NormalizedName = ChannelConfiguration.NormalizeName(values.Name),
            Status = submit ? ChannelConfigurationStatus.Processing : ChannelConfigurationStatus.Draft,
            CreatedAtUtc = now,
            CreatedBy = actor.UserName,
            ModifiedAtUtc = now,
            ModifiedBy = actor.UserName,
            Version = 1,
        };
        values.ApplyTo(configuration);
        Configurations.Add(configuration);

        var failed = await SaveAsync(async ct =>
        {
            // The audit entry needs the new id: both rows commit in one transaction.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            audit.Record(actor, sandboxId, AuditObjectType, Key(configuration.Id), configuration.Name, AuditLog.Actions.Created,
                AuditLog.Diff(new Dictionary<string, string?>(), values.Snapshot()));
            if (submit)
            {
                RecordStatus(actor, configuration, null);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }, sandboxId, null, values.Name, cancellationToken);
        if (failed is not null)
        {
            return failed;
        }

        LogChanged(logger, configuration.Id, sandboxId, configuration.Status);
        return new ChannelConfigurationResult(submit ? ChannelConfigurationOutcome.Submitted : ChannelConfigurationOutcome.Saved,
            configuration.Id);
    }

    /// <summary>
    /// Saves an edit. Draft and Failed: saved as a Draft, or submitted. Active: the change is kept as pending and
    /// checked (Name and channel stay); the active version serves meanwhile. Processing and Deactivated: refused.
    /// </summary>
    public async Task<ChannelConfigurationResult> UpdateAsync(int sandboxId, int id, int expectedVersion, ChannelConfigurationInput input,
        bool submit, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var (configuration, loadRefusal) = await LoadAsync(sandboxId, id, expectedVersion, cancellationToken);
        if (configuration is null)
        {
            return loadRefusal!;
        }

        switch (configuration.Status)
        {
            case ChannelConfigurationStatus.Processing:
                return NotAllowed(NotAllowedProcessing);
            case ChannelConfigurationStatus.Deactivated:
                return NotAllowed(NotAllowedEditDeactivated);
            case ChannelConfigurationStatus.Active:
                return await UpdateActiveAsync(configuration, input, actor, cancellationToken);
        }

        var (values, refusal) = await PrepareAsync(sandboxId, id, input, submit, null, cancellationToken);
        if (refusal is not null)
        {
            return refusal with { Id = id };
        }

        var before = ChannelSettings.Of(configuration).Snapshot();
        var oldStatus = configuration.Status;
        values!.ApplyTo(configuration);
        configuration.Name = values.Name;
        configuration.NormalizedName = ChannelConfiguration.NormalizeName(values.Name);
        configuration.Status = submit ? ChannelConfigurationStatus.Processing : ChannelConfigurationStatus.Draft;
        configuration.CheckErrorsJson = null;

        configuration.ReleaseClaim();
        Stamp(configuration, expectedVersion, actor);
        var changes = AuditLog.Diff(before, values.Snapshot());
        if (changes.Count > 0)
        {
            audit.Record(actor, sandboxId, AuditObjectType, Key(id), configuration.Name, AuditLog.Actions.Updated, changes);
        }

        if (oldStatus != configuration.Status)
        {
            RecordStatus(actor, configuration, oldStatus);
        }

        var failed = await SaveAsync(ct => db.SaveChangesAsync(ct), sandboxId, id, values.Name, cancellationToken);
        if (failed is not null)
        {
            return failed with { Id = id };
        }

        LogChanged(logger, id, sandboxId, configuration.Status);
        return new ChannelConfigurationResult(submit ? ChannelConfigurationOutcome.Submitted : ChannelConfigurationOutcome.Saved, id);
    }

    private async Task<ChannelConfigurationResult> UpdateActiveAsync(ChannelConfiguration configuration, ChannelConfigurationInput input,
        Actor actor, CancellationToken cancellationToken)
    {
        // Name and channel of an active configuration are read-only: whatever the form says, the stored name stays.
        input.Name = configuration.Name;
        var (values, refusal) = await PrepareAsync(configuration.SandboxId, configuration.Id, input, submit: true, configuration.Channel,
            cancellationToken);
        if (refusal is not null)
        {
            return refusal with { Id = configuration.Id };
        }

        var active = ChannelSettings.Of(configuration);
        var pending = configuration.PendingCheck is null ? active : ChannelSettings.Pending(configuration);
        if (values!.SameSettingsAs(active))
        {
            // Back to the active version: a pending change, if any, is dropped.
            if (configuration.PendingCheck is null)
            {
                return new ChannelConfigurationResult(ChannelConfigurationOutcome.Saved, configuration.Id);
            }

            configuration.ClearPendingChange();
            configuration.ReleaseClaim();
            Stamp(configuration, configuration.Version, actor);
            audit.Record(actor, configuration.SandboxId, AuditObjectType, Key(configuration.Id), configuration.Name,
                Actions.ChangeDiscarded);
            var failedDiscard = await SaveAsync(ct => db.SaveChangesAsync(ct), configuration.SandboxId, configuration.Id,
                configuration.Name, cancellationToken);
            return failedDiscard is not null ? failedDiscard with { Id = configuration.Id }
                : new ChannelConfigurationResult(ChannelConfigurationOutcome.Saved, configuration.Id);
        }

        configuration.PendingDescription = values.Description;
        configuration.PendingSmsType = values.SmsType;
        configuration.PendingApiCredentialId = values.ApiCredentialId;
        configuration.PendingSenderNumber = values.SenderNumber;
        configuration.PendingSubdomain = values.Subdomain;
        configuration.PendingExecutionField = values.ExecutionField;
        configuration.PendingCheck = ChangeCheckStatus.Processing;
        configuration.PendingErrorsJson = null;
        configuration.ReleaseClaim();
        Stamp(configuration, configuration.Version, actor);
        audit.Record(actor, configuration.SandboxId, AuditObjectType, Key(configuration.Id), configuration.Name,
            AuditLog.Actions.Updated, AuditLog.Diff(pending.Snapshot(), values.Snapshot()));
        audit.Record(actor, configuration.SandboxId, AuditObjectType, Key(configuration.Id), configuration.Name, Actions.Submitted,
            [new AuditChange("PendingChange", null, nameof(ChangeCheckStatus.Processing))]);
        var failed = await SaveAsync(ct => db.SaveChangesAsync(ct), configuration.SandboxId, configuration.Id, configuration.Name,
            cancellationToken);
        if (failed is not null)
        {
            return failed with { Id = configuration.Id };
        }

        LogChanged(logger, configuration.Id, configuration.SandboxId, configuration.Status);
        return new ChannelConfigurationResult(ChannelConfigurationOutcome.Submitted, configuration.Id);
    }

    /// <summary>Drops the pending change of an Active configuration (checked or failed); the active version stays.</summary>
    public async Task<ChannelConfigurationResult> DiscardChangeAsync(int sandboxId, int id, int expectedVersion, Actor actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (configuration, refusal) = await LoadAsync(sandboxId, id, expectedVersion, cancellationToken);
        if (configuration is null)
        {
            return refusal!;
        }

        if (configuration.PendingCheck is null)
        {
            return NotAllowed(NotAllowedDiscard);
        }

        configuration.ClearPendingChange();
        configuration.ReleaseClaim();
        Stamp(configuration, expectedVersion, actor);
        audit.Record(actor, sandboxId, AuditObjectType, Key(id), configuration.Name, Actions.ChangeDiscarded);
        return await SaveAsync(ct => db.SaveChangesAsync(ct), sandboxId, id, configuration.Name, cancellationToken)
               ?? new ChannelConfigurationResult(ChannelConfigurationOutcome.ChangeDiscarded, id);
    }

    /// <summary>Draft and Failed configurations can be deleted; Active must be deactivated first; Deactivated are kept.</summary>
    public Task<ChannelConfigurationResult> DeleteAsync(int sandboxId, int id, Actor actor, CancellationToken cancellationToken) =>
        DeleteAsync(sandboxId, id, actor, expectedVersion: null, cancellationToken);

    /// <summary>
    /// As <see cref="DeleteAsync(int, int, Actor, CancellationToken)"/>, only if the configuration is still at
    /// <paramref name="expectedVersion"/> (when given; the REST API's <c>If-Match</c>), checked in the DELETE itself.
    /// </summary>
    public async Task<ChannelConfigurationResult> DeleteAsync(int sandboxId, int id, Actor actor, int? expectedVersion,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var configuration = await Configurations.FirstOrDefaultAsync(c => c.Id == id && c.SandboxId == sandboxId, cancellationToken);
        if (configuration is null)
        {
            return ChannelConfigurationResult.Fail(ChannelConfigurationOutcome.NotFound);
        }

        // Version is a concurrency token: the DELETE's condition holds the version read here, so an edit committed after
        // this check fails the save instead of being deleted unseen.
        if (expectedVersion is { } expected && configuration.Version != expected)
        {
            return ChannelConfigurationResult.Fail(ChannelConfigurationOutcome.ConcurrencyConflict) with { Id = id };
        }

        var refusal = configuration.Status switch
        {
            ChannelConfigurationStatus.Active => NotAllowedDeleteActive,
            ChannelConfigurationStatus.Deactivated => NotAllowedDeleteKept,
            ChannelConfigurationStatus.Processing => NotAllowedDeleteProcessing,
            _ => null,
        };
        if (refusal is not null)
        {
            return NotAllowed(refusal) with { Id = id };
        }

        Configurations.Remove(configuration);
        audit.Record(actor, sandboxId, AuditObjectType, Key(id), configuration.Name, AuditLog.Actions.Deleted);
        var failed = await SaveAsync(ct => db.SaveChangesAsync(ct), sandboxId, id, configuration.Name, cancellationToken);
        if (failed is not null)
        {
            // Without an expected version a concurrency failure means the row is gone: someone deleted it first.
            return failed.Outcome == ChannelConfigurationOutcome.ConcurrencyConflict && expectedVersion is null
                ? ChannelConfigurationResult.Fail(ChannelConfigurationOutcome.NotFound)
                : failed;
        }

        LogDeleted(logger, id, sandboxId);
        return new ChannelConfigurationResult(ChannelConfigurationOutcome.Deleted, id);
    }

    /// <summary>Records a status change in the audit log (same unit of work as the change).</summary>
    internal void RecordStatus(Actor actor, ChannelConfiguration configuration, ChannelConfigurationStatus? from, string? action = null) =>
        audit.Record(actor, configuration.SandboxId, AuditObjectType, Key(configuration.Id), configuration.Name,
            action ?? configuration.Status switch
            {
                ChannelConfigurationStatus.Processing => Actions.Submitted,
                ChannelConfigurationStatus.Active => Actions.Activated,
                ChannelConfigurationStatus.Deactivated => Actions.Deactivated,
                _ => AuditLog.Actions.Updated,
            },
            [new AuditChange("Status", from?.ToString(), configuration.Status.ToString())]);

    /// <summary>The normalised values to store, or the refusal (format, required on submit, credential, channel, name).</summary>
    private async Task<(ChannelSettings? Values, ChannelConfigurationResult? Refusal)> PrepareAsync(int sandboxId, int? id,
        ChannelConfigurationInput input, bool submit, MobileChannel? requiredChannel, CancellationToken cancellationToken)
    {
        var errors = validator.Validate(input).Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToList();
        if (submit)
        {
            errors.AddRange(ChannelConfigurationRules.RequiredForSubmit(input)
                .Where(r => errors.All(e => e.Field != r.Field)));
        }

        MobileChannel channel = requiredChannel ?? MobileChannel.Sms;
        if (input.ApiCredentialId is > 0 && errors.All(e => e.Field != nameof(ChannelConfigurationInput.ApiCredentialId)))
        {
            var credential = await db.ApiCredentials.AsNoTracking()
                .Where(c => c.Id == input.ApiCredentialId && c.SandboxId == sandboxId)
                .Select(c => new { c.Vendor, c.Address })
                .FirstOrDefaultAsync(cancellationToken);
            if (credential is null)
            {
                errors.Add(new FieldError(nameof(ChannelConfigurationInput.ApiCredentialId), ChannelConfigurationRules.CredentialNotFound));
            }
            else
            {
                channel = vendors[credential.Vendor].ChannelOf(credential.Address);
                if (requiredChannel is { } required && channel != required)
                {
                    errors.Add(new FieldError(nameof(ChannelConfigurationInput.ApiCredentialId), ChannelConfigurationRules.ChannelChanged));
                }
            }
        }

        if (errors.Count > 0)
        {
            return (null, new ChannelConfigurationResult(ChannelConfigurationOutcome.Invalid, id, errors));
        }

        var name = input.Name!.Trim();
        if (await NameTakenAsync(sandboxId, id, name, cancellationToken))
        {
            return (null, NameTakenResult());
        }

        return (new ChannelSettings(name, ChannelConfigurationRules.Blank(input.Description), input.SmsType, input.ApiCredentialId, channel,
            ChannelConfigurationRules.NormalizeSender(input.SenderNumber),
            ChannelConfigurationRules.Blank(input.Subdomain)?.ToLowerInvariant(),
            ChannelConfigurationRules.Blank(input.ExecutionField)), null);
    }

    private async Task<(ChannelConfiguration? Configuration, ChannelConfigurationResult? Refusal)> LoadAsync(int sandboxId, int id,
        int expectedVersion, CancellationToken cancellationToken)
    {
        var configuration = await Configurations.FirstOrDefaultAsync(c => c.Id == id && c.SandboxId == sandboxId, cancellationToken);
        if (configuration is null)
        {
            return (null, ChannelConfigurationResult.Fail(ChannelConfigurationOutcome.NotFound));
        }

        return configuration.Version == expectedVersion ? (configuration, null) : (null, ConcurrencyConflict() with { Id = id });
    }

    /// <summary>Who and when, and the next version; the save then fails if someone else saved in between.</summary>
    private void Stamp(ChannelConfiguration configuration, int expectedVersion, Actor actor)
    {
        configuration.ModifiedAtUtc = time.GetUtcNow().UtcDateTime;
        configuration.ModifiedBy = actor.UserName;
        configuration.Version = expectedVersion + 1;
        db.Entry(configuration).Property(c => c.Version).OriginalValue = expectedVersion;
    }

    private static ChannelConfigurationResult NotAllowed(string message) =>
        ChannelConfigurationResult.Fail(ChannelConfigurationOutcome.NotAllowed, new FieldError(FieldError.FormLevel, message));

    private static ChannelConfigurationResult ConcurrencyConflict() =>
        ChannelConfigurationResult.Fail(ChannelConfigurationOutcome.ConcurrencyConflict, new FieldError(FieldError.FormLevel, ConcurrencyMessage));

    private static ChannelConfigurationResult NameTakenResult() => ChannelConfigurationResult.Fail(ChannelConfigurationOutcome.NameTaken,
        new FieldError(nameof(ChannelConfigurationInput.Name), ChannelConfigurationRules.NameTaken));

    private Task<bool> NameTakenAsync(int sandboxId, int? id, string name, CancellationToken cancellationToken)
    {
        var normalized = ChannelConfiguration.NormalizeName(name);
        return Configurations.AnyAsync(c => c.SandboxId == sandboxId && c.NormalizedName == normalized && c.Id != id, cancellationToken);
    }

    /// <summary>Runs the save; null on success, else the refusal (nothing half-saved lingers: <see cref="GuardedSave"/>).</summary>
    private async Task<ChannelConfigurationResult?> SaveAsync(Func<CancellationToken, Task> save, int sandboxId, int? id, string name,
        CancellationToken cancellationToken) =>
        await db.TrySaveAsync(save, logger, AuditObjectType, cancellationToken) switch
        {
            SaveOutcome.Saved => null,
            SaveOutcome.ConcurrencyConflict => ConcurrencyConflict(),
            _ when await NameTakenAsync(sandboxId, id, name, cancellationToken) => NameTakenResult(),
            _ => ChannelConfigurationResult.Fail(ChannelConfigurationOutcome.Invalid, new FieldError(FieldError.FormLevel, SaveFailed)),
        };

    internal static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel configuration {ChannelConfigurationId} in sandbox {SandboxId} is now {Status}")]
    private static partial void LogChanged(ILogger logger, int channelConfigurationId, int sandboxId, ChannelConfigurationStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel configuration {ChannelConfigurationId} deleted in sandbox {SandboxId}")]
    private static partial void LogDeleted(ILogger logger, int channelConfigurationId, int sandboxId);
}
