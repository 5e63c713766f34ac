using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials.Sinch;
using JourneyOptimizer.Sms.Core.Security;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Core.Webhooks.Ingestion;

namespace JourneyOptimizer.Sms.Core.Credentials.SinchConversation;

/// <summary>
/// The callbacks of a Sinch RCS credential's Conversation API app (triggers MESSAGE_INBOUND and MESSAGE_DELIVERY):
/// JSON (<see cref="SinchConversationWebhookParser"/>) signed with the app webhook's secret, which the API credential
/// holds, and refused when they name another app. Both triggers go to the one target, so either type of webhook stores
/// both; other events are acknowledged and dropped. An inbound message arrives at the webhook's sender number (the
/// RCS agent has no number of its own). Keyword replies go through the outbox; the answer is 204.
/// </summary>
public sealed class SinchRcsWebhooks(ISecretProtector protector, TimeProvider time) : VendorWebhooks
{
    public override string AuthenticationNote => SinchWebhooks.AuthenticationNoteMessage;

    public override FieldError? CredentialProblem(ApiCredential credential) =>
        credential is SinchRcsCredential { WebhookSecretProtected: null }
            ? new FieldError(nameof(SinchRcsCredentialInput.WebhookSecret), SinchWebhooks.NoSecretMessage)
            : null;

    public override IWebhookRequestReader CreateReader(ApiCredential credential)
    {
        var rcs = credential as SinchRcsCredential ?? throw new ArgumentException("Not a Sinch RCS credential.", nameof(credential));
        return new Reader(rcs.AppId, rcs.WebhookSecretProtected is null ? null : protector.Unprotect(rcs.WebhookSecretProtected), time);
    }

    private sealed class Reader(string appId, string? secret, TimeProvider time) : IWebhookRequestReader
    {
        public WebhookRead Read(ResolvedWebhook webhook, WebhookRequest request, string publicUrl)
        {
            if (SinchWebhooks.Authenticate(secret, request, time) is { } refusal)
            {
                return refusal;
            }

            var callback = SinchConversationWebhookParser.Parse(request.Body);
            switch (callback.Kind)
            {
                case SinchWebhookKind.Inbound:
                    {
                        var message = callback.Inbound!;
                        if (!string.Equals(message.AppId, appId, StringComparison.OrdinalIgnoreCase))
                        {
                            return WebhookRead.Refuse(403, "app_id is not the credential's app.");
                        }

                        // Sinch writes the contact's number without "+" (12015555555).
                        var from = SinchSmsWebhookParser.NormalizeMsisdn(message.Identity) ?? message.Identity;
                        return WebhookRead.Of(new InboundFields(message.MessageId, message.MessageId, from, webhook.SenderNumber,
                            message.Text ?? message.MediaUrl ?? "", (message.AcceptedTime ?? message.EventTime)?.UtcDateTime,
                            "message.channel_identity.identity", "app_id", "message.contact_message.text_message.text"));
                    }

                case SinchWebhookKind.DeliveryReport:
                    {
                        var report = callback.DeliveryReport!;
                        if (!string.Equals(report.AppId, appId, StringComparison.OrdinalIgnoreCase))
                        {
                            return WebhookRead.Refuse(403, "app_id is not the credential's app.");
                        }

                        return WebhookRead.Of(new FeedbackFields(null, report.MessageId, report.Status, report.ReasonCode,
                            "message_delivery_report.message_id", "message_delivery_report.status", "message_delivery_report.reason.code"));
                    }

                case SinchWebhookKind.Unsupported:
                    return WebhookRead.Ignore("A Conversation API event the portal does not store.");

                default:
                    return WebhookRead.Refuse(400, callback.Reason ?? "Not a Conversation API callback.");
            }
        }

        public WebhookResponse Answer(ResolvedWebhook webhook, string? reply) => new(204, WebhookResponse.TextPlain, "");
    }
}
