namespace JourneyOptimizer.Sms.Core.Webhooks;

/// <summary>One delivery receipt (status callback) for a message the platform sent, received through a Feedback webhook.</summary>
public sealed class DeliveryFeedback
{
    public const int EventKeyMaxLength = 200;
    public const int ClientReferenceMaxLength = 200;
    public const int StatusMaxLength = 30;
    public const int CodeMaxLength = 30;

    public long Id { get; set; }

    public int SandboxId { get; set; }

    /// <summary>The webhook it arrived through; null once that webhook is deleted (the receipt stays, as history).</summary>
    public int? WebhookId { get; set; }

    /// <summary>
    /// Twilio: MessageSid + status (both signed; never the unsigned <c>I-Twilio-Idempotency-Token</c> header); Custom:
    /// RequestID, else reference + status. Unique per webhook.
    /// </summary>
    public required string EventKey { get; set; }

    /// <summary>The provider's message id (Twilio MessageSid).</summary>
    public required string ClientReference { get; set; }

    /// <summary>The status as the provider named it, lower case (queued, sent, delivered, undelivered, failed, ...).</summary>
    public required string Status { get; set; }

    /// <summary>The provider's error code, when it sent one.</summary>
    public string? Code { get; set; }

    public DateTime ReceivedAtUtc { get; set; }
}
