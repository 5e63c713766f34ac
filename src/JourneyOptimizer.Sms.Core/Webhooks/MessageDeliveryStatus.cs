namespace JourneyOptimizer.Sms.Core.Webhooks;

/// <summary>
/// The current delivery status of one sent message, folded from its <see cref="DeliveryFeedback"/> events: a status
/// only ever moves forward (<c>delivered</c> is not replaced by a late <c>sent</c>). Unique per (sandbox, reference).
/// </summary>
public sealed class MessageDeliveryStatus
{
    public long Id { get; set; }

    public int SandboxId { get; set; }

    /// <summary>The webhook of the latest receipt; null once that webhook is deleted (the status stays, as history).</summary>
    public int? WebhookId { get; set; }

    public required string ClientReference { get; set; }

    public required string Status { get; set; }

    /// <summary>The status's place in the delivery order; a callback with a lower rank does not replace it.</summary>
    public int Rank { get; set; }

    public string? Code { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}
