using System.Text.Json;
using JourneyOptimizer.Sms.Core.Credentials.ProviderHttp;
using JourneyOptimizer.Sms.Core.Credentials.Sinch;

namespace JourneyOptimizer.Sms.Core.Credentials.SinchConversation;

/// <summary>
/// Reads Conversation API callbacks. The trigger is not a field: the top-level key that carries the event names it
/// (<c>message</c> is MESSAGE_INBOUND, <c>message_delivery_report</c> is MESSAGE_DELIVERY; every other key is an event
/// the portal does not use). Pure: bytes in, a <see cref="SinchConversationWebhook"/> out, never an exception. The
/// signature is checked before, on the raw bytes, with <see cref="SinchWebhookSignature"/>.
/// </summary>
public static class SinchConversationWebhookParser
{
    private static readonly string[] EventKeys =
    [
        "message_submit_notification", "event", "event_delivery_report", "contact_create_notification",
        "contact_delete_notification", "contact_merge_notification", "contact_update_notification",
        "conversation_start_notification", "conversation_stop_notification", "conversation_delete_notification",
        "capability_notification", "opt_in_notification", "opt_out_notification", "unsupported_callback",
        "channel_event", "smart_conversation_notification", "message_inbound_smart_conversation_redaction",
        "record_notification", "contact_identities_duplication_notification",
    ];

    public static SinchConversationWebhook Parse(ReadOnlyMemory<byte> body)
    {
        using var document = ProviderJson.TryParse(body);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return SinchConversationWebhook.Invalid("The body is not a JSON object.");
        }

        if (root.TryGetProperty("message", out var message))
        {
            return ParseInbound(root, message);
        }

        if (root.TryGetProperty("message_delivery_report", out var report))
        {
            return ParseDeliveryReport(root, report);
        }

        foreach (var key in EventKeys)
        {
            if (root.TryGetProperty(key, out _))
            {
                return new SinchConversationWebhook(SinchWebhookKind.Unsupported, Trigger: key);
            }
        }

        return SinchConversationWebhook.Invalid("The body carries no Conversation API event.");
    }

    private static SinchConversationWebhook ParseInbound(JsonElement root, JsonElement message)
    {
        if (!Envelope(root, out var appId, out var projectId, out var accepted, out var eventTime))
        {
            return SinchConversationWebhook.Invalid("An event needs app_id, and project_id, accepted_time and event_time must be strings.");
        }

        if (message.ValueKind != JsonValueKind.Object
            || !ProviderJson.TryGetRequiredString(message, "id", out var id)
            || !message.TryGetProperty("channel_identity", out var identity)
            || !ProviderJson.TryGetRequiredString(identity, "channel", out var channel)
            || !ProviderJson.TryGetRequiredString(identity, "identity", out var address)
            || !ProviderJson.TryGetOptionalString(message, "contact_id", out var contactId)
            || !ProviderJson.TryGetOptionalString(message, "conversation_id", out var conversationId))
        {
            return SinchConversationWebhook.Invalid("A message event needs message.id and message.channel_identity.");
        }

        if (!message.TryGetProperty("contact_message", out var content) || content.ValueKind != JsonValueKind.Object)
        {
            return SinchConversationWebhook.Invalid("A message event needs message.contact_message.");
        }

        string? text = null;
        string? mediaUrl = null;
        if (content.TryGetProperty("text_message", out var textMessage) && !ProviderJson.TryGetOptionalString(textMessage, "text", out text))
        {
            return SinchConversationWebhook.Invalid("contact_message.text_message.text must be a string.");
        }

        if (content.TryGetProperty("media_message", out var media) && !ProviderJson.TryGetOptionalString(media, "url", out mediaUrl))
        {
            return SinchConversationWebhook.Invalid("contact_message.media_message.url must be a string.");
        }

        if (text is null && mediaUrl is null)
        {
            // Choices, locations, fallbacks: well-formed, nothing the portal's keyword handling can use.
            return new SinchConversationWebhook(SinchWebhookKind.Unsupported, Trigger: "message");
        }

        return new SinchConversationWebhook(SinchWebhookKind.Inbound,
            Inbound: new SinchConversationInbound(id, appId, projectId, channel, address, text, mediaUrl, accepted, eventTime, contactId, conversationId),
            Trigger: "message");
    }

    private static SinchConversationWebhook ParseDeliveryReport(JsonElement root, JsonElement report)
    {
        if (!Envelope(root, out var appId, out var projectId, out var accepted, out var eventTime)
            || !ProviderJson.TryGetOptionalString(root, "correlation_id", out var correlation))
        {
            return SinchConversationWebhook.Invalid("An event needs app_id, and project_id, accepted_time, event_time and correlation_id must be strings.");
        }

        if (report.ValueKind != JsonValueKind.Object
            || !ProviderJson.TryGetRequiredString(report, "message_id", out var messageId)
            || !ProviderJson.TryGetRequiredString(report, "status", out var status))
        {
            return SinchConversationWebhook.Invalid("A delivery report needs message_id and status.");
        }

        string? channel = null;
        string? identity = null;
        if (report.TryGetProperty("channel_identity", out var channelIdentity)
            && (!ProviderJson.TryGetOptionalString(channelIdentity, "channel", out channel)
                || !ProviderJson.TryGetOptionalString(channelIdentity, "identity", out identity)))
        {
            return SinchConversationWebhook.Invalid("channel_identity must be an object of strings.");
        }

        string? reasonCode = null;
        string? reasonText = null;
        if (report.TryGetProperty("reason", out var reason) && reason.ValueKind != JsonValueKind.Null
            && (!ProviderJson.TryGetOptionalString(reason, "code", out reasonCode)
                || !ProviderJson.TryGetOptionalString(reason, "description", out reasonText)))
        {
            return SinchConversationWebhook.Invalid("reason must be an object of strings.");
        }

        return new SinchConversationWebhook(SinchWebhookKind.DeliveryReport,
            DeliveryReport: new SinchConversationDeliveryReport(messageId, appId, projectId, status, channel, identity, reasonCode,
                reasonText, accepted, eventTime, correlation),
            Trigger: "message_delivery_report");
    }

    private static bool Envelope(JsonElement root, out string appId, out string? projectId, out DateTimeOffset? accepted, out DateTimeOffset? eventTime)
    {
        projectId = null;
        accepted = null;
        eventTime = null;
        return ProviderJson.TryGetRequiredString(root, "app_id", out appId)
            && ProviderJson.TryGetOptionalString(root, "project_id", out projectId)
            && ProviderJson.TryGetOptionalTimestamp(root, "accepted_time", out accepted)
            && ProviderJson.TryGetOptionalTimestamp(root, "event_time", out eventTime);
    }
}
