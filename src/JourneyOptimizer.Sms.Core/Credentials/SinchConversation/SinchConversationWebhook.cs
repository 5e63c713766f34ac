using JourneyOptimizer.Sms.Core.Credentials.Sinch;

namespace JourneyOptimizer.Sms.Core.Credentials.SinchConversation;

/// <summary>A MESSAGE_INBOUND event: a contact's message to the app. The identity is as Sinch wrote it (often without <c>+</c>).</summary>
public sealed record SinchConversationInbound(
    string MessageId,
    string AppId,
    string? ProjectId,
    string Channel,
    string Identity,
    string? Text,
    string? MediaUrl,
    DateTimeOffset? AcceptedTime,
    DateTimeOffset? EventTime,
    string? ContactId,
    string? ConversationId);

/// <summary>A MESSAGE_DELIVERY event: the state of a message the app sent.</summary>
/// <param name="Status"><c>QUEUED_ON_CHANNEL</c>, <c>DELIVERED</c>, <c>READ</c>, <c>FAILED</c> or <c>SWITCHING_CHANNEL</c>.</param>
public sealed record SinchConversationDeliveryReport(
    string MessageId,
    string AppId,
    string? ProjectId,
    string Status,
    string? Channel,
    string? Identity,
    string? ReasonCode,
    string? ReasonDescription,
    DateTimeOffset? AcceptedTime,
    DateTimeOffset? EventTime,
    string? CorrelationId);

/// <summary>The parsed callback; <see cref="Trigger"/> names the event (the top-level key that carried it).</summary>
public sealed record SinchConversationWebhook(SinchWebhookKind Kind, SinchConversationInbound? Inbound = null,
    SinchConversationDeliveryReport? DeliveryReport = null, string? Trigger = null, string? Reason = null)
{
    internal static SinchConversationWebhook Invalid(string reason) => new(SinchWebhookKind.Invalid, Reason: reason);
}
