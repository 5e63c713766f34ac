using System.Globalization;
using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace JourneyOptimizer.Sms.Core.Consent;

public enum ConsentOutcome
{
    Changed,
    Unchanged,
    NotFound,
    Invalid,
    ConcurrencyConflict,
}

public sealed record ConsentResult(ConsentOutcome Outcome, IReadOnlyList<FieldError>? Errors = null)
{
    public bool Succeeded => Outcome is ConsentOutcome.Changed or ConsentOutcome.Unchanged;

    public IReadOnlyList<FieldError> FieldErrors => Errors ?? [];
}

/// <summary>A row of the consent list.</summary>
public sealed record ConsentListItem(long Id, string ProfileNumber, string SenderNumber, ConsentState State, ConsentSource Source,
    string? Keyword, string ChangedBy, DateTime ChangedAtUtc, int Version);

/// <summary>What an administrator types to opt a number out (or back in) by hand.</summary>
public sealed class ManualConsentInput
{
    public string? SenderNumber { get; set; }

    public string? ProfileNumber { get; set; }
}

/// <summary>
/// The consent of profile numbers per sender number of a sandbox: the list, manual opt-out and opt-in by an
/// administrator (audited), and the check a send makes.
/// </summary>
public sealed partial class ConsentService(SmsDbContext db, AuditLog audit, TimeProvider time, ILogger<ConsentService> logger)
{
    public const string AuditObjectType = "Consent";
    public const string OptedOutAction = "OptedOut";
    public const string OptedInAction = "OptedIn";

    public const string SenderNumberMessage =
        "Enter the sender number in international format (for example +14155550100) or a short code of 3 to 8 digits.";

    public const string ProfileNumberMessage = "Enter the profile number in international format (for example +14155550100).";

    public const string SenderNotInSandboxMessage =
        "This is not a sender number of this sandbox: enter the number of one of its API credentials, SMS webhooks or channel configurations.";

    /// <summary>True when the profile number opted out of the sender number: no marketing message may be sent to it.</summary>
    public Task<bool> IsOptedOutAsync(int sandboxId, string senderNumber, string profileNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(senderNumber);
        ArgumentNullException.ThrowIfNull(profileNumber);
        var sender = PhoneNumberRules.TryNormalizeNumberOrShortCode(senderNumber) ?? senderNumber.Trim();
        var profile = PhoneNumberRules.TryNormalizeE164(profileNumber) ?? profileNumber.Trim();
        return db.ConsentRecords.AsNoTracking().AnyAsync(c => c.SandboxId == sandboxId && c.SenderNumber == sender
            && c.ProfileNumber == profile && c.State == ConsentState.OptedOut, cancellationToken);
    }

    /// <summary>The sandbox's consent records, most recently changed first, optionally by profile number prefix.</summary>
    public Task<Page<ConsentListItem>> ListAsync(int sandboxId, string? search, string? cursor, int pageSize,
        CancellationToken cancellationToken)
    {
        var query = db.ConsentRecords.AsNoTracking().Where(c => c.SandboxId == sandboxId);
        if (ActivityPaging.NumberPrefix(search) is { } prefix)
        {
            var end = ActivityPaging.PrefixEnd(prefix);
            query = query.Where(c => c.ProfileNumber.CompareTo(prefix) >= 0 && c.ProfileNumber.CompareTo(end) < 0);
        }

        return ActivityPaging.PageAsync(query,
            (q, t, id) => q.Where(c => c.ChangedAtUtc < t || (c.ChangedAtUtc == t && c.Id < id)),
            (q, t, id) => q.Where(c => c.ChangedAtUtc > t || (c.ChangedAtUtc == t && c.Id > id)),
            q => q.OrderByDescending(c => c.ChangedAtUtc).ThenByDescending(c => c.Id),
            q => q.OrderBy(c => c.ChangedAtUtc).ThenBy(c => c.Id),
            q => q.Select(c => new ConsentListItem(c.Id, c.ProfileNumber, c.SenderNumber, c.State, c.Source, c.Keyword,
                c.ChangedBy, c.ChangedAtUtc, c.Version)),
            c => (c.ChangedAtUtc, c.Id), cursor, pageSize, cancellationToken);
    }

