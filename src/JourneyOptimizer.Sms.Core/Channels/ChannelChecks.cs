using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Core.Channels;

/// <summary>Settings of the background checks of channel configurations (section <c>ChannelChecks</c>).</summary>
public sealed class ChannelChecksOptions
{
    public const string SectionName = "ChannelChecks";

    /// <summary>Whether this instance runs the background loop (tests switch it off and call the processor themselves).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long the loop waits between two looks for work when there was none.</summary>
    public double PollIntervalSeconds { get; set; } = 2;

    /// <summary>How long one configuration's checks may take before they count as failed.</summary>
    public int CheckTimeoutSeconds { get; set; } = 60;

    /// <summary>How long a claim holds: after it, another instance takes over (a crashed instance's work is picked up).</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>At most this many configurations per round.</summary>
    public int BatchSize { get; set; } = 20;
}

/// <summary>The English texts of the checks (localization keys).</summary>
public static class ChannelChecks
{
    public const string CheckFailed = "The checks failed.";
    public const string ProviderUnreachable = "The provider could not be reached to check this configuration: submit it again later.";
    public const string TimedOut = "The checks did not finish within {0} seconds: submit it again later.";
}

/// <summary>
/// Runs the checks of submitted configurations and changes. The database is the queue: a configuration in Processing
/// (or with a pending change in Processing) is a work item. An instance claims one by an atomic update that succeeds
/// only when nobody holds an unexpired lease on it; the result is saved against the version it claimed, so an item
/// edited meanwhile is checked again rather than decided on stale values. Safe with several portal instances, and a
/// restart loses nothing: an expired claim is taken over.
/// </summary>
public sealed partial class ChannelCheckProcessor(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<ChannelChecksOptions> options,
    ILogger<ChannelCheckProcessor> logger)
{
    /// <summary>Who holds a claim: this machine and this process (unique per processor instance).</summary>
    public string InstanceId { get; } = Truncate($"{Guid.NewGuid():N}/{Environment.MachineName}", ChannelConfiguration.ClaimedByMaxLength);

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    /// <summary>Checks every configuration waiting now (up to <see cref="ChannelChecksOptions.BatchSize"/>); returns how many it decided.</summary>
    public async Task<int> ProcessPendingAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var decided = 0;
        var tried = new HashSet<int>();
        while (tried.Count < settings.BatchSize)
        {
            var item = await NextAsync(tried, cancellationToken);
            if (item is null)
            {
                break;
            }

            tried.Add(item.Value.Id);
            if (!await TryClaimAsync(item.Value.Id, item.Value.Version, cancellationToken))
            {
                continue;
            }

            if (await CheckClaimedAsync(item.Value.Id, item.Value.Version, cancellationToken))
            {
                decided++;
            }
        }

        return decided;
    }

    private async Task<(int Id, int Version)?> NextAsync(HashSet<int> tried, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SmsDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var item = await db.Set<ChannelConfiguration>().AsNoTracking()
            .Where(c => (c.Status == ChannelConfigurationStatus.Processing || c.PendingCheck == ChangeCheckStatus.Processing)
                        && (c.ClaimedUntilUtc == null || c.ClaimedUntilUtc < now)
                        && !tried.Contains(c.Id))
            .OrderBy(c => c.ModifiedAtUtc).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Version })
            .FirstOrDefaultAsync(cancellationToken);
        return item is null ? null : (item.Id, item.Version);
    }

    /// <summary>
    /// The claim: one UPDATE that sets this instance's lease only if the item still has the version seen and no live
    /// lease. The database serialises competing claims; exactly one of them changes a row.
    /// </summary>
    internal async Task<bool> TryClaimAsync(int id, int version, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SmsDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var until = now.AddSeconds(options.Value.LeaseSeconds);
        var claimed = await db.Set<ChannelConfiguration>()
            .Where(c => c.Id == id && c.Version == version && (c.ClaimedUntilUtc == null || c.ClaimedUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClaimedBy, InstanceId).SetProperty(c => c.ClaimedUntilUtc, until),
                cancellationToken);
        return claimed == 1;
    }

    /// <summary>Runs the checks of a claimed item and saves the decision; false when the item changed meanwhile.</summary>
    private async Task<bool> CheckClaimedAsync(int id, int version, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SmsDbContext>();
        var credentials = scope.ServiceProvider.GetRequiredService<ApiCredentialService>();
        var configuration = await db.Set<ChannelConfiguration>().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (configuration is null || configuration.Version != version || configuration.ClaimedBy != InstanceId || !configuration.NeedsCheck)
        {
            return false;
        }

        var pending = configuration.PendingCheck == ChangeCheckStatus.Processing;
        var credentialId = pending ? configuration.PendingApiCredentialId : configuration.ApiCredentialId;
        var sender = pending ? configuration.PendingSenderNumber : configuration.SenderNumber;
        var errors = await RunWithTimeoutAsync(credentials, configuration.SandboxId, credentialId, sender, cancellationToken);

        var now = time.GetUtcNow().UtcDateTime;
        configuration.CheckedAtUtc = now;
        var oldStatus = configuration.Status;
        if (pending)
        {
            if (errors.Count == 0)
            {
                configuration.Description = configuration.PendingDescription;
                configuration.SmsType = configuration.PendingSmsType;
                configuration.ApiCredentialId = configuration.PendingApiCredentialId;
                configuration.SenderNumber = configuration.PendingSenderNumber;
                configuration.Subdomain = configuration.PendingSubdomain;
                configuration.ExecutionField = configuration.PendingExecutionField;
                configuration.ClearPendingChange();
            }
            else
            {
                configuration.PendingCheck = ChangeCheckStatus.Failed;
                configuration.PendingErrorsJson = CheckErrors.ToJson(errors);
            }
        }
        else
        {
            configuration.Status = errors.Count == 0 ? ChannelConfigurationStatus.Active : ChannelConfigurationStatus.Failed;
            configuration.CheckErrorsJson = errors.Count == 0 ? null : CheckErrors.ToJson(errors);
        }

        configuration.ReleaseClaim();
        configuration.Version = version + 1;
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var changes = new List<Audit.AuditChange>
        {
            pending
                ? new("PendingChange", nameof(ChangeCheckStatus.Processing), errors.Count == 0 ? "Applied" : nameof(ChangeCheckStatus.Failed))
                : new("Status", oldStatus.ToString(), configuration.Status.ToString()),
        };
        // With its arguments (the timeout's seconds, the provider's code), so the log words the reason in full.
        changes.AddRange(errors.Take(5).Select(e => new Audit.AuditChange("Reason", null, StoredMessage.Encode(e, 500))));
        audit.Record(Actor.System, configuration.SandboxId, ChannelConfigurationCommands.AuditObjectType,
            ChannelConfigurationCommands.Key(id), configuration.Name,
            errors.Count == 0 ? ChannelConfigurationCommands.Actions.CheckPassed : ChannelConfigurationCommands.Actions.CheckFailed, changes);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Edited while being checked: the edit released the claim and made it new work; this result is stale.
            LogStale(logger, id);
            return false;
        }

        LogDecided(logger, id, configuration.SandboxId, pending, errors.Count == 0);
        return true;
    }

    private async Task<IReadOnlyList<FieldError>> RunWithTimeoutAsync(ApiCredentialService credentials, int sandboxId, int? credentialId,
        string? sender, CancellationToken cancellationToken)
    {
        if (credentialId is null || sender is null)
        {
            return [new FieldError(SenderCheckField(credentialId is null), credentialId is null
                ? ChannelConfigurationRules.CredentialRequired
                : ChannelConfigurationRules.SenderRequired)];
        }

        var seconds = options.Value.CheckTimeoutSeconds;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            // The credential verifies and the sender number is valid for it; a provider out of reach is a reason too.
            var check = await credentials.CheckSenderAsync(sandboxId, credentialId.Value, sender, linked.Token);
            return check.Outcome switch
            {
                SenderCheckOutcome.Passed => [],
                SenderCheckOutcome.Unreachable => [new FieldError(FieldError.FormLevel, ChannelChecks.ProviderUnreachable), .. check.Errors],
                _ => check.Errors,
            };
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return [new FieldError(FieldError.FormLevel, ChannelChecks.TimedOut, seconds)];
        }
    }

    private static string SenderCheckField(bool credential) =>
        credential ? nameof(ChannelConfigurationInput.ApiCredentialId) : nameof(ChannelConfigurationInput.SenderNumber);

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel configuration {ChannelConfigurationId} in sandbox {SandboxId} checked (change: {IsChange}): passed {Passed}")]
    private static partial void LogDecided(ILogger logger, int channelConfigurationId, int sandboxId, bool isChange, bool passed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel configuration {ChannelConfigurationId} changed while checked: checked again")]
    private static partial void LogStale(ILogger logger, int channelConfigurationId);
}

