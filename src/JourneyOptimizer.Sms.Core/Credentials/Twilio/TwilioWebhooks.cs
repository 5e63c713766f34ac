using System.Text;
using System.Xml.Linq;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Security;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Core.Webhooks.Ingestion;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Twilio.TwiML;

namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>
/// Twilio's webhooks: form-encoded requests signed with <c>X-Twilio-Signature</c> (the account's Auth Token over the
/// public URL and the form), the account checked against the credential's, events identified by what the signature
/// covers (the MessageSid, with the status for a callback); an inbound message is answered with TwiML carrying the
/// keyword reply.
/// </summary>
public sealed class TwilioWebhooks(ISecretProtector protector) : VendorWebhooks
{
    public const string AuthenticationNoteMessage = "Twilio signs its requests with the Auth Token of the API credentials: there is no other secret to set.";
    public const string NoAuthTokenMessage =
        "This API credential signs in with an API key and has no Auth Token: add its Auth Token to the API credential, so that the portal can check Twilio's signatures.";

    public static readonly string EmptyTwiml = new MessagingResponse().ToString(SaveOptions.DisableFormatting);

    public override bool SenderIsCredentialAddress => true;

    public override bool RepliesInAnswer => true;

    public override string AuthenticationNote => AuthenticationNoteMessage;

    /// <summary>TwiML (the SDK's <see cref="MessagingResponse"/>) with the reply as one Message, or an empty Response.</summary>
    public static string Twiml(string? reply) => string.IsNullOrEmpty(reply)
        ? EmptyTwiml
        : new MessagingResponse().Message(reply).ToString(SaveOptions.DisableFormatting);

    /// <summary>Twilio signs with the Auth Token: a credential that signs in with an API key must have it too.</summary>
    public override FieldError? CredentialProblem(ApiCredential credential) =>
        credential is TwilioCredential { AuthTokenProtected: null }
            ? new FieldError(nameof(TwilioCredentialInput.AuthToken), NoAuthTokenMessage)
            : null;

    public override IWebhookRequestReader CreateReader(ApiCredential credential)
    {
        var twilio = credential as TwilioCredential
            ?? throw new ArgumentException("Not a Twilio credential.", nameof(credential));
        return new Reader(twilio.AccountSid, twilio.AuthTokenProtected is null ? null : protector.Unprotect(twilio.AuthTokenProtected));
    }

    /// <param name="authToken">Null when the credential (an API key's) has no Auth Token: no signature can be checked.</param>
    private sealed class Reader(string accountSid, string? authToken) : IWebhookRequestReader
    {
        private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        public WebhookRead Read(ResolvedWebhook webhook, WebhookRequest request, string publicUrl)
        {
            if (!WebhookIngestion.IsMediaType(request.ContentType, "application/x-www-form-urlencoded"))
            {
                return WebhookRead.Refuse(415, "Expected application/x-www-form-urlencoded.");
            }

            Dictionary<string, StringValues> form;
            try
            {
                var text = StrictUtf8.GetString(request.Body.Span);
                form = new FormReader(text) { ValueCountLimit = 200, KeyLengthLimit = 200, ValueLengthLimit = WebhookIngestionOptions.MaxBodyBytes }
                    .ReadForm();
            }
            catch (Exception ex) when (ex is DecoderFallbackException or InvalidDataException or ArgumentException)
            {
                return WebhookRead.Refuse(400, "The form body is not valid UTF-8 form encoding.");
            }

            var parameters = new List<KeyValuePair<string, string>>(form.Count + 4);
            foreach (var (key, values) in form)
            {
                foreach (var value in values)
                {
                    parameters.Add(new(key, value ?? ""));
                }
            }

            if (authToken is null)
            {
                return WebhookRead.Refuse(403, "The API credential has no Auth Token to check X-Twilio-Signature with.");
            }

            var signature = request.Header(TwilioSignature.HeaderName);
            if (!TwilioSignature.IsValid(authToken, signature, publicUrl, parameters))
            {
                return WebhookRead.Refuse(403, string.IsNullOrWhiteSpace(signature) ? "Missing X-Twilio-Signature." : "Invalid X-Twilio-Signature.");
            }

            var account = Single(form, "AccountSid");
            if (account is null)
            {
                return WebhookRead.Refuse(400, "Missing field AccountSid.");
            }

            if (!string.Equals(account, accountSid, StringComparison.Ordinal))
            {
                return WebhookRead.Refuse(403, "AccountSid is not the credential's account.");
            }

            var messageSid = Single(form, "MessageSid") ?? Single(form, "SmsSid");
            if (string.IsNullOrEmpty(messageSid))
            {
                return WebhookRead.Refuse(400, "Missing field MessageSid.");
            }

            // An event is known by what the signature covers: the MessageSid (and, for a status callback, the status).
            // I-Twilio-Idempotency-Token is a header outside the signature, so a captured request re-sent with a new token
            // would otherwise be stored again and run its keyword again.
            if (webhook.Type == WebhookType.Inbound)
            {
                return WebhookRead.Of(new InboundFields(messageSid, messageSid, Single(form, "From"), Single(form, "To"),
                    Single(form, "Body") ?? "", OriginAtUtc: null, "From", "To", "Body"));
            }

            var status = Single(form, "MessageStatus") ?? Single(form, "SmsStatus");
            return WebhookRead.Of(new FeedbackFields(null, messageSid, status, Single(form, "ErrorCode"),
                "MessageSid", "MessageStatus", "ErrorCode"));
        }

        public WebhookResponse Answer(ResolvedWebhook webhook, string? reply) => webhook.Type == WebhookType.Inbound
            ? new WebhookResponse(200, WebhookResponse.TextXml, Twiml(reply))
            : new WebhookResponse(204, WebhookResponse.TextPlain, "");

        private static string? Single(Dictionary<string, StringValues> form, string key) =>
            form.TryGetValue(key, out var values) && values.Count > 0 ? values[0] : null;
    }
}
