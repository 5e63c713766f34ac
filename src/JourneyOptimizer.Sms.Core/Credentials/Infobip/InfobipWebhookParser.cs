using System.Text.Json;
using JourneyOptimizer.Sms.Core.Credentials.ProviderHttp;

namespace JourneyOptimizer.Sms.Core.Credentials.Infobip;

/// <summary>
/// Reads Infobip's pushes: incoming messages (to the URL set on the number) and delivery reports (to the message's
/// <c>webhooks.delivery.url</c>), each <c>{"results":[...]}</c>. AJO gives Infobip two webhooks, one for each, so each
/// has its own method. Dates may carry an offset without a colon (<c>+0000</c>). Pure: bytes in, results or a reason
/// out, never an exception. Infobip does not sign these pushes: authenticate them by the webhook's URL.
/// </summary>
public static class InfobipWebhookParser
{
    /// <summary>The most results one push may carry.</summary>
    public const int MaxResults = 1000;

    public static InfobipWebhook<InfobipInboundMessage> ParseInbound(ReadOnlyMemory<byte> body) =>
        Parse<InfobipInboundMessage>(body, static item =>
        {
            if (!ProviderJson.TryGetRequiredString(item, "messageId", out var id)
                || !ProviderJson.TryGetRequiredString(item, "from", out var from)
                || !ProviderJson.TryGetRequiredString(item, "to", out var to)
                || !ProviderJson.TryGetOptionalString(item, "text", out var text) || text is null)
            {
                return (null, "Every result needs messageId, from, to and text.");
            }

            if (!ProviderJson.TryGetOptionalString(item, "cleanText", out var clean)
                || !ProviderJson.TryGetOptionalString(item, "keyword", out var keyword)
                || !ProviderJson.TryGetOptionalString(item, "callbackData", out var callbackData)
                || !ProviderJson.TryGetOptionalTimestamp(item, "receivedAt", out var receivedAt))
            {
                return (null, "cleanText, keyword and callbackData must be strings and receivedAt a timestamp.");
            }

            return (new InfobipInboundMessage(id, from, to, text, clean, keyword, receivedAt, callbackData), null);
        });

    public static InfobipWebhook<InfobipDeliveryReport> ParseDeliveryReports(ReadOnlyMemory<byte> body) =>
        Parse<InfobipDeliveryReport>(body, static item =>
        {
            if (!ProviderJson.TryGetRequiredString(item, "messageId", out var id)
                || !item.TryGetProperty("status", out var status)
                || !ProviderJson.TryGetRequiredString(status, "groupName", out var group)
                || !ProviderJson.TryGetOptionalString(status, "name", out var statusName)
                || !ProviderJson.TryGetOptionalInt(status, "id", out var statusId))
            {
                return (null, "Every result needs messageId and status.groupName.");
            }

            string? errorGroup = null;
            string? errorName = null;
            int? errorId = null;
            bool? permanent = null;
            if (item.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null
                && (!ProviderJson.TryGetOptionalString(error, "groupName", out errorGroup)
                    || !ProviderJson.TryGetOptionalString(error, "name", out errorName)
                    || !ProviderJson.TryGetOptionalInt(error, "id", out errorId)
                    || !ProviderJson.TryGetOptionalBool(error, "permanent", out permanent)))
            {
                return (null, "error must be an object with groupName, name, id and permanent.");
            }

            // v3 names the sender "sender"; v2 named it "from".
            if (!ProviderJson.TryGetOptionalString(item, "bulkId", out var bulkId)
                || !ProviderJson.TryGetOptionalString(item, "to", out var to)
                || !ProviderJson.TryGetOptionalString(item, "sender", out var sender)
                || !ProviderJson.TryGetOptionalString(item, "from", out var from)
                || !ProviderJson.TryGetOptionalString(item, "callbackData", out var callbackData)
                || !ProviderJson.TryGetOptionalTimestamp(item, "sentAt", out var sentAt)
                || !ProviderJson.TryGetOptionalTimestamp(item, "doneAt", out var doneAt))
            {
                return (null, "bulkId, to, sender, from and callbackData must be strings, sentAt and doneAt timestamps.");
            }

            return (new InfobipDeliveryReport(id, bulkId, to, sender ?? from, group, statusName, statusId, errorGroup, errorName,
                errorId, permanent, sentAt, doneAt, callbackData), null);
        });

    private static InfobipWebhook<T> Parse<T>(ReadOnlyMemory<byte> body, Func<JsonElement, (T? Item, string? Reason)> read)
        where T : class
    {
        using var document = ProviderJson.TryParse(body);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return new InfobipWebhook<T>([], "The body is not a JSON object.");
        }

        if (!root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
        {
            return new InfobipWebhook<T>([], "The body has no results array.");
        }

        if (results.GetArrayLength() > MaxResults)
        {
            return new InfobipWebhook<T>([], "The body has more than 1000 results.");
        }

        var items = new List<T>(results.GetArrayLength());
        foreach (var element in results.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return new InfobipWebhook<T>([], "Every result must be an object.");
            }

            var (item, reason) = read(element);
            if (item is null)
            {
                return new InfobipWebhook<T>([], reason);
            }

            items.Add(item);
        }

        return new InfobipWebhook<T>(items, null);
    }
}
