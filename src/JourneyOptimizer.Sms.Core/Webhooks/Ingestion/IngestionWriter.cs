using System.Data.Common;
using System.Threading.Channels;
using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
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
        catch (Exception ex) when (ex is not OperationCanceledException)
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
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Whatever breaks one event (a storage failure, or a bug) answers it 503; the writer goes on.
                    LogEventFailed(logger, one.Webhook.Id, attempt + 1, ex.GetType().Name);
                }
            }

            one.Complete(result ?? IngestResult.Failure);
        }
    }

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

        // One transaction for the whole batch: the raw feedback statements and EF's inbound changes share it.
        var wakeSender = false;
        await using (var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None))
        {
            if (feedback.Count > 0)
            {
                await StageFeedbackAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), feedback, results);
            }

            if (inbound.Count > 0)
            {
                bool added;
                (added, wakeSender) = await StageInboundAsync(db, inbound, results);
                if (added)
                {
                    await db.SaveChangesAsync(CancellationToken.None);
                }
            }

            await transaction.CommitAsync(CancellationToken.None);
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

    // The statements below quote every name in double quotes, as standard SQL does: SQLite and SQL Server (whose
    // connections run with QUOTED_IDENTIFIER ON) read them either way, while PostgreSQL folds an unquoted name to lower
    // case and would not find the tables EF created as "DeliveryFeedback".

    /// <summary>The stored keys of a batch's delivery receipts of one webhook; followed by the <c>IN</c> list.</summary>
    internal const string StoredFeedbackSql =
        """SELECT "EventKey" FROM "DeliveryFeedback" WHERE "WebhookId" = @scope AND "EventKey" IN """;

    /// <summary>The current status rows of a batch's messages in one sandbox; followed by the <c>IN</c> list.</summary>
    internal const string CurrentStatusesSql =
        """SELECT "ClientReference", "Rank" FROM "MessageDeliveryStatuses" WHERE "SandboxId" = @scope AND "ClientReference" IN """;

    /// <summary>The inbound messages of one webhook already stored under these event keys (with the reply they got).</summary>
    internal static IQueryable<StoredInboundMessage> StoredInbound(SmsDbContext db, int webhookId, List<string> keys) =>
        db.InboundMessages.AsNoTracking()
            .Where(m => m.WebhookId == webhookId && keys.Contains(m.EventKey))
            .Select(m => new StoredInboundMessage(m.EventKey, m.ReplyMessage));

    internal sealed record StoredInboundMessage(string EventKey, string? ReplyMessage);

    private static async Task<(bool Added, bool Outbox)> StageInboundAsync(SmsDbContext db, List<(int Index, InboundEvent Event)> events,
        IngestResult[] results)
    {
        // Per webhook, so that the lookup is a seek on the unique (WebhookId, EventKey) index, not a scan of every message.
        var existing = new Dictionary<(int, string), string?>();
        foreach (var group in events.GroupBy(e => e.Event.Webhook.Id))
        {
            var webhookId = group.Key;
            var keys = group.Select(e => e.Event.EventKey).Distinct(StringComparer.Ordinal).ToList();
            var stored = await StoredInbound(db, webhookId, keys).ToListAsync(CancellationToken.None);
            foreach (var m in stored)
            {
                existing[(webhookId, m.EventKey)] = m.ReplyMessage;
            }
        }

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

    /// <summary>
    /// Delivery receipts, the high-volume event: written with plain parameterised SQL on the context's connection and
    /// transaction (no change tracking, statements reused across the batch; standard SQL that SQLite, SQL Server and
    /// PostgreSQL all run). The stored keys are read in one query; each message's status row is read once, folded in memory over the
    /// batch and written once, and the UPDATE repeats the never-backwards rule (<c>Rank &lt; @rank</c>) so that a
    /// concurrent writer on another instance cannot move it back either.
    /// </summary>
    private static async Task StageFeedbackAsync(DbConnection connection, DbTransaction transaction,
        List<(int Index, FeedbackEvent Event)> events, IngestResult[] results)
    {
        // Both lookups are per webhook / per sandbox, so that they seek the unique (WebhookId, EventKey) and
        // (SandboxId, ClientReference) indexes: without the leading column each batch scanned the whole table, and the
        // writer slowed down as the tables grew.
        var existing = new HashSet<(int, string)>();
        foreach (var group in events.GroupBy(e => e.Event.Webhook.Id))
        {
            var keys = group.Select(e => e.Event.EventKey).Distinct(StringComparer.Ordinal).ToList();
            await using var select = InList(connection, transaction,
                StoredFeedbackSql, group.Key, keys);
            await using var reader = await select.ExecuteReaderAsync(CancellationToken.None);
            while (await reader.ReadAsync(CancellationToken.None))
            {
                existing.Add((group.Key, reader.GetString(0)));
            }
        }

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
            return;
        }

        var current = new Dictionary<(int SandboxId, string Reference), int>();
        foreach (var group in fresh.GroupBy(f => f.Webhook.SandboxId))
        {
            var references = group.Select(f => f.ClientReference).Distinct(StringComparer.Ordinal).ToList();
            await using var select = InList(connection, transaction,
                CurrentStatusesSql, group.Key, references);
            await using var reader = await select.ExecuteReaderAsync(CancellationToken.None);
            while (await reader.ReadAsync(CancellationToken.None))
            {
                current[(group.Key, reader.GetString(0))] = reader.GetInt32(1);
            }
        }

        await using var insert = Command(connection, transaction,
            """INSERT INTO "DeliveryFeedback" ("SandboxId", "WebhookId", "EventKey", "ClientReference", "Status", "Code", "ReceivedAtUtc") """ +
            "VALUES (@SandboxId, @WebhookId, @EventKey, @ClientReference, @Status, @Code, @At)",
            "SandboxId", "WebhookId", "EventKey", "ClientReference", "Status", "Code", "At");
        var folded = new Dictionary<(int SandboxId, string Reference), FeedbackEvent>();
        foreach (var e in fresh)
        {
            Set(insert, e.Webhook.SandboxId, e.Webhook.Id, e.EventKey, e.ClientReference, e.Status, e.Code, e.ReceivedAtUtc);
            await insert.ExecuteNonQueryAsync(CancellationToken.None);

            var key = (e.Webhook.SandboxId, e.ClientReference);
            var rank = DeliveryStatusRank.Of(e.Status);
            var best = folded.TryGetValue(key, out var seen) ? DeliveryStatusRank.Of(seen.Status)
                : current.TryGetValue(key, out var stored) ? stored : (int?)null;
            if (best is null || DeliveryStatusRank.Replaces(rank, best.Value))
            {
                folded[key] = e;
            }
        }

        await using var insertStatus = Command(connection, transaction,
            """INSERT INTO "MessageDeliveryStatuses" ("SandboxId", "WebhookId", "ClientReference", "Status", "Rank", "Code", "UpdatedAtUtc") """ +
            "VALUES (@SandboxId, @WebhookId, @ClientReference, @Status, @Rank, @Code, @At)",
            "SandboxId", "WebhookId", "ClientReference", "Status", "Rank", "Code", "At");
        await using var updateStatus = Command(connection, transaction,
            """UPDATE "MessageDeliveryStatuses" SET "WebhookId" = @WebhookId, "Status" = @Status, "Rank" = @Rank, "Code" = @Code, "UpdatedAtUtc" = @At """ +
            """WHERE "SandboxId" = @SandboxId AND "ClientReference" = @ClientReference AND "Rank" < @Rank""",
            "SandboxId", "WebhookId", "ClientReference", "Status", "Rank", "Code", "At");
        foreach (var ((sandboxId, reference), e) in folded)
        {
            var command = current.ContainsKey((sandboxId, reference)) ? updateStatus : insertStatus;
            Set(command, sandboxId, e.Webhook.Id, reference, e.Status, DeliveryStatusRank.Of(e.Status), e.Code, e.ReceivedAtUtc);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static void Set(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    /// <summary>
    /// <paramref name="sql"/> (which uses <c>@scope</c>) followed by <c>(@p0, @p1, ...)</c>, one parameter per value (at
    /// most a batch: far below either database's limit).
    /// </summary>
    private static DbCommand InList(DbConnection connection, DbTransaction transaction, string sql, int scope, List<string> values)
    {
        var names = new string[values.Count + 1];
        names[0] = "scope";
        for (var i = 0; i < values.Count; i++)
        {
            names[i + 1] = "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var command = Command(connection, transaction, sql + "(@" + string.Join(", @", names.Skip(1)) + ")", names);
        Set(command, [scope, .. values]);
        return command;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Committed {Count} webhook events")]
    private static partial void LogCommitted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} webhook events failed to commit ({Error}); retrying them one by one")]
    private static partial void LogBatchFailed(ILogger logger, int count, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "An event of webhook {WebhookId} failed to commit on attempt {Attempt} ({Error})")]
    private static partial void LogEventFailed(ILogger logger, int webhookId, int attempt, string error);
}
