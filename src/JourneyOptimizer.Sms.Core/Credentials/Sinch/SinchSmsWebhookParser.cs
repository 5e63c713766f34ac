using System.Text.Json;
using JourneyOptimizer.Sms.Core.Credentials.ProviderHttp;

namespace JourneyOptimizer.Sms.Core.Credentials.Sinch;

/// <summary>
/// Reads the callbacks of Sinch's SMS REST API: inbound messages (<c>mo_text</c>) and delivery reports, told apart by
/// the top-level <c>type</c>. Pure: bytes in, a <see cref="SinchSmsWebhook"/> out, never an exception; a body that is
/// not a Sinch callback is <see cref="SinchWebhookKind.Invalid"/> with a reason for the 400 answer.
/// </summary>
public static class SinchSmsWebhookParser
{
    private static readonly HashSet<string> DeliveryTypes = new(StringComparer.Ordinal)
    {
        "recipient_delivery_report_sms", "recipient_delivery_report_mms", "delivery_report_sms", "delivery_report_mms",
    };

    public static SinchSmsWebhook Parse(ReadOnlyMemory<byte> body)
    {
        using var document = ProviderJson.TryParse(body);
        if (document is null)
        {
            return SinchSmsWebhook.Invalid("The body is not JSON.");
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return SinchSmsWebhook.Invalid("The body is not a JSON object.");
        }

        if (!ProviderJson.TryGetRequiredString(root, "type", out var type))
        {
            return SinchSmsWebhook.Invalid("The body has no type.");
        }

        if (type == "mo_text")
        {
            return ParseInbound(root);
        }

        if (DeliveryTypes.Contains(type))
        {
            return type.StartsWith("recipient_", StringComparison.Ordinal) ? ParseRecipientReport(root, type) : ParseBatchReport(root, type);
        }

        return new SinchSmsWebhook(SinchWebhookKind.Unsupported, Type: type.Length <= 64 ? type : type[..64]);
    }

    /// <summary>
    /// A number as the portal stores it: E.164 with <c>+</c> (Sinch may leave it out, or write <c>00</c>), or a short code
    /// (3 to 8 digits) as it is; null when it is neither.
    /// </summary>
    public static string? NormalizeMsisdn(string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var digits = text.StartsWith('+') ? text[1..] : text.StartsWith("00", StringComparison.Ordinal) ? text[2..] : text;
        if (digits.Length == 0 || digits.AsSpan().IndexOfAnyExceptInRange('0', '9') >= 0)
        {
            return null;
        }

        if (!text.StartsWith('+') && !text.StartsWith("00", StringComparison.Ordinal) && digits.Length <= 8)
        {
            return digits.Length >= 3 ? digits : null;
        }

        return digits.Length is >= 7 and <= 15 ? "+" + digits : null;
    }

    private static SinchSmsWebhook ParseInbound(JsonElement root)
    {
        if (!ProviderJson.TryGetRequiredString(root, "id", out var id)
            || !ProviderJson.TryGetRequiredString(root, "from", out var from)
            || !ProviderJson.TryGetRequiredString(root, "to", out var to))
        {
            return SinchSmsWebhook.Invalid("An mo_text callback needs id, from and to.");
        }

        if (!ProviderJson.TryGetOptionalString(root, "body", out var text) || text is null)
        {
            return SinchSmsWebhook.Invalid("An mo_text callback needs a body.");
        }

        if (!ProviderJson.TryGetOptionalTimestamp(root, "received_at", out var receivedAt) || receivedAt is null
            || !ProviderJson.TryGetOptionalTimestamp(root, "sent_at", out var sentAt))
        {
            return SinchSmsWebhook.Invalid("received_at and sent_at must be ISO-8601 timestamps.");
        }

        if (!ProviderJson.TryGetOptionalString(root, "client_reference", out var reference)
            || !ProviderJson.TryGetOptionalString(root, "operator_id", out var operatorId))
        {
            return SinchSmsWebhook.Invalid("client_reference and operator_id must be strings.");
        }

        return new SinchSmsWebhook(SinchWebhookKind.Inbound,
            Inbound: new SinchInboundSms(id, from, to, text, receivedAt.Value, sentAt, reference, operatorId), Type: "mo_text");
    }

    private static SinchSmsWebhook ParseRecipientReport(JsonElement root, string type)
    {
        if (!ProviderJson.TryGetRequiredString(root, "batch_id", out var batchId)
            || !ProviderJson.TryGetRequiredString(root, "recipient", out var recipient)
            || !ProviderJson.TryGetRequiredString(root, "status", out var status))
        {
            return SinchSmsWebhook.Invalid("A recipient delivery report needs batch_id, recipient and status.");
        }

        if (!ProviderJson.TryGetOptionalInt(root, "code", out var code) || code is null)
        {
            return SinchSmsWebhook.Invalid("A recipient delivery report needs a numeric code.");
        }

        if (!ProviderJson.TryGetOptionalTimestamp(root, "at", out var at)
            || !ProviderJson.TryGetOptionalString(root, "client_reference", out var reference))
        {
            return SinchSmsWebhook.Invalid("at must be an ISO-8601 timestamp and client_reference a string.");
        }

        return new SinchSmsWebhook(SinchWebhookKind.DeliveryReport,
            DeliveryReport: new SinchSmsDeliveryReport(type, batchId, reference, [new SinchRecipientStatus(recipient, status, code.Value, 1, at)]),
            Type: type);
    }

    private static SinchSmsWebhook ParseBatchReport(JsonElement root, string type)
    {
        if (!ProviderJson.TryGetRequiredString(root, "batch_id", out var batchId)
            || !root.TryGetProperty("statuses", out var statuses) || statuses.ValueKind != JsonValueKind.Array)
        {
            return SinchSmsWebhook.Invalid("A batch delivery report needs batch_id and statuses.");
        }

        if (!ProviderJson.TryGetOptionalString(root, "client_reference", out var reference))
        {
            return SinchSmsWebhook.Invalid("client_reference must be a string.");
        }

        var lines = new List<SinchRecipientStatus>();
        foreach (var entry in statuses.EnumerateArray())
        {
            if (!ProviderJson.TryGetRequiredString(entry, "status", out var status)
                || !ProviderJson.TryGetOptionalInt(entry, "code", out var code) || code is null
                || !ProviderJson.TryGetOptionalInt(entry, "count", out var count) || count is < 0)
            {
                return SinchSmsWebhook.Invalid("Every status needs a status, a numeric code and a count.");
            }

            if (entry.TryGetProperty("recipients", out var recipients) && recipients.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in recipients.EnumerateArray())
                {
                    if (!ProviderJson.TryGetString(item, out var recipient) || string.IsNullOrWhiteSpace(recipient))
                    {
                        return SinchSmsWebhook.Invalid("recipients must be strings.");
                    }

                    lines.Add(new SinchRecipientStatus(recipient, status, code.Value, 1, null));
                }
            }
            else
            {
                lines.Add(new SinchRecipientStatus(null, status, code.Value, count ?? 0, null));
            }

            if (lines.Count > 10_000)
            {
                return SinchSmsWebhook.Invalid("The report has more than 10000 lines.");
            }
        }

        return new SinchSmsWebhook(SinchWebhookKind.DeliveryReport,
            DeliveryReport: new SinchSmsDeliveryReport(type, batchId, reference, lines), Type: type);
    }
}