    /// <summary>Opts a number out of (or back in to) a sender number by hand, creating its record when there is none.</summary>
    public async Task<ConsentResult> SetAsync(int sandboxId, ManualConsentInput input, ConsentState state, Actor actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new List<FieldError>();
        var sender = input.SenderNumber is { Length: <= 40 } ? PhoneNumberRules.TryNormalizeNumberOrShortCode(input.SenderNumber) : null;
        if (sender is null)
        {
            errors.Add(new FieldError(nameof(ManualConsentInput.SenderNumber), SenderNumberMessage));
        }

        var profile = input.ProfileNumber is { Length: <= 40 } ? PhoneNumberRules.TryNormalizeE164(input.ProfileNumber) : null;
        if (profile is null)
        {
            errors.Add(new FieldError(nameof(ManualConsentInput.ProfileNumber), ProfileNumberMessage));
        }

        if (errors.Count > 0 || state is not (ConsentState.OptedIn or ConsentState.OptedOut))
        {
            return new ConsentResult(ConsentOutcome.Invalid, errors);
        }

        // Consent is kept per sender number of the sandbox: a number of another sandbox (or of none) would make a record
        // this sandbox's sends never look at, and would reveal nothing but could clutter another's.
        if (!await IsSenderOfSandboxAsync(sandboxId, sender!, cancellationToken))
        {
            return new ConsentResult(ConsentOutcome.Invalid,
                [new FieldError(nameof(ManualConsentInput.SenderNumber), SenderNotInSandboxMessage)]);
        }

        var record = await db.ConsentRecords.FirstOrDefaultAsync(
            c => c.SandboxId == sandboxId && c.SenderNumber == sender && c.ProfileNumber == profile, cancellationToken);
        return await ApplyAsync(sandboxId, record, sender!, profile!, state, null, actor, cancellationToken);
    }

    /// <summary>The row action of the list: opt the record's number out or in, if nobody changed it since the list was shown.</summary>
    public async Task<ConsentResult> SetAsync(int sandboxId, long id, int expectedVersion, ConsentState state, Actor actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var record = await db.ConsentRecords.FirstOrDefaultAsync(c => c.Id == id && c.SandboxId == sandboxId, cancellationToken);
        if (record is null)
        {
            return new ConsentResult(ConsentOutcome.NotFound);
        }

        if (state is not (ConsentState.OptedIn or ConsentState.OptedOut))
        {
            return new ConsentResult(ConsentOutcome.Invalid);
        }

        return await ApplyAsync(sandboxId, record, record.SenderNumber, record.ProfileNumber, state, expectedVersion, actor,
            cancellationToken);
    }

    /// <summary>
    /// The sandbox's sender numbers: its credentials' own numbers (the address the list shows, a Twilio credential's
    /// inbound number), its webhooks' and channel configurations' sender numbers (the pending change's too), and the
    /// senders of its consent records.
    /// </summary>
    private async Task<bool> IsSenderOfSandboxAsync(int sandboxId, string sender, CancellationToken cancellationToken) =>
        await db.ApiCredentials.AnyAsync(c => c.SandboxId == sandboxId && c.Address == sender, cancellationToken)
        || await db.Webhooks.AnyAsync(w => w.SandboxId == sandboxId && w.SenderNumber == sender, cancellationToken)
        || await db.Set<ChannelConfiguration>().AnyAsync(
            c => c.SandboxId == sandboxId && (c.SenderNumber == sender || c.PendingSenderNumber == sender), cancellationToken)
        || await db.ConsentRecords.AnyAsync(c => c.SandboxId == sandboxId && c.SenderNumber == sender, cancellationToken);

    private async Task<ConsentResult> ApplyAsync(int sandboxId, ConsentRecord? record, string sender, string profile,
        ConsentState state, int? expectedVersion, Actor actor, CancellationToken cancellationToken)
    {
        if (record is not null && expectedVersion is { } expected && record.Version != expected)
        {
            return Conflict();
        }

        if (record is not null && record.State == state)
        {
            return new ConsentResult(ConsentOutcome.Unchanged);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var before = record?.State.ToString();
        if (record is null)
        {
            record = new ConsentRecord
            {
                SandboxId = sandboxId,
                SenderNumber = sender,
                ProfileNumber = profile,
                ChangedBy = "",
                Version = 0,
            };
            db.ConsentRecords.Add(record);
        }
        else
        {
            db.Entry(record).Property(c => c.Version).OriginalValue = record.Version;
        }

        record.State = state;
        record.Source = ConsentSource.Manual;
        record.Keyword = null;
        record.WebhookId = null;
        record.ChangedBy = actor.UserName.Length <= ConsentRecord.ChangedByMaxLength ? actor.UserName : actor.UserName[..ConsentRecord.ChangedByMaxLength];
        record.ChangedAtUtc = now;
        record.Version++;
        audit.Record(actor, sandboxId, AuditObjectType, $"{sender}/{profile}", profile,
            state == ConsentState.OptedOut ? OptedOutAction : OptedInAction,
            [new AuditChange(nameof(ConsentRecord.State), before, state.ToString())]);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Someone (an administrator or a keyword) changed or created the record in between.
            db.ChangeTracker.Clear();
            LogSaveRefused(logger, ex.GetType().Name);
            return Conflict();
        }

        LogChanged(logger, sandboxId, state);
        return new ConsentResult(ConsentOutcome.Changed);
    }

    private static ConsentResult Conflict() => new(ConsentOutcome.ConcurrencyConflict,
        [new FieldError(FieldError.FormLevel, "The consent of this number changed in the meantime. Check the list and try again.")]);

    public static string Invariant(long id) => id.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consent set to {State} by hand in sandbox {SandboxId}")]
    private static partial void LogChanged(ILogger logger, int sandboxId, ConsentState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A consent change was refused by the database ({Error})")]
    private static partial void LogSaveRefused(ILogger logger, string error);
}
