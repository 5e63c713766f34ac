using System.Globalization;
using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.Core.Channels;

/// <summary>The status changes a user makes from the list: deactivation, activation and duplication as a draft.</summary>
public sealed partial class ChannelConfigurationCommands
{
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
        configuration.ClearPendingChange();
        configuration.ReleaseClaim();
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

        audit.Record(actor, sandboxId, AuditObjectType, Key(result.Id!.Value), name, Actions.Duplicated,
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
}
