using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Core.Webhooks.Ingestion;

namespace JourneyOptimizer.Sms.Core.Credentials.Infobip;

/// <summary>
/// Infobip's pushes: JSON <c>{"results":[...]}</c>, incoming messages to one webhook and delivery reports to another
/// (as AJO sets Infobip up), several results per request. Infobip signs neither: the per-message delivery URL and
/// the number's forwarding have no authentication settings, and the HMAC of its Subscriptions API is not documented
/// in a form the portal could check. What authenticates a push is the Webhook URL itself: its path token is 256
/// random bits, an unknown one is answered 404 before the body is read, and it is redacted from the logs. Keyword
/// replies go through the outbox (Infobip's SMS API); the answer is 200 once every result is stored.
/// </summary>
public sealed class InfobipWebhooks : VendorWebhooks
{
    public const string AuthenticationNoteMessage =
        "Infobip does not sign its requests: the Webhook URL is the secret. Give it only to Infobip (as the number's forwarding URL or a subscription's URL), and delete the webhook and create a new one if it leaks.";

    private static readonly Reader SharedReader = new();

    public override bool SenderIsCredentialAddress => true;

    public override string AuthenticationNote => AuthenticationNoteMessage;

    /// <summary>Fuzzy Opt-out of the credential turns on Fuzzy Logic, answered with its Fuzzy auto reply unless the webhook has its own.</summary>
    public override InboundKeywordSettings KeywordSettings(ApiCredential credential, InboundKeywordSettings webhookSettings)
    {
        ArgumentNullException.ThrowIfNull(webhookSettings);
        if (credential is not InfobipCredential { FuzzyOptOut: true } infobip)
        {
            return webhookSettings;
        }

        var own = webhookSettings.FuzzyLogic && !string.IsNullOrWhiteSpace(webhookSettings.FuzzyAutoResponse);
        return webhookSettings with { FuzzyLogic = true, FuzzyAutoResponse = own ? webhookSettings.FuzzyAutoResponse : infobip.FuzzyAutoReply };
    }

    /// <summary>Nothing of the credential is needed to read a push: one reader serves every webhook.</summary>
    public override IWebhookRequestReader CreateReader(ApiCredential credential) => SharedReader;

    /// <summary>A number as the portal keeps it: Infobip's <c>41793026727</c> as <c>+41793026727</c>; short codes and other senders unchanged.</summary>
    internal static string Number(string value)
    {
        var trimmed = value.Trim();
        if (PhoneNumberRules.IsShortCode(trimmed))
        {
            return trimmed;
        }

        return PhoneNumberRules.TryNormalizeE164(trimmed.StartsWith('+') ? trimmed : "+" + trimmed) ?? trimmed;
    }

    /// <summary>Infobip's status group in the portal's delivery status names (<see cref="DeliveryStatusRank"/>); others stay as they are.</summary>
    internal static string Status(string group) => group.Trim().ToUpperInvariant() switch
    {
        "ACCEPTED" => "accepted",
        "PENDING" => "sent",
        "DELIVERED" => "delivered",
        "UNDELIVERABLE" => "undelivered",
        "EXPIRED" => "undelivered",
        "REJECTED" => "failed",
        var other => other.ToLowerInvariant(),
    };

    private sealed class Reader : IWebhookRequestReader
    {
        public WebhookRead Read(ResolvedWebhook webhook, WebhookRequest request, string publicUrl)
        {
            if (!WebhookIngestion.IsMediaType(request.ContentType, "application/json"))
            {
                return WebhookRead.Refuse(415, "Expected application/json.");
            }

            if (webhook.Type == WebhookType.Inbound)
            {
                var inbound = InfobipWebhookParser.ParseInbound(request.Body);
                if (!inbound.IsValid)
                {
                    return WebhookRead.Refuse(400, inbound.Reason!);
                }

                return WebhookRead.Of(inbound.Results.Select(m => new InboundFields(m.MessageId, m.MessageId, Number(m.From), Number(m.To), m.Text,
                    m.ReceivedAt?.UtcDateTime, "from", "to", "text")).ToList());
            }

            var reports = InfobipWebhookParser.ParseDeliveryReports(request.Body);
            if (!reports.IsValid)
            {
                return WebhookRead.Refuse(400, reports.Reason!);
            }

            // The code is the error's name when there is an error (NO_ERROR, id 0, is none), clipped to the column.
            return WebhookRead.Of(reports.Results.Select(r => new FeedbackFields(null, r.MessageId, Status(r.StatusGroup),
                r.ErrorId is null or 0 || string.IsNullOrWhiteSpace(r.ErrorName) ? null : Clip(r.ErrorName, DeliveryFeedback.CodeMaxLength),
                "messageId", "status.groupName", "error.name")).ToList());
        }

        public WebhookResponse Answer(ResolvedWebhook webhook, string? reply) => new(200, WebhookResponse.TextPlain, "");

        private static string Clip(string value, int max) => value.Length <= max ? value : value[..max];
    }
}
