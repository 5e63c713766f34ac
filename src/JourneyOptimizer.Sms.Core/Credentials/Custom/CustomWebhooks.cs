using System.Text.Json;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Core.Webhooks.Ingestion;
using Microsoft.Net.Http.Headers;

namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>
/// A Custom provider's webhooks: JSON requests authenticated with the webhook's own signing secret as
/// <c>Authorization: Bearer</c> (checked against its SHA-256), read through the webhook's payload mapping; keyword
/// replies go through the outbox (the provider's send endpoint), the answer is 204.
/// </summary>
public sealed class CustomWebhooks : VendorWebhooks
{
    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        MaxDepth = 64,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    private static readonly Reader SharedReader = new();

    public override bool UsesSigningSecret => true;

    public override bool UsesPayloadMapping => true;

    /// <summary>Everything a request needs is the webhook's own (secret hash, mapping): one reader serves them all.</summary>
    public override IWebhookRequestReader CreateReader(ApiCredential credential) => SharedReader;

    private sealed class Reader : IWebhookRequestReader
    {
        public WebhookRead Read(ResolvedWebhook webhook, WebhookRequest request, string publicUrl)
        {
            if (!WebhookIngestion.IsMediaType(request.ContentType, "application/json"))
            {
                return WebhookRead.Refuse(415, "Expected application/json.");
            }

            var authorization = request.Header(HeaderNames.Authorization);
            if (!WebhookIngestion.BearerMatches(webhook.SigningSecretHash, authorization))
            {
                return WebhookRead.Refuse(403, string.IsNullOrWhiteSpace(authorization) ? "Missing bearer secret." : "Invalid bearer secret.");
            }

            if (!System.Text.Unicode.Utf8.IsValid(request.Body.Span))
            {
                return WebhookRead.Refuse(400, "The body is not valid UTF-8.");
            }

            // Before parsing: the duplicate-name check of the parser reads property names, and one that is not Unicode
            // would throw there instead of failing as JSON.
            if (!JsonStrings.AreUnicode(request.Body.Span))
            {
                return WebhookRead.Refuse(400, "The body has a string that is not Unicode (an escaped lone surrogate such as \\ud800).");
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(request.Body, JsonOptions);
            }
            catch (JsonException)
            {
                return WebhookRead.Refuse(400, "The body is not valid JSON (UTF-8, at most 64 levels deep, no duplicate property names).");
            }

            using (document)
            {
                var root = document.RootElement;
                string? Field(NormalizedField field) =>
                    webhook.Mapping.Paths.TryGetValue(field, out var path) ? WebhookIngestion.ReadScalar(root, path) : null;

                foreach (var required in PayloadMapping.RequiredFields(webhook.Type))
                {
                    if (string.IsNullOrEmpty(Field(required)))
                    {
                        return WebhookRead.Refuse(400, $"Missing field {required} (or not a string or number where the payload mapping points).");
                    }
                }

                if (webhook.Type == WebhookType.Inbound)
                {
                    var requestId = Field(NormalizedField.RequestId)!;
                    var to = Field(NormalizedField.InboundNumber);
                    return WebhookRead.Of(new InboundFields(requestId, requestId, Field(NormalizedField.ProfileNumber),
                        string.IsNullOrEmpty(to) ? webhook.SenderNumber : to, Field(NormalizedField.InboundMessage) ?? "",
                        WebhookIngestion.ParseTimestamp(Field(NormalizedField.OriginTimestamp)),
                        nameof(NormalizedField.ProfileNumber), nameof(NormalizedField.InboundNumber), nameof(NormalizedField.InboundMessage)));
                }

                var key = Field(NormalizedField.RequestId);
                return WebhookRead.Of(new FeedbackFields(string.IsNullOrEmpty(key) ? null : key, Field(NormalizedField.ClientReference),
                    Field(NormalizedField.Status), Field(NormalizedField.Code),
                    nameof(NormalizedField.ClientReference), nameof(NormalizedField.Status), nameof(NormalizedField.Code)));
            }
        }

        public WebhookResponse Answer(ResolvedWebhook webhook, string? reply) => new(204, WebhookResponse.TextPlain, "");
    }
}
