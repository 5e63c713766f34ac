using System.Globalization;
using System.Text;
using FluentValidation;
using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace JourneyOptimizer.Sms.Core.Channels;

/// <summary>
/// Channel configurations of one sandbox (PRODUCT.md 5): drafts, submission (checked in the background by
/// <see cref="ChannelCheckProcessor"/>), edits of active configurations as pending changes, activation, duplication,
/// deletion and test messages. Credentials are reached only through <see cref="ApiCredentialService"/>: this service
/// never reads a secret.
/// </summary>
public sealed partial class ChannelConfigurationService(
    SmsDbContext db,
    ApiCredentialService credentials,
    AuditLog audit,
    TimeProvider time,
    IValidator<ChannelConfigurationInput> validator,
    SqliteReadConnections reads,
    ILogger<ChannelConfigurationService> logger)
{
    public const string AuditObjectType = "ChannelConfiguration";
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const int MaxCredentialOptions = 500;

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
    public const string TestNotActive = "Only an active channel configuration can send a test message.";
    public const string OptedOut = "This number opted out of marketing messages from {0}: a Marketing configuration cannot send to it.";
    public const string SaveFailed = "The channel configuration could not be saved. Check the fields and try again.";

    private DbSet<ChannelConfiguration> Configurations => db.Set<ChannelConfiguration>();

    /// <summary>
    /// One page of the sandbox's configurations in name order, filtered by status, SMS type and a name prefix. Keyset
    /// paging on (sandbox, [status | type], normalised name), as for credentials (docs/decisions/0001).
    /// </summary>
    public async Task<Page<ChannelConfigurationListItem>> ListAsync(int sandboxId, ChannelConfigurationFilter filter, string? cursor,
        int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        string? prefix = null;
        string? upper = null;
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            prefix = ChannelConfiguration.NormalizeName(filter.Search);
            upper = prefix + "\U0010FFFF";
        }

        var (before, key) = DecodeCursor(cursor);
        List<ChannelConfigurationListItem> rows;
        if (reads.IsAvailable)
        {
            rows = ReadListPage(reads, sandboxId, filter, prefix, upper, before, key, pageSize + 1);
        }
        else
        {
            rows = new List<ChannelConfigurationListItem>(pageSize + 1);
            var query = before == true
                ? ListBefore(db, sandboxId, filter.Status, filter.SmsType, prefix, upper, key, pageSize + 1)
                : ListAfter(db, sandboxId, filter.Status, filter.SmsType, prefix, upper, before == false ? key : null, pageSize + 1);
            await foreach (var row in query.WithCancellation(cancellationToken))
            {
                rows.Add(row);
            }
        }

        if (before == true)
        {
            var more = rows.Count > pageSize;
            if (more)
            {
                rows.RemoveAt(rows.Count - 1);
            }

            rows.Reverse();
            return new Page<ChannelConfigurationListItem>(rows,
                rows.Count > 0 ? EncodeCursor(false, rows[^1].Name) : null,
                more ? EncodeCursor(true, rows[0].Name) : null);
        }

        var hasMore = rows.Count > pageSize;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return new Page<ChannelConfigurationListItem>(rows,
            hasMore ? EncodeCursor(false, rows[^1].Name) : null,
            before == false && rows.Count > 0 ? EncodeCursor(true, rows[0].Name) : null);
    }

    // The list's two queries (forwards from the start or after a key, backwards before a key), compiled once. Each
    // optional filter is a nullable parameter: EF drops a "parameter IS NULL OR ..." condition from the SQL it sends when
    // the parameter is null (one SQL text per combination, cached), so the database sees only the filters in use and
    // seeks one of its (SandboxId, ...) indexes in name order (ChannelListQueryPlanTests). As a LINQ query built per
    // request, parameter extraction and the query cache lookup were a quarter of the list's query time
    // (docs/performance.md). The credential's name is joined explicitly, before the page is cut: through the navigation,
    // EF joined it to a subquery of the page, which SQLite ran as a co-routine and sorted again (1.6x the time of this
    // single SELECT; fifth round).
    private static readonly System.Linq.Expressions.Expression<Func<ListRow, ChannelConfigurationListItem>> ListItem =
        r => new ChannelConfigurationListItem(r.Configuration.Id, r.Configuration.Name, r.Configuration.Status, r.Configuration.Channel,
            r.Configuration.SmsType, r.CredentialName, r.Configuration.SenderNumber, r.Configuration.PendingCheck,
            r.Configuration.ModifiedBy, r.Configuration.ModifiedAtUtc);

    /// <summary>A configuration with its credential's name, joined before the page is cut (see the note above).</summary>
    private sealed class ListRow
    {
        public required ChannelConfiguration Configuration { get; init; }

        public string? CredentialName { get; init; }
    }

    internal static readonly Func<SmsDbContext, int, ChannelConfigurationStatus?, SmsType?, string?, string?, string?, int,
        IAsyncEnumerable<ChannelConfigurationListItem>> ListAfter = PerModelQuery.CompileAsyncQuery(
        (SmsDbContext context, int sandboxId, ChannelConfigurationStatus? status, SmsType? type, string? prefix, string? upper,
            string? after, int take) => context.Set<ChannelConfiguration>().AsNoTracking()
                .Where(c => c.SandboxId == sandboxId
                    && (status == null || c.Status == status)
                    && (type == null || c.SmsType == type)
                    && (prefix == null || (c.NormalizedName.CompareTo(prefix) >= 0 && c.NormalizedName.CompareTo(upper) < 0))
                    && (after == null || c.NormalizedName.CompareTo(after) > 0))
                .LeftJoin(context.Set<ApiCredential>(), c => c.ApiCredentialId, a => (int?)a.Id,
                    (c, a) => new ListRow { Configuration = c, CredentialName = a == null ? null : a.Name })
                .OrderBy(r => r.Configuration.NormalizedName).Take(take)
                .Select(ListItem));

    internal static readonly Func<SmsDbContext, int, ChannelConfigurationStatus?, SmsType?, string?, string?, string, int,
        IAsyncEnumerable<ChannelConfigurationListItem>> ListBefore = PerModelQuery.CompileAsyncQuery(
        (SmsDbContext context, int sandboxId, ChannelConfigurationStatus? status, SmsType? type, string? prefix, string? upper,
            string before, int take) => context.Set<ChannelConfiguration>().AsNoTracking()
                .Where(c => c.SandboxId == sandboxId
                    && (status == null || c.Status == status)
                    && (type == null || c.SmsType == type)
                    && (prefix == null || (c.NormalizedName.CompareTo(prefix) >= 0 && c.NormalizedName.CompareTo(upper) < 0))
                    && c.NormalizedName.CompareTo(before) < 0)
                .LeftJoin(context.Set<ApiCredential>(), c => c.ApiCredentialId, a => (int?)a.Id,
                    (c, a) => new ListRow { Configuration = c, CredentialName = a == null ? null : a.Name })
                .OrderByDescending(r => r.Configuration.NormalizedName).Take(take)
                .Select(ListItem));

    /// <summary>The statuses of some rows of the list (for its polling), at most 200.</summary>
    public async Task<IReadOnlyList<ChannelConfigurationState>> StatesAsync(int sandboxId, IReadOnlyCollection<int> ids,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = ids.Distinct().Take(MaxPageSize).ToList();
        var rows = await Configurations.AsNoTracking()
            .Where(c => c.SandboxId == sandboxId && wanted.Contains(c.Id))
            .Select(c => new { c.Id, c.Status, c.PendingCheck, c.CheckErrorsJson, c.PendingErrorsJson })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ChannelConfigurationState(r.Id, r.Status, r.PendingCheck,
            CheckErrors.FromJson(r.CheckErrorsJson), CheckErrors.FromJson(r.PendingErrorsJson))).ToList();
    }

    /// <summary>The configuration with its credentials' names, without tracking; null when it is not in this sandbox.</summary>
    public Task<ChannelConfiguration?> FindAsync(int sandboxId, int id, CancellationToken cancellationToken) =>
        Configurations.AsNoTracking().Include(c => c.ApiCredential).Include(c => c.PendingApiCredential)
            .FirstOrDefaultAsync(c => c.Id == id && c.SandboxId == sandboxId, cancellationToken);

    /// <summary>The sandbox's API credentials for the "Mobile configuration" choice, by name (at most <see cref="MaxCredentialOptions"/>).</summary>
    public async Task<IReadOnlyList<CredentialOption>> CredentialOptionsAsync(int sandboxId, CancellationToken cancellationToken)
    {
        var rows = await db.ApiCredentials.AsNoTracking().Where(c => c.SandboxId == sandboxId)
            .OrderBy(c => c.NormalizedName).Take(MaxCredentialOptions)
            .Select(c => new { c.Id, c.Name, c.Vendor, c.Address })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new CredentialOption(r.Id, r.Name, r.Vendor, MobileChannels.Of(r.Vendor, r.Address))).ToList();
    }

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
            audit.Record(actor, sandboxId, AuditObjectType, Invariant(configuration.Id), configuration.Name, AuditLog.Actions.Created,
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

        var before = Values.Of(configuration).Snapshot();
        var oldStatus = configuration.Status;
        values!.ApplyTo(configuration);
        configuration.Name = values.Name;
        configuration.NormalizedName = ChannelConfiguration.NormalizeName(values.Name);
        configuration.Status = submit ? ChannelConfigurationStatus.Processing : ChannelConfigurationStatus.Draft;
        configuration.CheckErrorsJson = null;

        ReleaseClaim(configuration);
        Stamp(configuration, expectedVersion, actor);
        var changes = AuditLog.Diff(before, values.Snapshot());
        if (changes.Count > 0)
        {
            audit.Record(actor, sandboxId, AuditObjectType, Invariant(id), configuration.Name, AuditLog.Actions.Updated, changes);
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

        var active = Values.Of(configuration);
        var pending = configuration.PendingCheck is null ? active : Values.Pending(configuration);
        if (values!.SameSettingsAs(active))
        {
            // Back to the active version: a pending change, if any, is dropped.
            if (configuration.PendingCheck is null)
            {
                return new ChannelConfigurationResult(ChannelConfigurationOutcome.Saved, configuration.Id);
            }

            ClearPending(configuration);
            ReleaseClaim(configuration);
            Stamp(configuration, configuration.Version, actor);
            audit.Record(actor, configuration.SandboxId, AuditObjectType, Invariant(configuration.Id), configuration.Name,
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
        ReleaseClaim(configuration);
        Stamp(configuration, configuration.Version, actor);
        audit.Record(actor, configuration.SandboxId, AuditObjectType, Invariant(configuration.Id), configuration.Name,
            AuditLog.Actions.Updated, AuditLog.Diff(pending.Snapshot(), values.Snapshot()));
        audit.Record(actor, configuration.SandboxId, AuditObjectType, Invariant(configuration.Id), configuration.Name, Actions.Submitted,
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

        ClearPending(configuration);
        ReleaseClaim(configuration);
        Stamp(configuration, expectedVersion, actor);
        audit.Record(actor, sandboxId, AuditObjectType, Invariant(id), configuration.Name, Actions.ChangeDiscarded);
        return await SaveAsync(ct => db.SaveChangesAsync(ct), sandboxId, id, configuration.Name, cancellationToken)
               ?? new ChannelConfigurationResult(ChannelConfigurationOutcome.ChangeDiscarded, id);
    }

    /// <summary>Active to Deactivated (a pending change is dropped).</summary>
    public Task<ChannelConfigurationResult> DeactivateAsync(int sandboxId, int id, Actor actor, CancellationToken cancellationToken) =>
        TransitionAsync(sandboxId, id, actor, ChannelConfigurationStatus.Active, ChannelConfigurationStatus.Deactivated,
            NotAllowedDeactivate, ChannelConfigurationOutcome.Deactivated, cancellationToken);

    /// <summary>
    /// Deactivated to Active. It was checked when it became active and its credential stays verified by its own checks,
    /// so it serves again at once (docs/decisions/0006).
    /// </summary>
    public Task<ChannelConfigurationResult> ActivateAsync(int sandboxId, int id, Actor actor, CancellationToken cancellationToken) =>
        TransitionAsync(sandboxId, id, actor, ChannelConfigurationStatus.Deactivated, ChannelConfigurationStatus.Active,
            NotAllowedActivate, ChannelConfigurationOutcome.Activated, cancellationToken);

    private async Task<ChannelConfigurationResult> TransitionAsync(int sandboxId, int id, Actor actor, ChannelConfigurationStatus from,
        ChannelConfigurationStatus to, string refusal, ChannelConfigurationOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var configuration = await Configurations.FirstOrDefaultAsync(c => c.Id == id && c.SandboxId == sandboxId, cancellationToken);
        if (configuration is null)
        {
            return ChannelConfigurationResult.Fail(ChannelConfigurationOutcome.NotFound);
        }

        if (configuration.Status != from)
        {
            return NotAllowed(refusal) with { Id = id };
        }

        configuration.Status = to;
        ClearPending(configuration);
        ReleaseClaim(configuration);
        Stamp(configuration, configuration.Version, actor);
        RecordStatus(actor, configuration, from);
        var failed = await SaveAsync(ct => db.SaveChangesAsync(ct), sandboxId, id, configuration.Name, cancellationToken);
        if (failed is not null)
        {
            return failed with { Id = id };
        }

        LogChanged(logger, id, sandboxId, to);
        return new ChannelConfigurationResult(outcome, id);
    }

    /// <summary>A Draft copy (of the active version) named "{name}_copy" (then _copy2, _copy3...), or <paramref name="newName"/> when given.</summary>
    public async Task<ChannelConfigurationResult> DuplicateAsync(int sandboxId, int id, string? newName, Actor actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var source = await Configurations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.SandboxId == sandboxId, cancellationToken);
        if (source is null)
        {
            return ChannelConfigurationResult.Fail(ChannelConfigurationOutcome.NotFound);
        }

        var name = string.IsNullOrWhiteSpace(newName) ? await FreeCopyNameAsync(sandboxId, source.Name, cancellationToken) : newName.Trim();
        var input = new ChannelConfigurationInput
        {
            Name = name,
            Description = source.Description,
            SmsType = source.SmsType,
            ApiCredentialId = source.ApiCredentialId,
            SenderNumber = source.SenderNumber,
            Subdomain = source.Subdomain,
            ExecutionField = source.ExecutionField,
        };
        var result = await CreateAsync(sandboxId, input, submit: false, actor, cancellationToken);
        if (!result.Succeeded)
        {
            return result;
        }

        audit.Record(actor, sandboxId, AuditObjectType, Invariant(result.Id!.Value), name, Actions.Duplicated,
            [new AuditChange("Source", null, source.Name)]);
        await db.SaveChangesAsync(cancellationToken);
        return new ChannelConfigurationResult(ChannelConfigurationOutcome.Duplicated, result.Id);
    }

    private async Task<string> FreeCopyNameAsync(int sandboxId, string name, CancellationToken cancellationToken)
    {
        const string suffix = "_copy";
        var stem = name.Length + suffix.Length + 3 > ChannelConfiguration.NameMaxLength
            ? name[..(ChannelConfiguration.NameMaxLength - suffix.Length - 3)]
            : name;
        var first = stem + suffix;
        var prefix = ChannelConfiguration.NormalizeName(first);
        var taken = (await Configurations.AsNoTracking()
                .Where(c => c.SandboxId == sandboxId && c.NormalizedName.CompareTo(prefix) >= 0
                    && c.NormalizedName.CompareTo(prefix + "\U0010FFFF") < 0)
                .Select(c => c.NormalizedName).Take(1000).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        if (!taken.Contains(prefix))
        {
            return first;
        }

        for (var n = 2; n < 1000; n++)
        {
            var candidate = first + n.ToString(CultureInfo.InvariantCulture);
            if (!taken.Contains(ChannelConfiguration.NormalizeName(candidate)))
            {
                return candidate;
            }
        }

        return first + Guid.NewGuid().ToString("N")[..8];
    }

    /// <summary>Draft and Failed configurations can be deleted; Active must be deactivated first; Deactivated are kept.</summary>
    public async Task<ChannelConfigurationResult> DeleteAsync(int sandboxId, int id, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var configuration = await Configurations.FirstOrDefaultAsync(c => c.Id == id && c.SandboxId == sandboxId, cancellationToken);
        if (configuration is null)
        {
            return ChannelConfigurationResult.Fail(ChannelConfigurationOutcome.NotFound);
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
        audit.Record(actor, sandboxId, AuditObjectType, Invariant(id), configuration.Name, AuditLog.Actions.Deleted);
        var failed = await SaveAsync(ct => db.SaveChangesAsync(ct), sandboxId, id, configuration.Name, cancellationToken);
        if (failed is not null)
        {
            return failed.Outcome == ChannelConfigurationOutcome.ConcurrencyConflict
                ? ChannelConfigurationResult.Fail(ChannelConfigurationOutcome.NotFound)
                : failed;
        }

        LogDeleted(logger, id, sandboxId);
        return new ChannelConfigurationResult(ChannelConfigurationOutcome.Deleted, id);
    }

    /// <summary>
    /// Sends a test message with the active version (credential and sender number). A Marketing configuration refuses
    /// a number that opted out for its sender number; a Transactional one ignores marketing opt-outs.
    /// </summary>
    public async Task<ChannelTestMessageResult> SendTestMessageAsync(int sandboxId, int id, string to, string message, Actor actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var configuration = await Configurations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.SandboxId == sandboxId, cancellationToken);
        if (configuration is null)
        {
            return new ChannelTestMessageResult(true, [], null);
        }

        if (configuration.Status != ChannelConfigurationStatus.Active || configuration.ApiCredentialId is null
            || configuration.SenderNumber is null)
        {
            return new ChannelTestMessageResult(false, [new FieldError(FieldError.FormLevel, TestNotActive)], null);
        }

        var recipient = PhoneNumberRules.TryNormalizeE164(to);
        if (recipient is null)
        {
            return new ChannelTestMessageResult(false,
                [new FieldError("Number", "Enter the number in international format, for example +14155550100.")], null);
        }

        if (configuration.SmsType == SmsType.Marketing && await db.ConsentRecords.AsNoTracking().AnyAsync(c =>
                c.SandboxId == sandboxId && c.SenderNumber == configuration.SenderNumber && c.ProfileNumber == recipient
                && c.State == ConsentState.OptedOut, cancellationToken))
        {
            return new ChannelTestMessageResult(false, [new FieldError("Number", OptedOut, configuration.SenderNumber)], null);
        }

        var answer = await credentials.SendFromAsync(sandboxId, configuration.ApiCredentialId.Value, configuration.SenderNumber, recipient,
            message, cancellationToken);
        audit.Record(actor, sandboxId, AuditObjectType, Invariant(id), configuration.Name, AuditLog.Actions.TestMessageSent,
            [new AuditChange("Outcome", null, answer.Sent ? $"sent {answer.MessageId}" : $"failed {answer.ErrorCode}")]);
        await db.SaveChangesAsync(cancellationToken);
        return new ChannelTestMessageResult(false, [], answer);
    }

    /// <summary>
    /// The checks of a submitted configuration or change: the credential verifies and the sender number is valid for it.
    /// Empty when they pass; the reasons otherwise. Called by <see cref="ChannelCheckProcessor"/>.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> RunChecksAsync(int sandboxId, int credentialId, string senderNumber,
        CancellationToken cancellationToken)
    {
        var check = await credentials.CheckSenderAsync(sandboxId, credentialId, senderNumber, cancellationToken);
        return check.Outcome switch
        {
            SenderCheckOutcome.Passed => [],
            SenderCheckOutcome.Unreachable => [new FieldError(FieldError.FormLevel, ChannelChecks.ProviderUnreachable), .. check.Errors],
            _ => check.Errors,
        };
    }

    /// <summary>Records a status change in the audit log (same unit of work as the change).</summary>
    internal void RecordStatus(Actor actor, ChannelConfiguration configuration, ChannelConfigurationStatus? from, string? action = null) =>
        audit.Record(actor, configuration.SandboxId, AuditObjectType, Invariant(configuration.Id), configuration.Name,
            action ?? configuration.Status switch
            {
                ChannelConfigurationStatus.Processing => Actions.Submitted,
                ChannelConfigurationStatus.Active => Actions.Activated,
                ChannelConfigurationStatus.Deactivated => Actions.Deactivated,
                _ => AuditLog.Actions.Updated,
            },
            [new AuditChange("Status", from?.ToString(), configuration.Status.ToString())]);

    /// <summary>The normalised values to store, or the refusal (format, required on submit, credential, channel, name).</summary>
    private async Task<(Values? Values, ChannelConfigurationResult? Refusal)> PrepareAsync(int sandboxId, int? id,
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
                channel = MobileChannels.Of(credential.Vendor, credential.Address);
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

        return (new Values(name, ChannelConfigurationRules.Blank(input.Description), input.SmsType, input.ApiCredentialId, channel,
            ChannelConfigurationRules.NormalizeSender(input.SenderNumber),
            ChannelConfigurationRules.Blank(input.Subdomain)?.ToLowerInvariant(),
            ChannelConfigurationRules.Blank(input.ExecutionField)), null);
    }

    /// <summary>The editable values of one version of a configuration.</summary>
    private sealed record Values(string Name, string? Description, SmsType? SmsType, int? ApiCredentialId, MobileChannel Channel,
        string? SenderNumber, string? Subdomain, string? ExecutionField)
    {
        public static Values Of(ChannelConfiguration c) =>
            new(c.Name, c.Description, c.SmsType, c.ApiCredentialId, c.Channel, c.SenderNumber, c.Subdomain, c.ExecutionField);

        public static Values Pending(ChannelConfiguration c) =>
            new(c.Name, c.PendingDescription, c.PendingSmsType, c.PendingApiCredentialId, c.Channel, c.PendingSenderNumber,
                c.PendingSubdomain, c.PendingExecutionField);

        public void ApplyTo(ChannelConfiguration c)
        {
            c.Description = Description;
            c.SmsType = SmsType;
            c.ApiCredentialId = ApiCredentialId;
            c.Channel = Channel;
            c.SenderNumber = SenderNumber;
            c.Subdomain = Subdomain;
            c.ExecutionField = ExecutionField;
        }

        public bool SameSettingsAs(Values other) => this with { Name = other.Name } == other;

        public Dictionary<string, string?> Snapshot() => new(StringComparer.Ordinal)
        {
            [nameof(ChannelConfigurationInput.Name)] = Name,
            [nameof(ChannelConfigurationInput.Description)] = Description,
            [nameof(ChannelConfigurationInput.SmsType)] = SmsType?.ToString(),
            [nameof(ChannelConfigurationInput.ApiCredentialId)] = ApiCredentialId?.ToString(CultureInfo.InvariantCulture),
            ["Channel"] = Channel.ToString(),
            [nameof(ChannelConfigurationInput.SenderNumber)] = SenderNumber,
            [nameof(ChannelConfigurationInput.Subdomain)] = Subdomain,
            [nameof(ChannelConfigurationInput.ExecutionField)] = ExecutionField,
        };
    }

    internal static void ClearPending(ChannelConfiguration c)
    {
        c.PendingCheck = null;
        c.PendingDescription = null;
        c.PendingSmsType = null;
        c.PendingApiCredentialId = null;
        c.PendingSenderNumber = null;
        c.PendingSubdomain = null;
        c.PendingExecutionField = null;
        c.PendingErrorsJson = null;
    }

    /// <summary>A change makes the item new work: whoever was checking the old values loses their claim.</summary>
    internal static void ReleaseClaim(ChannelConfiguration c)
    {
        c.ClaimedBy = null;
        c.ClaimedUntilUtc = null;
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

    /// <summary>Runs the save; null on success, else the refusal (the change tracker is cleared: nothing half-saved lingers).</summary>
    private async Task<ChannelConfigurationResult?> SaveAsync(Func<CancellationToken, Task> save, int sandboxId, int? id, string name,
        CancellationToken cancellationToken)
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
            if (await NameTakenAsync(sandboxId, id, name, cancellationToken))
            {
                return NameTakenResult();
            }

            return ChannelConfigurationResult.Fail(ChannelConfigurationOutcome.Invalid, new FieldError(FieldError.FormLevel, SaveFailed));
        }
    }

    internal static string Invariant(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string EncodeCursor(bool before, string name) =>
        (before ? "b" : "a") + Convert.ToBase64String(Encoding.UTF8.GetBytes(ChannelConfiguration.NormalizeName(name)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>(null, "") for no or a malformed cursor; (false, key) for "after key"; (true, key) for "before key".</summary>
    private static (bool? Before, string Key) DecodeCursor(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 600 || (cursor[0] != 'a' && cursor[0] != 'b'))
        {
            return (null, "");
        }

        var base64 = cursor[1..].Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out var written)
            ? (cursor[0] == 'b', Encoding.UTF8.GetString(bytes, 0, written))
            : (null, "");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel configuration {ChannelConfigurationId} in sandbox {SandboxId} is now {Status}")]
    private static partial void LogChanged(ILogger logger, int channelConfigurationId, int sandboxId, ChannelConfigurationStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A channel configuration change was refused by the database ({Error}, {InnerError})")]
    private static partial void LogSaveRefused(ILogger logger, string error, string? innerError);

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel configuration {ChannelConfigurationId} deleted in sandbox {SandboxId}")]
    private static partial void LogDeleted(ILogger logger, int channelConfigurationId, int sandboxId);
}
