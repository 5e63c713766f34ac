namespace JourneyOptimizer.Sms.Core.Webhooks;

/// <summary>A message a profile sent to one of the sandbox's sender numbers, received through an Inbound webhook.</summary>
public sealed class InboundMessage
{
    public const int EventKeyMaxLength = 200;
    public const int ProviderMessageIdMaxLength = 200;
    public const int BodyMaxLength = 4000;
    public const int KeywordMaxLength = 50;
    public const int ReplyMaxLength = 1600;

    public long Id { get; set; }

    public int SandboxId { get; set; }

    /// <summary>The webhook it arrived through; null once that webhook is deleted (the message stays, as history).</summary>
    public int? WebhookId { get; set; }

    /// <summary>
    /// What makes a provider's retry recognisable, from what the provider authenticates: Twilio's MessageSid (signed;
    /// never the unsigned <c>I-Twilio-Idempotency-Token</c> header); Custom: the RequestID. Unique per webhook.
    /// </summary>
    public required string EventKey { get; set; }

    /// <summary>The provider's id of the message (Twilio MessageSid, Custom RequestID).</summary>
    public string? ProviderMessageId { get; set; }

    /// <summary>The number that sent the message (E.164 as the provider gave it).</summary>
    public required string ProfileNumber { get; set; }

    /// <summary>The number the message was sent to (one of the sandbox's sender numbers).</summary>
    public required string InboundNumber { get; set; }

    public string Body { get; set; } = "";

    /// <summary>The keyword category the message matched, if any.</summary>
    public KeywordCategory? Category { get; set; }

    /// <summary>The keyword as matched (upper case), if any.</summary>
    public string? Keyword { get; set; }

    /// <summary>True when the message was a near-miss of an opt-out keyword answered with the Fuzzy Auto Response.</summary>
    public bool FuzzyMatch { get; set; }

    /// <summary>The reply sent back, if any.</summary>
    public string? ReplyMessage { get; set; }

    /// <summary>When the provider says the message was sent (OriginTimestamp), when it says so.</summary>
    public DateTime? OriginAtUtc { get; set; }

    public DateTime ReceivedAtUtc { get; set; }
}
