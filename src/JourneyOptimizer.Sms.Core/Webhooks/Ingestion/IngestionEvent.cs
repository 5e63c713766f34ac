using JourneyOptimizer.Sms.Core.Consent;

namespace JourneyOptimizer.Sms.Core.Webhooks.Ingestion;

/// <summary>What became of an event handed to the <see cref="IngestionWriter"/>.</summary>
public enum IngestStatus
{
    /// <summary>Committed now.</summary>
    Stored = 1,

    /// <summary>Already stored before (a provider's retry): nothing new was written.</summary>
    Duplicate = 2,

    /// <summary>Could not be committed (database unavailable, shutting down): the provider should retry.</summary>
    Failed = 3,
}

/// <param name="Reply">Inbound: the reply to the message (for a duplicate, the one stored with the first delivery).</param>
public readonly record struct IngestResult(IngestStatus Status, string? Reply)
{
    public static IngestResult Failure { get; } = new(IngestStatus.Failed, null);
}

/// <summary>One authenticated, validated event of a webhook request, waiting for the writer's next commit.</summary>
public abstract class IngestionEvent
{
    private readonly TaskCompletionSource<IngestResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public required ResolvedWebhook Webhook { get; init; }

    /// <summary>What identifies a provider's retry: unique per webhook and kind.</summary>
    public required string EventKey { get; init; }

    public DateTime ReceivedAtUtc { get; init; }

    /// <summary>Completes only after the commit that stored the event (or found it stored).</summary>
    public Task<IngestResult> Completion => _completion.Task;

    internal void Complete(IngestResult result) => _completion.TrySetResult(result);
}

/// <summary>An incoming message, with its keyword already matched (a pure function of the webhook's settings).</summary>
public sealed class InboundEvent : IngestionEvent
{
    public string? ProviderMessageId { get; init; }

    public required string ProfileNumber { get; init; }

    public required string InboundNumber { get; init; }

    public required string Body { get; init; }

    public DateTime? OriginAtUtc { get; init; }

    public required KeywordMatch Match { get; init; }

    /// <summary>The sender number consent is kept for: the webhook's sender number, else the number the message was sent to.</summary>
    public string ConsentSenderNumber => string.IsNullOrEmpty(Webhook.SenderNumber) ? InboundNumber : Webhook.SenderNumber;

    /// <summary>The reply goes through the outbox, unless the vendor's answer carries it (Twilio's TwiML).</summary>
    public bool ReplyThroughOutbox => Webhook.ReplyThroughOutbox;

    internal static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    internal ConsentState? NewState => Match.NewConsentState;
}

/// <summary>A delivery receipt.</summary>
public sealed class FeedbackEvent : IngestionEvent
{
    public required string ClientReference { get; init; }

    /// <summary>Lower case.</summary>
    public required string Status { get; init; }

    public string? Code { get; init; }
}