/// <summary>The loop that runs <see cref="ChannelCheckProcessor.ProcessPendingAsync"/> every poll interval.</summary>
public sealed partial class ChannelCheckService(
    ChannelCheckProcessor processor,
    TimeProvider time,
    IOptions<ChannelChecksOptions> options,
    ILogger<ChannelCheckService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(options.Value.PollIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await processor.ProcessPendingAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must outlive a database hiccup: the failure is logged and the round retried.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogRoundFailed(logger, ex);
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of channel configuration checks failed; retrying after the poll interval")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}

public static class ChannelServiceCollectionExtensions
{
    /// <summary>Channel configurations: queries, commands, test messages, the check processor and its background loop.</summary>
    public static IServiceCollection AddChannelConfigurations(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ChannelChecksOptions>()
            .BindConfiguration(ChannelChecksOptions.SectionName)
            .Validate(o => o.PollIntervalSeconds is >= 0.05 and <= 3600, "ChannelChecks:PollIntervalSeconds must be between 0.05 and 3600.")
            .Validate(o => o.CheckTimeoutSeconds is >= 1 and <= 600, "ChannelChecks:CheckTimeoutSeconds must be between 1 and 600.")
            .Validate(o => o.LeaseSeconds > o.CheckTimeoutSeconds, "ChannelChecks:LeaseSeconds must be longer than CheckTimeoutSeconds.")
            .Validate(o => o.BatchSize is >= 1 and <= 1000, "ChannelChecks:BatchSize must be between 1 and 1000.")
            .ValidateOnStart();
        services.AddScoped<ChannelConfigurationQueries>();
        services.AddScoped<ChannelConfigurationCommands>();
        services.AddScoped<ChannelTestMessages>();
        services.AddSingleton<ChannelCheckProcessor>();
        services.AddHostedService<ChannelCheckService>();
        return services;
    }
}
