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
/// What a reader found in a request: the inbound messages or delivery receipts it carries (one for most vendors; a
/// provider that pushes several events in one request, such as Infobip's <c>{"results":[...]}</c>, gives them all),
/// still unchecked for presence and length (the ingestion checks those the same way for every vendor, naming the
/// fields by the vendor's names), a refusal with its status and fixed English reason, or an ignored request (a kind of
/// event the portal does not use, answered 204).
/// </summary>
public sealed class WebhookRead
{
    private WebhookRead(IReadOnlyList<InboundFields> inbound, IReadOnlyList<FeedbackFields> feedback, int status, string? reason)
    {
        InboundEvents = inbound;
        FeedbackEvents = feedback;
        Status = status;
        Reason = reason;
    }

    /// <summary>The request's inbound messages, in order; empty for a refusal or a feedback request.</summary>
    public IReadOnlyList<InboundFields> InboundEvents { get; }

    /// <summary>The request's delivery receipts, in order; empty for a refusal or an inbound request.</summary>
    public IReadOnlyList<FeedbackFields> FeedbackEvents { get; }

    /// <summary>The one inbound message of a single-event request (the first of several).</summary>
    public InboundFields? Inbound => InboundEvents.Count > 0 ? InboundEvents[0] : null;

    /// <summary>The one delivery receipt of a single-event request (the first of several).</summary>
    public FeedbackFields? Feedback => FeedbackEvents.Count > 0 ? FeedbackEvents[0] : null;

    /// <summary>The HTTP status of a refusal (4xx), or 204 when <see cref="Ignored"/>.</summary>
    public int Status { get; }

    /// <summary>The reason of a refusal: fixed English, never request input.</summary>
    public string? Reason { get; }

    /// <summary>A 4xx refusal; an ignored request carries a reason too but is no refusal.</summary>
    public bool IsRefusal => Reason is not null && !Ignored;

    public static WebhookRead Of(InboundFields inbound) => new([inbound], [], 0, null);

    public static WebhookRead Of(FeedbackFields feedback) => new([], [feedback], 0, null);

    /// <summary>Several inbound messages of one request (none: a request that carries nothing to store).</summary>
    public static WebhookRead Of(IReadOnlyList<InboundFields> inbound) => new([.. inbound], [], 0, null);

    /// <summary>Several delivery receipts of one request (none: a request that carries nothing to store).</summary>
    public static WebhookRead Of(IReadOnlyList<FeedbackFields> feedback) => new([], [.. feedback], 0, null);

    public static WebhookRead Refuse(int status, string reason) => new([], [], status, reason);

    /// <summary>
    /// A genuine request of a kind the portal does not use (an event its provider sends to the same URL): answered 204
    /// so that the provider does not retry it, and nothing is stored.
    /// </summary>
    public static WebhookRead Ignore(string reason) => new([], [], 204, reason);

    /// <summary>True for <see cref="Ignore"/>: no events, status 204 and a reason.</summary>
    public bool Ignored => InboundEvents.Count == 0 && FeedbackEvents.Count == 0 && Status == 204 && Reason is not null;
}

/// <param name="EventKey">What identifies a provider's retry (an idempotency token or the message id).</param>
/// <param name="FromField">The vendor's name of the sender field, for the refusal of a missing or long one.</param>
public sealed record InboundFields(string EventKey, string? ProviderMessageId, string? From, string? To, string Body, DateTime? OriginAtUtc,
    string FromField, string ToField, string BodyField);

/// <param name="EventKey">What identifies a provider's retry; null: the reference and the status.</param>
public sealed record FeedbackFields(string? EventKey, string? Reference, string? Status, string? Code,
    string ReferenceField, string StatusField, string CodeField);
