namespace JourneyOptimizer.Sms.Core.Credentials.Sinch;

/// <summary>What a Sinch callback body turned out to be.</summary>
public enum SinchWebhookKind
{
    /// <summary>An incoming message.</summary>
    Inbound = 1,

    /// <summary>A delivery report.</summary>
    DeliveryReport = 2,

    /// <summary>Well-formed, but of a kind the portal does not use (binary or media MO, other events): acknowledge it and drop it.</summary>
    Unsupported = 3,

    /// <summary>Not a Sinch callback: answer 400 with <see cref="SinchSmsWebhook.Reason"/>.</summary>
    Invalid = 4,
}

/// <summary>An <c>mo_text</c> message as Sinch sent it. Numbers are as Sinch wrote them (with or without <c>+</c>).</summary>
public sealed record SinchInboundSms(
    string Id,
    string From,
    string To,
    string Body,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? SentAt,
    string? ClientReference,
    string? OperatorId);

/// <summary>
/// One line of a delivery report: a recipient's status (per-recipient reports, and batch reports of type <c>full</c>),
/// or a status with only a count (batch reports of type <c>summary</c>).
/// </summary>
public sealed record SinchRecipientStatus(string? Recipient, string Status, int Code, int Count, DateTimeOffset? At);

/// <summary>A delivery report: <c>recipient_delivery_report_sms|mms</c> or <c>delivery_report_sms|mms</c>.</summary>
public sealed record SinchSmsDeliveryReport(string Type, string BatchId, string? ClientReference, IReadOnlyList<SinchRecipientStatus> Statuses);

/// <summary>The parsed callback: exactly one of <see cref="Inbound"/> and <see cref="DeliveryReport"/> for those kinds.</summary>
public sealed record SinchSmsWebhook(SinchWebhookKind Kind, SinchInboundSms? Inbound = null,
    SinchSmsDeliveryReport? DeliveryReport = null, string? Type = null, string? Reason = null)
{
    internal static SinchSmsWebhook Invalid(string reason) => new(SinchWebhookKind.Invalid, Reason: reason);
}
