using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Webhooks.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Core.Webhooks.Retention;

/// <summary>What one pruning round deleted.</summary>
public readonly record struct PruneCounts(int InboundMessages, int DeliveryFeedback, int DeliveryStatuses)
{
    public int Total => InboundMessages + DeliveryFeedback + DeliveryStatuses;
}

/// <summary>
/// Deletes what webhooks received once it is older than <see cref="RetentionOptions.Days"/>: inbound messages (with
/// their sent or failed replies, by the database's cascade), delivery receipts and message delivery statuses. Consent
/// records and the audit log are kept.
/// <para>
/// Each delete is one statement of at most <see cref="RetentionOptions.BatchSize"/> rows, its own short transaction,
/// with a pause between two, so the ingestion writer never waits long for it (on SQLite, the one writer lock, a few
/// milliseconds per batch; on PostgreSQL and SQL Server, row locks on old rows that nothing writes any more). Every
/// instance may prune: a row deleted twice is deleted once, and a batch another instance emptied deletes nothing.
/// </para>
/// <para>
/// Messages and receipts are found by walking the primary key from the oldest row, the receive time checked on that
/// window only: ids grow with arrival (the writer commits events in the order it receives them), so the old rows are the
/// first ones, and no index on the receive time has to be kept up by every insert of the busiest tables. A window with
/// nothing old left ends the table's round. Statuses are rewritten as receipts arrive, so they are found by their last
/// change on the (SandboxId, UpdatedAtUtc) index, sandbox by sandbox.
/// </para>
/// </summary>
public sealed partial class WebhookRetention(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<RetentionOptions> options,
    ILogger<WebhookRetention> logger) : BackgroundService
{
    /// <summary>Between two batches: room for the ingestion writer on SQLite, whose writes wait for the batch's lock.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var interval = TimeSpan.FromMinutes(options.Value.IntervalMinutes);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var counts = await PruneAsync(stoppingToken);
                if (counts.Total > 0)
                {
                    LogPruned(logger, counts.InboundMessages, counts.DeliveryFeedback, counts.DeliveryStatuses, options.Value.Days);
                }
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

    /// <summary>One round: deletes, batch by batch, everything older than the retention.</summary>
    public async Task<PruneCounts> PruneAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-settings.Days);
        var batch = settings.BatchSize;

        var inbound = await RepeatAsync(db =>
        {
            var window = db.InboundMessages.OrderBy(m => m.Id).Take(batch).Select(m => m.Id);
            return db.InboundMessages
                .Where(m => window.Contains(m.Id) && m.ReceivedAtUtc < cutoff
                    // A reply still being sent keeps its message (and itself) until it is sent or given up.
                    && !db.Set<PendingReply>().Any(r => r.InboundMessageId == m.Id && r.State == PendingReplyState.Pending))
                .ExecuteDeleteAsync(cancellationToken);
        }, untilBelow: 1, cancellationToken);

        var feedback = await RepeatAsync(db =>
        {
            var window = db.DeliveryFeedback.OrderBy(f => f.Id).Take(batch).Select(f => f.Id);
            return db.DeliveryFeedback.Where(f => window.Contains(f.Id) && f.ReceivedAtUtc < cutoff)
                .ExecuteDeleteAsync(cancellationToken);
        }, untilBelow: 1, cancellationToken);

        var statuses = 0;
        List<int> sandboxes;
        await using (var scope = scopes.CreateAsyncScope())
        {
            sandboxes = await scope.ServiceProvider.GetRequiredService<SmsDbContext>().Sandboxes.AsNoTracking()
                .Select(s => s.Id).ToListAsync(cancellationToken);
        }

        foreach (var sandboxId in sandboxes)
        {
            statuses += await RepeatAsync(db =>
            {
                var old = db.MessageDeliveryStatuses.Where(s => s.SandboxId == sandboxId && s.UpdatedAtUtc < cutoff)
                    .OrderBy(s => s.UpdatedAtUtc).Take(batch).Select(s => s.Id);
                return db.MessageDeliveryStatuses.Where(s => old.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
            }, untilBelow: batch, cancellationToken);
        }

        return new PruneCounts(inbound, feedback, statuses);
    }

    /// <summary>Runs one delete after another (each with a context of its own) until one deletes fewer than <paramref name="untilBelow"/> rows.</summary>
    private async Task<int> RepeatAsync(Func<SmsDbContext, Task<int>> delete, int untilBelow, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            int deleted;
            await using (var scope = scopes.CreateAsyncScope())
            {
                deleted = await delete(scope.ServiceProvider.GetRequiredService<SmsDbContext>());
            }

            total += deleted;
            if (deleted < untilBelow)
            {
                return total;
            }

            await Task.Delay(Pause, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Retention: deleted {InboundMessages} inbound messages, {DeliveryFeedback} delivery receipts and {DeliveryStatuses} delivery statuses older than {Days} days")]
    private static partial void LogPruned(ILogger logger, int inboundMessages, int deliveryFeedback, int deliveryStatuses, int days);

    [LoggerMessage(Level = LogLevel.Error, Message = "A retention round failed; retrying after the interval")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
