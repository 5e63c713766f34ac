namespace JourneyOptimizer.Sms.Core.Webhooks.Ingestion;

/// <summary>
/// Authenticates and reads one vendor's webhook requests (made by <see cref="VendorWebhooks.CreateReader"/>) and
/// answers them once the event is stored. Must not throw on anything a request can carry.
/// </summary>
public interface IWebhookRequestReader
{
    /// <param name="publicUrl">The URL the provider called, as it signed it (<c>Webhooks:PublicBaseUrl</c> when set).</param>
    WebhookRead Read(ResolvedWebhook webhook, WebhookRequest request, string publicUrl);

    /// <summary>The answer once the event is committed; <paramref name="reply"/> is an inbound message's keyword reply.</summary>
    WebhookResponse Answer(ResolvedWebhook webhook, string? reply);
}

/// <summary>
/// What a reader found in a request: an inbound message or a delivery receipt, still unchecked for presence and
/// length (the ingestion checks those the same way for every vendor, naming the fields by the vendor's names), or a
/// refusal with its status and fixed English reason.
/// </summary>
public sealed class WebhookRead
{
    private WebhookRead(InboundFields? inbound, FeedbackFields? feedback, int status, string? reason)
    {
        Inbound = inbound;
        Feedback = feedback;
        Status = status;
        Reason = reason;
    }

    public InboundFields? Inbound { get; }

    public FeedbackFields? Feedback { get; }

    /// <summary>The HTTP status of a refusal (4xx), or 204 when <see cref="Ignored"/>.</summary>
    public int Status { get; }

    /// <summary>The reason of a refusal: fixed English, never request input.</summary>
    public string? Reason { get; }

    public static WebhookRead Of(InboundFields inbound) => new(inbound, null, 0, null);

    public static WebhookRead Of(FeedbackFields feedback) => new(null, feedback, 0, null);

    public static WebhookRead Refuse(int status, string reason) => new(null, null, status, reason);

    /// <summary>
    /// A genuine request of a kind the portal does not use (an event its provider sends to the same URL): answered 204
    /// so that the provider does not retry it, and nothing is stored.
    /// </summary>
    public static WebhookRead Ignore(string reason) => new(null, null, 204, reason);

    /// <summary>True for <see cref="Ignore"/>.</summary>
    public bool Ignored => Inbound is null && Feedback is null && Status == 204;
}

/// <param name="EventKey">What identifies a provider's retry (an idempotency token or the message id).</param>
/// <param name="FromField">The vendor's name of the sender field, for the refusal of a missing or long one.</param>
public sealed record InboundFields(string EventKey, string? ProviderMessageId, string? From, string? To, string Body, DateTime? OriginAtUtc,
    string FromField, string ToField, string BodyField);

/// <param name="EventKey">What identifies a provider's retry; null: the reference and the status.</param>
public sealed record FeedbackFields(string? EventKey, string? Reference, string? Status, string? Code,
    string ReferenceField, string StatusField, string CodeField);
