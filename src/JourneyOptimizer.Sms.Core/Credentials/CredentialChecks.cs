using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>Settings of the scheduled re-checks of API credentials (section <c>CredentialChecks</c>).</summary>
public sealed class CredentialChecksOptions
{
    public const string SectionName = "CredentialChecks";

    /// <summary>Whether this instance runs the background loop (tests switch it off and run rounds themselves).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often each credential is verified again with its provider.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long the loop waits between two looks for due credentials.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The pause between two checks of a round, so that many due credentials do not hit a provider at once.</summary>
    public TimeSpan Spacing { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>When a provider could not be reached (or answered 429), that credential is tried again after this.</summary>
    public TimeSpan RetryUnreachableAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest the loop backs off after rounds that met an unreachable or busy provider.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one check may take; its claim lasts longer, so another instance takes over only after it.</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>At most this many credentials per round.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How long a claim holds: a crashed instance's check is taken over after it.</summary>
    public TimeSpan Lease => CheckTimeout * 2;
}

/// <summary>What one round did: the credentials checked, and whether a provider was unreachable or busy (the loop backs off).</summary>
public sealed record CredentialCheckRound(int Checked, int Failed, bool ProviderBusy);

/// <summary>
/// Re-verifies API credentials on a schedule through <see cref="ApiCredentialService.RecheckAsync"/> (so every vendor
/// with a check of its own, and none that is verified by test messages). The database is the queue, as for the
/// channel checks: a credential is due when its <see cref="ApiCredential.NextCheckAtUtc"/> has passed (or, without
/// one, an interval after its last verification); an instance claims it with one conditional UPDATE that moves
/// <see cref="ApiCredential.NextCheckAtUtc"/> to the end of a lease only if it still holds the value seen, so with
/// several instances exactly one checks it, and a crashed instance's claim runs out. Each next check gets up to a
/// tenth of the interval of jitter, so credentials made together drift apart.
/// </summary>
public sealed partial class CredentialCheckProcessor(
    IServiceScopeFactory scopes,
    CredentialVendors vendors,
    TimeProvider time,
    IOptions<CredentialChecksOptions> options,
    ILogger<CredentialCheckProcessor> logger)
{
    /// <summary>Checks the credentials due now, one after another with <see cref="CredentialChecksOptions.Spacing"/>; stops at a busy provider.</summary>
    public async Task<CredentialCheckRound> RunDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var tried = new HashSet<int>();
        var (done, failed) = (0, 0);
        while (tried.Count < settings.BatchSize)
        {
            var item = await NextDueAsync(tried, cancellationToken);
            if (item is null)
            {
                break;
            }

            tried.Add(item.Value.Id);
            if (!await TryClaimAsync(item.Value.Id, item.Value.NextCheckAtUtc, cancellationToken))
            {
                continue;
            }

            if (done > 0 && settings.Spacing > TimeSpan.Zero)
            {
                await Task.Delay(settings.Spacing, time, cancellationToken);
            }

            var outcome = await CheckAsync(item.Value.Id, cancellationToken);
            done++;
            failed += outcome == RecheckOutcome.Failed ? 1 : 0;
            if (outcome == RecheckOutcome.Unreachable)
            {
                // Gentle on a provider that is down or rate limiting: the rest waits for the loop's back-off.
                return new CredentialCheckRound(done, failed, ProviderBusy: true);
            }
        }

        return new CredentialCheckRound(done, failed, ProviderBusy: false);
    }

