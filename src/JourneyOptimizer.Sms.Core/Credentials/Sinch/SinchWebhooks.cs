using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Security;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Core.Webhooks.Ingestion;

namespace JourneyOptimizer.Sms.Core.Credentials.Sinch;

/// <summary>
/// The callbacks of a Sinch SMS service plan: JSON (<see cref="SinchSmsWebhookParser"/>) signed with the service plan's
/// HMAC secret (<see cref="SinchWebhookSignature"/>), which the API credential holds. Sinch posts inbound messages and
/// delivery reports to the same callback URL, so either type of webhook stores both; events the portal does not use
/// (binary or media messages) are acknowledged and dropped. Keyword replies go through the outbox; the answer is 204.
/// </summary>
public sealed class SinchWebhooks(ISecretProtector protector, TimeProvider time) : VendorWebhooks
{
    public const string AuthenticationNoteMessage =
        "Sinch signs its callbacks with the webhook secret of the API credential (HMAC): set the same secret in Sinch. There is no other secret to set.";

    public const string NoSecretMessage =
        "This API credential has no webhook secret: add the HMAC secret that Sinch signs its callbacks with to the API credential, so that the portal can check them.";

    public override bool SenderIsCredentialAddress => true;

    public override string AuthenticationNote => AuthenticationNoteMessage;

    public override FieldError? CredentialProblem(ApiCredential credential) =>
        credential is SinchCredential { WebhookSecretProtected: null }
            ? new FieldError(nameof(SinchCredentialInput.WebhookSecret), NoSecretMessage)
            : null;

    public override IWebhookRequestReader CreateReader(ApiCredential credential)
    {
        var sinch = credential as SinchCredential ?? throw new ArgumentException("Not a Sinch credential.", nameof(credential));
        return new Reader(sinch.WebhookSecretProtected is null ? null : protector.Unprotect(sinch.WebhookSecretProtected), time);
    }

    /// <summary>Checks a Sinch signature over the raw body; null when it is valid, else the refusal.</summary>
    internal static WebhookRead? Authenticate(string? secret, WebhookRequest request, TimeProvider time)
    {
        if (!WebhookIngestion.IsMediaType(request.ContentType, "application/json"))
        {
            return WebhookRead.Refuse(415, "Expected application/json.");
        }

        if (secret is null)
        {
            return WebhookRead.Refuse(403, "The API credential has no webhook secret to check x-sinch-webhook-signature with.");
        }

        return SinchWebhookSignature.Check(secret, request.Body.Span, request.Header(SinchWebhookSignature.SignatureHeader),
                request.Header(SinchWebhookSignature.TimestampHeader), request.Header(SinchWebhookSignature.NonceHeader),
                request.Header(SinchWebhookSignature.AlgorithmHeader), time.GetUtcNow()) switch
        {
            SinchSignatureCheck.Valid => null,
            SinchSignatureCheck.Missing => WebhookRead.Refuse(403, "Missing x-sinch-webhook-signature, -timestamp or -nonce."),
            SinchSignatureCheck.UnsupportedAlgorithm => WebhookRead.Refuse(403, "Unsupported x-sinch-webhook-signature-algorithm."),
            SinchSignatureCheck.StaleTimestamp => WebhookRead.Refuse(403, "The x-sinch-webhook-signature-timestamp is not within 5 minutes of now."),
            _ => WebhookRead.Refuse(403, "Invalid x-sinch-webhook-signature."),
        };
    }

    private sealed class Reader(string? secret, TimeProvider time) : IWebhookRequestReader
    {
        public WebhookRead Read(ResolvedWebhook webhook, WebhookRequest request, string publicUrl)
        {
            if (Authenticate(secret, request, time) is { } refusal)
            {
                return refusal;
            }

            var callback = SinchSmsWebhookParser.Parse(request.Body);
            switch (callback.Kind)
            {
                case SinchWebhookKind.Inbound:
                    {
                        var mo = callback.Inbound!;
                        return WebhookRead.Of(new InboundFields(mo.Id, mo.Id, SinchSmsWebhookParser.NormalizeMsisdn(mo.From) ?? mo.From,
                            SinchSmsWebhookParser.NormalizeMsisdn(mo.To) ?? mo.To, mo.Body, mo.ReceivedAt.UtcDateTime, "from", "to", "body"));
                    }

                case SinchWebhookKind.DeliveryReport:
                    {
                        // The portal sends one recipient per batch: the report's first line is that recipient's status.
                        var report = callback.DeliveryReport!;
                        var line = report.Statuses.Count > 0 ? report.Statuses[0] : null;
                        return WebhookRead.Of(new FeedbackFields(null, report.BatchId, line?.Status,
                            line?.Code.ToString(System.Globalization.CultureInfo.InvariantCulture), "batch_id", "status", "code"));
                    }

                case SinchWebhookKind.Unsupported:
                    return WebhookRead.Ignore("A Sinch callback of a type the portal does not store.");

                default:
                    return WebhookRead.Refuse(400, callback.Reason ?? "Not a Sinch callback.");
            }
        }

        public WebhookResponse Answer(ResolvedWebhook webhook, string? reply) => new(204, WebhookResponse.TextPlain, "");
    }
}
