using System.Data.Common;
using System.Security.Cryptography;
using System.Threading.Channels;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Core.Webhooks.Ingestion;

/// <summary>
/// Sends the outbox (<see cref="PendingReply"/>) through the vendor of each reply's webhook credential. Woken by the
/// <see cref="IngestionWriter"/> after a commit that queued replies; at start (replies left by a crash); when a retry
/// falls due (looked at at most every <see cref="WebhookIngestionOptions.ReplyPollSeconds"/> while replies are pending);
/// and every 5 minutes when idle (replies another instance left behind).
/// A reply is claimed with a conditional update (its version), so several instances never send the same row at once.
/// Transient failures (timeout, connection, HTTP 429/5xx) are retried with growing delays up to
/// <see cref="WebhookIngestionOptions.ReplyMaxAttempts"/>; anything else gives up at once. Delivery is at least once:
/// a crash between the provider's acceptance and the row's update sends that reply again after restart.
/// </summary>
public sealed partial class ReplySender(
    IServiceScopeFactory scopes,
    CredentialVendors vendors,
    IOptions<WebhookIngestionOptions> options,
    TimeProvider time,
    ILogger<ReplySender> logger) : BackgroundService
{
    public const string WebhookGone = "The webhook or its credential no longer exists.";
    public const string SecretUnavailable = "The credential's secrets could not be unprotected.";
    public const string SendBroke = "The reply could not be sent because of an unexpected error.";

    private const int BatchSize = 20;

    /// <summary>How long a claimed reply is reserved for the instance sending it (longer than any send can take).</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    /// <summary>How often an idle sender looks at the outbox without being woken.</summary>
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMinutes(5);

    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks the sender to look for due replies now.</summary>
    public void Wake() => _signal.Writer.TryWrite(true);

    /// <summary>The delay before attempt <paramref name="attempts"/> + 1: 10 s, 30 s, 90 s, ... at most 30 minutes.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(1800, 10 * Math.Pow(3, Math.Max(0, attempts - 1))));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(Math.Max(1, options.Value.ReplyPollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            // With nothing pending the sender only waits to be woken (no background query); it still looks every
            // IdlePoll for replies another instance left behind (a crashed instance also sends its own at restart).
            var wait = IdlePoll;
            try
            {
                while (await SendDueAsync(stoppingToken) == BatchSize)
                {
                    // A full batch: there may be more due right away.
                }

                if (await NextDueAsync(stoppingToken) is { } due)
                {
                    var untilDue = due - time.GetUtcNow().UtcDateTime;
                    wait = untilDue <= TimeSpan.Zero ? TimeSpan.Zero : untilDue < poll ? untilDue : poll;
                }
            }
            catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                LogSenderFailed(logger, ex.GetType().Name);
                wait = poll;
            }

            using var timer = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timer.CancelAfter(wait);
            try
            {
                if (await _signal.Reader.WaitToReadAsync(timer.Token))
                {
                    _signal.Reader.TryRead(out _);
                }
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The wait is over.
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>When the earliest pending reply falls due (or its claim expires), or null when none is pending.</summary>
    private async Task<DateTime?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SmsDbContext>();
        return await db.Set<PendingReply>().AsNoTracking()
            .Where(r => r.State == PendingReplyState.Pending)
            .MinAsync(r => (DateTime?)r.NextAttemptAtUtc, cancellationToken);
    }

    /// <summary>Sends the replies that are due (at most one batch); returns how many were due.</summary>
    internal async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SmsDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Set<PendingReply>().AsNoTracking()
            .Where(r => r.State == PendingReplyState.Pending && r.NextAttemptAtUtc <= now)
            .OrderBy(r => r.NextAttemptAtUtc)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var reply in due)
        {
            await SendOneAsync(db, reply, cancellationToken);
        }

        return due.Count;
    }

    private async Task SendOneAsync(SmsDbContext db, PendingReply reply, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var version = reply.Version;
        var claimed = await db.Set<PendingReply>()
            .Where(r => r.Id == reply.Id && r.Version == version && r.State == PendingReplyState.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Version, version + 1)
                .SetProperty(r => r.NextAttemptAtUtc, now + Lease), cancellationToken);
        if (claimed == 0)
        {
            return;
        }

        var credential = await db.Webhooks.AsNoTracking()
            .Where(w => w.Id == reply.WebhookId)
            .Select(w => w.ApiCredential)
            .FirstOrDefaultAsync(cancellationToken);
        var attempts = reply.Attempts + 1;
        TestMessageResult? result = null;
        string? error = null;
        if (credential is null || vendors.Find(credential.Vendor) is not { } vendor)
        {
            error = WebhookGone;
        }
        else
        {
            try
            {
                result = await vendor.SendAsync(credential, reply.FromNumber, reply.ToNumber, reply.Message, cancellationToken);
                error = result.Sent ? null : result.ErrorKey ?? "";
            }
            catch (CryptographicException)
            {
                error = SecretUnavailable;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A bug, not the provider's answer: the reply is given up (Failed), not retried under its lease forever.
                LogSendBroke(logger, reply.Id, reply.WebhookId, ex.GetType().Name);
                error = SendBroke;
            }
        }

        var finished = time.GetUtcNow().UtcDateTime;
        PendingReplyState state;
        DateTime next;
        if (result is { Sent: true })
        {
            state = PendingReplyState.Sent;
            next = finished;
            LogSent(logger, reply.Id, reply.WebhookId);
        }
        else if (result is { Transient: true } && attempts < Math.Max(1, options.Value.ReplyMaxAttempts))
        {
            state = PendingReplyState.Pending;
            next = finished + Backoff(attempts);
            LogRetry(logger, reply.Id, reply.WebhookId, attempts, error ?? "");
        }
        else
        {
            state = PendingReplyState.Failed;
            next = finished;
            LogGivenUp(logger, reply.Id, reply.WebhookId, attempts, error ?? "");
        }

        var lastError = error is null ? null : InboundEvent.Truncate(error, PendingReply.LastErrorMaxLength);
        var messageId = InboundEvent.Truncate(result?.MessageId, PendingReply.ProviderMessageIdMaxLength);
        var sentAt = state == PendingReplyState.Sent ? finished : (DateTime?)null;
        await db.Set<PendingReply>()
            .Where(r => r.Id == reply.Id && r.Version == version + 1)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Version, version + 2)
                .SetProperty(r => r.State, state)
                .SetProperty(r => r.Attempts, attempts)
                .SetProperty(r => r.NextAttemptAtUtc, next)
                .SetProperty(r => r.SentAtUtc, sentAt)
                .SetProperty(r => r.LastError, lastError)
                .SetProperty(r => r.ProviderMessageId, messageId), CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reply {ReplyId} of webhook {WebhookId} broke with {Error} and was given up")]
    private static partial void LogSendBroke(ILogger logger, long replyId, int webhookId, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reply {ReplyId} of webhook {WebhookId} sent")]
    private static partial void LogSent(ILogger logger, long replyId, int webhookId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reply {ReplyId} of webhook {WebhookId} failed on attempt {Attempt} and will be retried: {Reason}")]
    private static partial void LogRetry(ILogger logger, long replyId, int webhookId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reply {ReplyId} of webhook {WebhookId} was given up after {Attempt} attempt(s): {Reason}")]
    private static partial void LogGivenUp(ILogger logger, long replyId, int webhookId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The reply sender could not read the outbox ({Error}); it tries again later")]
    private static partial void LogSenderFailed(ILogger logger, string error);
}