    private async Task<(int Id, DateTime? NextCheckAtUtc)?> NextDueAsync(HashSet<int> tried, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SmsDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var unscheduledDue = now - options.Value.Interval;
        var query = db.ApiCredentials.AsNoTracking()
            .Where(c => !tried.Contains(c.Id)
                && ((c.NextCheckAtUtc != null && c.NextCheckAtUtc <= now)
                    || (c.NextCheckAtUtc == null && (c.LastVerifiedAtUtc ?? c.ModifiedAtUtc) <= unscheduledDue)));
        foreach (var vendor in vendors.All.Where(v => v.VerifiedByTestMessage))
        {
            var key = vendor.Vendor;
            query = query.Where(c => c.Vendor != key);
        }

        var item = await query
            .OrderBy(c => c.NextCheckAtUtc ?? c.LastVerifiedAtUtc ?? c.ModifiedAtUtc).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.NextCheckAtUtc })
            .FirstOrDefaultAsync(cancellationToken);
        return item is null ? null : (item.Id, item.NextCheckAtUtc);
    }

    /// <summary>
    /// The claim: one UPDATE that moves the credential's next check to the end of this instance's lease, only if it
    /// still holds the value seen. The database serialises competing claims: exactly one changes the row.
    /// </summary>
    internal async Task<bool> TryClaimAsync(int id, DateTime? seen, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SmsDbContext>();
        var until = time.GetUtcNow().UtcDateTime + options.Value.Lease;
        var claimed = await db.ApiCredentials
            .Where(c => c.Id == id && c.NextCheckAtUtc == seen)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextCheckAtUtc, until), cancellationToken);
        return claimed == 1;
    }

    private async Task<RecheckOutcome> CheckAsync(int id, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var credentials = scope.ServiceProvider.GetRequiredService<ApiCredentialService>();
        var now = time.GetUtcNow().UtcDateTime;
        var jitter = TimeSpan.FromTicks((long)(settings.Interval.Ticks * 0.1 * Random.Shared.NextDouble()));
        using var timeout = new CancellationTokenSource(settings.CheckTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var outcome = await credentials.RecheckAsync(id, now + settings.Interval + jitter, now + settings.RetryUnreachableAfter, linked.Token);
            LogChecked(logger, id, outcome);
            return outcome;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The claim stays until its lease ends: then the credential is due again.
            LogTimedOut(logger, id);
            return RecheckOutcome.Unreachable;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "API credential {CredentialId} re-checked: {Outcome}")]
    private static partial void LogChecked(ILogger logger, int credentialId, RecheckOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The re-check of API credential {CredentialId} timed out; it is tried again after its lease")]
    private static partial void LogTimedOut(ILogger logger, int credentialId);
}

/// <summary>
/// The loop that runs <see cref="CredentialCheckProcessor.RunDueAsync"/> every poll interval, and backs off
/// (doubling up to <see cref="CredentialChecksOptions.MaxBackoff"/>) after rounds that met a busy or unreachable provider.
/// </summary>
public sealed partial class CredentialCheckService(
    CredentialCheckProcessor processor,
    TimeProvider time,
    IOptions<CredentialChecksOptions> options,
    ILogger<CredentialCheckService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var round = await processor.RunDueAsync(stoppingToken);
                backoff = round.ProviderBusy ? NextBackoff(backoff, settings) : TimeSpan.Zero;
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
                await Task.Delay(settings.PollInterval + backoff, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The next back-off: the poll interval at first, then doubled, at most <see cref="CredentialChecksOptions.MaxBackoff"/>.</summary>
    public static TimeSpan NextBackoff(TimeSpan current, CredentialChecksOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var next = current == TimeSpan.Zero ? settings.PollInterval : current * 2;
        return next > settings.MaxBackoff ? settings.MaxBackoff : next;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of credential re-checks failed; retrying after the poll interval")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}

public static class CredentialChecksServiceCollectionExtensions
{
    /// <summary>The scheduled re-checks of API credentials: options, the processor and its background loop.</summary>
    public static IServiceCollection AddCredentialChecks(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<CredentialChecksOptions>()
            .BindConfiguration(CredentialChecksOptions.SectionName)
            .Validate(o => o.Interval >= TimeSpan.FromMinutes(1) && o.Interval <= TimeSpan.FromDays(30),
                "CredentialChecks:Interval must be between 00:01:00 and 30.00:00:00.")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.PollInterval <= TimeSpan.FromHours(1),
                "CredentialChecks:PollInterval must be more than zero and at most 01:00:00.")
            .Validate(o => o.Spacing >= TimeSpan.Zero && o.Spacing <= TimeSpan.FromMinutes(1),
                "CredentialChecks:Spacing must be between 00:00:00 and 00:01:00.")
            .Validate(o => o.RetryUnreachableAfter >= TimeSpan.FromSeconds(1), "CredentialChecks:RetryUnreachableAfter must be at least 00:00:01.")
            .Validate(o => o.MaxBackoff >= o.PollInterval, "CredentialChecks:MaxBackoff must be at least PollInterval.")
            .Validate(o => o.CheckTimeout >= TimeSpan.FromSeconds(1) && o.CheckTimeout <= TimeSpan.FromMinutes(10),
                "CredentialChecks:CheckTimeout must be between 00:00:01 and 00:10:00.")
            .Validate(o => o.BatchSize is >= 1 and <= 1000, "CredentialChecks:BatchSize must be between 1 and 1000.")
            .ValidateOnStart();
        services.AddSingleton<CredentialCheckProcessor>();
        services.AddHostedService<CredentialCheckService>();
        return services;
    }
}
