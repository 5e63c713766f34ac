using System.Data.Common;
using System.Threading.Channels;
using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Core.Webhooks.Ingestion;

/// <summary>
/// The single writer of webhook events (docs/decisions/0004-webhook-grouped-commits.md). Requests hand their event
/// to a channel and wait; this service takes whatever is queued (up to <see cref="WebhookIngestionOptions.MaxBatchSize"/>),
/// commits it in ONE transaction and only then completes each request, which then answers 2xx. Idempotency is decided
/// here, per batch: the event keys already stored are read in one query, and a key seen twice in the batch is stored
/// once. When a batch fails (a concurrent instance stored the same key, the database was busy), its events are retried
/// one by one, so one bad event cannot fail the others; an event that still fails is answered 503 and nothing of it
/// is stored.
/// </summary>
public sealed partial class IngestionWriter(
    IServiceScopeFactory scopes,
    IOptions<WebhookIngestionOptions> options,
    ReplySender replySender,
    ILogger<IngestionWriter> logger) : BackgroundService
{
    /// <summary>Requests waiting beyond this wait for room (back-pressure), instead of growing memory.</summary>
    private const int QueueCapacity = 20_000;

    private readonly Channel<IngestionEvent> _queue = Channel.CreateBounded<IngestionEvent>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Queues an event and waits until it is durably stored (or found stored). Never throws for storage problems.</summary>
    public async Task<IngestResult> SubmitAsync(IngestionEvent ingestionEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ingestionEvent);
        try
        {
            await _queue.Writer.WriteAsync(ingestionEvent, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            return IngestResult.Failure;
        }

        // Once queued the event is committed even if the caller goes away: its answer is simply not read.
        return await ingestionEvent.Completion;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var max = Math.Max(1, options.Value.MaxBatchSize);
        var batch = new List<IngestionEvent>(max);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < max && _queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                await CommitBatchAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: take no more, but commit what requests already handed over.
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
                if (batch.Count == max)
                {
                    await CommitBatchAsync(batch);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                await CommitBatchAsync(batch);
            }
        }
    }

    /// <summary>Commits a batch and completes its events; falls back to one transaction per event when the batch fails.</summary>
    internal async Task CommitBatchAsync(IReadOnlyList<IngestionEvent> batch)
    {
        try
        {
            await CommitAsync(batch);
            return;
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            LogBatchFailed(logger, batch.Count, ex.GetType().Name);
        }

        foreach (var one in batch)
        {
            IngestResult? result = null;
            for (var attempt = 0; attempt < 2 && result is null; attempt++)
            {
                try
                {
                    await CommitAsync([one]);
                    result = await one.Completion;
                }
                catch (Exception ex) when (IsStorageFailure(ex))
                {
                    LogEventFailed(logger, one.Webhook.Id, attempt + 1, ex.GetType().Name);
                }
            }

            one.Complete(result ?? IngestResult.Failure);
        }
    }

    private static bool IsStorageFailure(Exception ex) => ex is DbUpdateException or DbException or InvalidOperationException or TimeoutException;

    private async Task CommitAsync(IReadOnlyList<IngestionEvent> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SmsDbContext>();

        // Every event's result, decided before the commit and published only after it.
        var results = new IngestResult[batch.Count];
        var firstOf = new Dictionary<(bool Inbound, int WebhookId, string Key), int>();
        var duplicateOf = new int[batch.Count];
        Array.Fill(duplicateOf, -1);

        var inbound = new List<(int Index, InboundEvent Event)>();
        var feedback = new List<(int Index, FeedbackEvent Event)>();
        for (var i = 0; i < batch.Count; i++)
        {
            var e = batch[i];
            var key = (e is InboundEvent, e.Webhook.Id, e.EventKey);
            if (firstOf.TryGetValue(key, out var first))
            {
                duplicateOf[i] = first;
                continue;
            }

            firstOf[key] = i;
            if (e is InboundEvent inboundEvent)
            {
                inbound.Add((i, inboundEvent));
            }
            else
            {
                feedback.Add((i, (FeedbackEvent)e));
            }
        }

        var added = false;
        var wakeSender = false;
        if (inbound.Count > 0)
        {
            (added, wakeSender) = await StageInboundAsync(db, inbound, results);
        }

        if (feedback.Count > 0)
        {
            added |= await StageFeedbackAsync(db, feedback, results);
        }

        if (added)
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var result = duplicateOf[i] >= 0 ? results[duplicateOf[i]] with { Status = IngestStatus.Duplicate } : results[i];
            batch[i].Complete(result);
        }

        if (wakeSender)
        {
            replySender.Wake();
        }

        LogCommitted(logger, batch.Count);
    }

    private static async Task<(bool Added, bool Outbox)> StageInboundAsync(SmsDbContext db, List<(int Index, InboundEvent Event)> events,
        IngestResult[] results)
    {
        var keys = events.Select(e => e.Event.EventKey).Distinct(StringComparer.Ordinal).ToList();
        var stored = await db.InboundMessages.AsNoTracking()
            .Where(m => keys.Contains(m.EventKey))
            .Select(m => new { m.WebhookId, m.EventKey, m.ReplyMessage })
            .ToListAsync(CancellationToken.None);
        var existing = stored.ToDictionary(m => (m.WebhookId, m.EventKey), m => m.ReplyMessage);

        var fresh = new List<(int Index, InboundEvent Event)>();
        foreach (var (index, e) in events)
        {
            if (existing.TryGetValue((e.Webhook.Id, e.EventKey), out var reply))
            {
                results[index] = new IngestResult(IngestStatus.Duplicate, reply);
            }
            else
            {
                fresh.Add((index, e));
            }
        }

        if (fresh.Count == 0)
        {
            return (false, false);
        }

        // Consent records touched by this batch, loaded (tracked) in one query and updated in arrival order.
        var consentEvents = fresh.Where(f => f.Event.NewState is not null).ToList();
        var consents = new Dictionary<(int, string, string), ConsentRecord>();
        if (consentEvents.Count > 0)
        {
            var profiles = consentEvents.Select(c => c.Event.ProfileNumber).Distinct(StringComparer.Ordinal).ToList();
            var sandboxIds = consentEvents.Select(c => c.Event.Webhook.SandboxId).Distinct().ToList();
            var records = await db.ConsentRecords
                .Where(c => sandboxIds.Contains(c.SandboxId) && profiles.Contains(c.ProfileNumber))
                .ToListAsync(CancellationToken.None);
            foreach (var record in records)
            {
                consents[(record.SandboxId, record.SenderNumber, record.ProfileNumber)] = record;
            }
        }

        var outbox = false;
        foreach (var (index, e) in fresh)
        {
            var reply = InboundEvent.Truncate(e.Match.Reply, InboundMessage.ReplyMaxLength);
            var message = new InboundMessage
            {
                SandboxId = e.Webhook.SandboxId,
                WebhookId = e.Webhook.Id,
                EventKey = e.EventKey,
                ProviderMessageId = e.ProviderMessageId,
                ProfileNumber = e.ProfileNumber,
                InboundNumber = e.InboundNumber,
                Body = e.Body,
                Category = e.Match.Category,
                Keyword = InboundEvent.Truncate(e.Match.Keyword, InboundMessage.KeywordMaxLength),
                FuzzyMatch = e.Match.Fuzzy,
                ReplyMessage = reply,
                OriginAtUtc = e.OriginAtUtc,
                ReceivedAtUtc = e.ReceivedAtUtc,
            };
            db.InboundMessages.Add(message);

            if (e.NewState is { } state)
            {
                ApplyConsent(db, consents, e, state);
            }

            if (reply is not null && e.ReplyThroughOutbox)
            {
                db.Set<PendingReply>().Add(new PendingReply
                {
                    SandboxId = e.Webhook.SandboxId,
                    WebhookId = e.Webhook.Id,
                    InboundMessage = message,
                    FromNumber = e.ConsentSenderNumber,
                    ToNumber = e.ProfileNumber,
                    Message = reply,
                    NextAttemptAtUtc = e.ReceivedAtUtc,
                    CreatedAtUtc = e.ReceivedAtUtc,
                    Version = 1,
                });
                outbox = true;
            }

            results[index] = new IngestResult(IngestStatus.Stored, reply);
        }

        return (true, outbox);
    }

    /// <summary>
    /// Opt-In and Opt-Out set their state; a Double Opt-In keyword asks for confirmation, except from a profile that
    /// is already opted in (it stays opted in: a second subscription request does not withdraw the first).
    /// </summary>
    private static void ApplyConsent(SmsDbContext db, Dictionary<(int, string, string), ConsentRecord> consents, InboundEvent e,
        ConsentState state)
    {
        var key = (e.Webhook.SandboxId, e.ConsentSenderNumber, e.ProfileNumber);
        if (!consents.TryGetValue(key, out var record))
        {
            record = new ConsentRecord
            {
                SandboxId = e.Webhook.SandboxId,
                SenderNumber = e.ConsentSenderNumber,
                ProfileNumber = e.ProfileNumber,
                ChangedBy = "SMS",
                Version = 0,
            };
            db.ConsentRecords.Add(record);
            consents[key] = record;
        }
        else if (state == ConsentState.PendingConfirmation && record.State == ConsentState.OptedIn)
        {
            return;
        }

        record.State = state;
        record.Source = ConsentSource.Keyword;
        record.Keyword = InboundEvent.Truncate(e.Match.Keyword, ConsentRecord.KeywordMaxLength);
        record.ChangedBy = "SMS";
        record.ChangedAtUtc = e.ReceivedAtUtc;
        record.WebhookId = e.Webhook.Id;
        record.Version++;
    }

    private static async Task<bool> StageFeedbackAsync(SmsDbContext db, List<(int Index, FeedbackEvent Event)> events, IngestResult[] results)
    {
        var keys = events.Select(e => e.Event.EventKey).Distinct(StringComparer.Ordinal).ToList();
        var stored = await db.DeliveryFeedback.AsNoTracking()
            .Where(f => keys.Contains(f.EventKey))
            .Select(f => new { f.WebhookId, f.EventKey })
            .ToListAsync(CancellationToken.None);
        var existing = stored.Select(f => (f.WebhookId, f.EventKey)).ToHashSet();

        var fresh = new List<FeedbackEvent>();
        foreach (var (index, e) in events)
        {
            var duplicate = existing.Contains((e.Webhook.Id, e.EventKey));
            results[index] = new IngestResult(duplicate ? IngestStatus.Duplicate : IngestStatus.Stored, null);
            if (!duplicate)
            {
                fresh.Add(e);
            }
        }

        if (fresh.Count == 0)
        {
            return false;
        }

        var references = fresh.Select(f => f.ClientReference).Distinct(StringComparer.Ordinal).ToList();
        var sandboxIds = fresh.Select(f => f.Webhook.SandboxId).Distinct().ToList();
        var statuses = (await db.MessageDeliveryStatuses
                .Where(s => sandboxIds.Contains(s.SandboxId) && references.Contains(s.ClientReference))
                .ToListAsync(CancellationToken.None))
            .ToDictionary(s => (s.SandboxId, s.ClientReference));

        foreach (var e in fresh)
        {
            db.DeliveryFeedback.Add(new DeliveryFeedback
            {
                SandboxId = e.Webhook.SandboxId,
                WebhookId = e.Webhook.Id,
                EventKey = e.EventKey,
                ClientReference = e.ClientReference,
                Status = e.Status,
                Code = e.Code,
                ReceivedAtUtc = e.ReceivedAtUtc,
            });

            var rank = DeliveryStatusRank.Of(e.Status);
            var key = (e.Webhook.SandboxId, e.ClientReference);
            if (!statuses.TryGetValue(key, out var current))
            {
                current = new MessageDeliveryStatus
                {
                    SandboxId = e.Webhook.SandboxId,
                    WebhookId = e.Webhook.Id,
                    ClientReference = e.ClientReference,
                    Status = e.Status,
                    Rank = rank,
                    Code = e.Code,
                    UpdatedAtUtc = e.ReceivedAtUtc,
                };
                db.MessageDeliveryStatuses.Add(current);
                statuses[key] = current;
            }
            else if (DeliveryStatusRank.Replaces(rank, current.Rank))
            {
                current.Status = e.Status;
                current.Rank = rank;
                current.Code = e.Code;
                current.WebhookId = e.Webhook.Id;
                current.UpdatedAtUtc = e.ReceivedAtUtc;
            }
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Committed {Count} webhook events")]
    private static partial void LogCommitted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} webhook events failed to commit ({Error}); retrying them one by one")]
    private static partial void LogBatchFailed(ILogger logger, int count, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "An event of webhook {WebhookId} failed to commit on attempt {Attempt} ({Error})")]
    private static partial void LogEventFailed(ILogger logger, int webhookId, int attempt, string error);
}
