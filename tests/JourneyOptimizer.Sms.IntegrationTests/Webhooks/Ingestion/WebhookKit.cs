using System.Net;
using System.Security.Cryptography;
using System.Text;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Webhooks.Ingestion;

public sealed record TwilioHook(int Id, int SandboxId, string Token, string AuthToken, string AccountSid, string InboundNumber, string SenderNumber)
{
    public string Path => "/webhooks/" + Token;
}

public sealed record CustomHook(int Id, int SandboxId, string Token, string Secret, string SenderNumber)
{
    public string Path => "/webhooks/" + Token;
}

/// <summary>Webhook rows made directly through <see cref="SmsDbContext"/> (the admin pages are another feature).</summary>
public static class WebhookKit
{
    public static readonly PayloadMapping InboundMapping = new()
    {
        Paths = new Dictionary<NormalizedField, string>
        {
            [NormalizedField.InboundMessage] = "message.text",
            [NormalizedField.ProfileNumber] = "message.from",
            [NormalizedField.RequestId] = "id",
            [NormalizedField.OriginTimestamp] = "message.sentAt",
            [NormalizedField.InboundNumber] = "$.message[\"to\"]",
        },
    };

    public static readonly PayloadMapping FeedbackMapping = new()
    {
        Paths = new Dictionary<NormalizedField, string>
        {
            [NormalizedField.ClientReference] = "results[0].messageId",
            [NormalizedField.Status] = "results[0].status.name",
            [NormalizedField.Code] = "results[0].error.code",
        },
    };

    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static async Task<TwilioHook> TwilioAsync(PortalFactory factory, WebhookType type, InboundKeywordSettings? keywords = null,
        string? senderNumber = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var sandbox = await TestData.SandboxAsync(factory, "prod");
        var input = TestData.Twilio();
        var credentialId = await TestData.CreateTwilioAsync(factory, sandbox.Id, input, saveWithoutVerification: true);
        var sender = senderNumber ?? input.InboundNumber!;
        var token = NewToken();
        var id = await AddAsync(factory, new Webhook
        {
            SandboxId = sandbox.Id,
            Name = TestData.Name("hook"),
            Vendor = SmsVendor.Twilio,
            Type = type,
            ApiCredentialId = credentialId,
            SenderNumber = sender,
            PathToken = token,
            KeywordSettingsJson = type == WebhookType.Inbound ? (keywords ?? new()).ToJson() : null,
            CreatedBy = "seed@example.com",
            ModifiedBy = "seed@example.com",
        });
        return new TwilioHook(id, sandbox.Id, token, input.AuthToken!, input.AccountSid!, input.InboundNumber!, sender);
    }

    public static async Task<CustomHook> CustomAsync(PortalFactory factory, WebhookType type, InboundKeywordSettings? keywords = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var sandbox = await TestData.SandboxAsync(factory, "prod");
        int credentialId;
        await using (var scope = factory.CreateScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<ApiCredentialService>().CreateAsync(sandbox.Id, SmsVendor.Custom, new CustomCredentialInput
            {
                Name = TestData.Name("custom"),
                ProviderName = "Acme SMS",
                ProviderUrl = factory.Provider.Url,
                ChannelType = CustomChannelType.Sms,
                AuthType = CustomAuthType.None,
                ProviderPayload = """{"from":"{{fromNumber}}","to":"{{toNumber}}","body":"{{message}}"}""",
                MessageIdExtractor = "messages.0.id",
            }, new Actor("test", "seed@example.com"), saveWithoutVerification: false, CancellationToken.None);
            Assert.True(result.Outcome == CredentialOutcome.Created,
                string.Join("; ", result.FieldErrors.Select(e => e.Field + ": " + e.Message)));
            credentialId = result.Id!.Value;
        }

        var secret = NewToken();
        var token = NewToken();
        var sender = TestData.Number();
        var id = await AddAsync(factory, new Webhook
        {
            SandboxId = sandbox.Id,
            Name = TestData.Name("hook"),
            Vendor = SmsVendor.Custom,
            Type = type,
            ApiCredentialId = credentialId,
            SenderNumber = sender,
            PathToken = token,
            SigningSecretHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))),
            SigningSecretHint = secret[^4..],
            KeywordSettingsJson = type == WebhookType.Inbound ? (keywords ?? new()).ToJson() : null,
            PayloadMappingJson = (type == WebhookType.Inbound ? InboundMapping : FeedbackMapping).ToJson(),
            CreatedBy = "seed@example.com",
            ModifiedBy = "seed@example.com",
        });
        return new CustomHook(id, sandbox.Id, token, secret, sender);
    }

    private static async Task<int> AddAsync(PortalFactory factory, Webhook webhook)
    {
        webhook.NormalizedName = webhook.Name.ToUpperInvariant();
        webhook.CreatedAtUtc = webhook.ModifiedAtUtc = DateTime.UtcNow;
        webhook.Version = 1;
        return await factory.WithDbAsync(async db =>
        {
            db.Webhooks.Add(webhook);
            await db.SaveChangesAsync();
            return webhook.Id;
        });
    }

    public static string MessageSid() => "SM" + TestData.Hex32();

    /// <summary>A form POST signed the way Twilio signs it: over <paramref name="signedUrl"/> with <paramref name="authToken"/>.</summary>
    public static HttpRequestMessage TwilioPost(string path, IReadOnlyList<KeyValuePair<string, string>> form, string authToken,
        string? signedUrl = null, string? idempotencyToken = null, string? signatureOverride = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var url = signedUrl ?? "http://localhost" + path;
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.TryAddWithoutValidation(TwilioSignature.HeaderName,
            signatureOverride ?? TwilioTestSignature.Sign(authToken, url, form));
        if (idempotencyToken is not null)
        {
            request.Headers.TryAddWithoutValidation("I-Twilio-Idempotency-Token", idempotencyToken);
        }

        return request;
    }

    public static List<KeyValuePair<string, string>> InboundForm(TwilioHook hook, string from, string body, string? messageSid = null,
        string? to = null) => InboundFormWithSid(hook, from, body, messageSid ?? MessageSid(), to);

    private static List<KeyValuePair<string, string>> InboundFormWithSid(TwilioHook hook, string from, string body, string messageSid,
        string? to) =>
    [
        new("ToCountry", "US"),
        new("SmsMessageSid", messageSid),
        new("NumMedia", "0"),
        new("MessageSid", messageSid),
        new("AccountSid", hook.AccountSid),
        new("From", from),
        new("To", to ?? hook.InboundNumber),
        new("Body", body),
        new("NumSegments", "1"),
        new("ApiVersion", "2010-04-01"),
    ];

    public static List<KeyValuePair<string, string>> StatusForm(TwilioHook hook, string messageSid, string status, string? errorCode = null)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("MessageSid", messageSid),
            new("SmsSid", messageSid),
            new("AccountSid", hook.AccountSid),
            new("MessagingServiceSid", "MG" + TestData.Hex32()),
            new("MessageStatus", status),
            new("SmsStatus", status),
            new("To", "+14155550100"),
            new("From", hook.InboundNumber),
            new("ApiVersion", "2010-04-01"),
        };
        if (errorCode is not null)
        {
            form.Add(new("ErrorCode", errorCode));
        }

        return form;
    }

    public static HttpRequestMessage CustomPost(CustomHook hook, string json, string? secret = null, string contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(hook);
        var request = new HttpRequestMessage(HttpMethod.Post, hook.Path)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + (secret ?? hook.Secret));
        return request;
    }
}
