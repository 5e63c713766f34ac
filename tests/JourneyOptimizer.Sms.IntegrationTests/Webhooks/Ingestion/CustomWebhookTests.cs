using System.Net;
using System.Text;
using System.Text.Json;
using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Core.Webhooks.Ingestion;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Webhooks.Ingestion;

/// <summary>Custom webhooks: bearer secret, payload mapping, and replies through the durable outbox to a real HTTPS provider.</summary>
public sealed class CustomWebhookTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly InboundKeywordSettings Keywords = new()
    {
        OptOut = new() { ReplyMessage = "Bye \"for now\"" },
        Help = new() { ReplyMessage = "Help text" },
    };

    private async Task<HttpStatusCode> SendAsync(HttpRequestMessage request)
    {
        using var client = factory.CreateClient();
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static string Inbound(string id, string from, string text, string? to = null) => JsonSerializer.Serialize(new
    {
        id,
        message = new Dictionary<string, object?> { ["from"] = from, ["to"] = to, ["text"] = text, ["sentAt"] = "2026-11-23T07:00:00Z" },
    });

    private async Task<PendingReply> ReplySettledAsync(int webhookId)
    {
        // The sender is woken by the commit; wait (bounded) until it has settled the reply one way or the other.
        for (var i = 0; i < 200; i++)
        {
            var reply = await factory.WithDbAsync(db => db.Set<PendingReply>().AsNoTracking().SingleOrDefaultAsync(r => r.WebhookId == webhookId));
            if (reply is not null && (reply.State != PendingReplyState.Pending || reply.Attempts > 0))
            {
                return reply;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The reply was not sent within 10 s. " + factory.Logs.All);
    }

    [Fact]
    public async Task Inbound_OptOut_StoredThenReplySentOnceThroughTheProvider()
    {
        var hook = await WebhookKit.CustomAsync(factory, WebhookType.Inbound, Keywords);
        var profile = TestData.Number();
        var requestId = Guid.NewGuid().ToString();
        var body = Inbound(requestId, profile, "Stop");

        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(WebhookKit.CustomPost(hook, body)));

        var message = await factory.WithDbAsync(db => db.InboundMessages.AsNoTracking().SingleAsync(m => m.WebhookId == hook.Id));
        Assert.Equal((requestId, profile, hook.SenderNumber, KeywordCategory.OptOut), (message.EventKey, message.ProfileNumber, message.InboundNumber, message.Category));
        Assert.Equal(new DateTime(2026, 11, 23, 7, 0, 0, DateTimeKind.Utc), message.OriginAtUtc);
        var consent = await factory.WithDbAsync(db => db.ConsentRecords.AsNoTracking().SingleAsync(c => c.WebhookId == hook.Id));
        Assert.Equal((ConsentState.OptedOut, hook.SenderNumber, profile), (consent.State, consent.SenderNumber, consent.ProfileNumber));

        var reply = await ReplySettledAsync(hook.Id);
        Assert.Equal((PendingReplyState.Sent, "rcs-42", 1), (reply.State, reply.ProviderMessageId, reply.Attempts));
        var sent = factory.Provider.Requests.Where(r => r.Body.Contains(profile, StringComparison.Ordinal)).ToList();
        var one = Assert.Single(sent);
        using var json = JsonDocument.Parse(one.Body);
        Assert.Equal((hook.SenderNumber, profile, "Bye \"for now\""),
            (json.RootElement.GetProperty("from").GetString(), json.RootElement.GetProperty("to").GetString(), json.RootElement.GetProperty("body").GetString()));

        // The provider retries the same event: stored once, no second reply queued or sent.
        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(WebhookKit.CustomPost(hook, body)));
        await using (var scope = factory.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReplySender>().SendDueAsync(CancellationToken.None);
        }

        Assert.Equal(1, await factory.WithDbAsync(db => db.InboundMessages.CountAsync(m => m.WebhookId == hook.Id)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Set<PendingReply>().CountAsync(r => r.WebhookId == hook.Id)));
        Assert.Single(factory.Provider.Requests, r => r.Body.Contains(profile, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Inbound_ProviderDown_ReplyStaysQueuedAndIsSentOnALaterAttempt()
    {
        var hook = await WebhookKit.CustomAsync(factory, WebhookType.Inbound, Keywords);
        var profile = TestData.Number();
        factory.Provider.Answer = (503, """{"error":"busy"}""");
        try
        {
            Assert.Equal(HttpStatusCode.NoContent, await SendAsync(WebhookKit.CustomPost(hook, Inbound(Guid.NewGuid().ToString(), profile, "help"))));
            var failed = await ReplySettledAsync(hook.Id);
            Assert.Equal((PendingReplyState.Pending, 1), (failed.State, failed.Attempts));
            Assert.Equal("The provider answered with HTTP status {0}.", failed.LastError);
            Assert.True(failed.NextAttemptAtUtc > DateTime.UtcNow.AddSeconds(5));
        }
        finally
        {
            factory.Provider.Answer = (200, """{"messages":[{"id":"rcs-42","status":"queued"}]}""");
        }

        // The retry falls due (moved forward here instead of waiting for it).
        await factory.WithDbAsync(db => db.Set<PendingReply>().Where(r => r.WebhookId == hook.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.NextAttemptAtUtc, DateTime.UtcNow.AddSeconds(-1))));
        await using (var scope = factory.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReplySender>().SendDueAsync(CancellationToken.None);
        }

        var reply = await factory.WithDbAsync(db => db.Set<PendingReply>().AsNoTracking().SingleAsync(r => r.WebhookId == hook.Id));
        Assert.Equal((PendingReplyState.Sent, 2), (reply.State, reply.Attempts));
        Assert.Equal(2, factory.Provider.Requests.Count(r => r.Body.Contains(profile, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Inbound_NoReplyConfigured_QueuesNothing()
    {
        var hook = await WebhookKit.CustomAsync(factory, WebhookType.Inbound, new InboundKeywordSettings());
        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(WebhookKit.CustomPost(hook, Inbound("r-1", TestData.Number(), "hello"))));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Set<PendingReply>().CountAsync(r => r.WebhookId == hook.Id)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.InboundMessages.CountAsync(m => m.WebhookId == hook.Id)));
    }

    [Fact]
    public async Task Feedback_MappedFromNestedJson_FoldsIntoTheStatus()
    {
        var hook = await WebhookKit.CustomAsync(factory, WebhookType.Feedback);
        var reference = "msg-" + Guid.NewGuid();
        static string Receipt(string reference, string status, int? code) => JsonSerializer.Serialize(new
        {
            results = new[] { new { messageId = reference, status = new { name = status }, error = new { code } } },
        });

        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(WebhookKit.CustomPost(hook, Receipt(reference, "DELIVERED", 0), contentType: "application/json; charset=utf-8")));
        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(WebhookKit.CustomPost(hook, Receipt(reference, "SENT", 0))));
        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(WebhookKit.CustomPost(hook, Receipt(reference, "SENT", 0))));

        var events = await factory.WithDbAsync(db => db.DeliveryFeedback.Where(f => f.ClientReference == reference).OrderBy(f => f.Id)
            .Select(f => new { f.Status, f.Code, f.EventKey }).ToListAsync());
        Assert.Equal(["delivered", "sent"], events.Select(e => e.Status));
        Assert.Equal(["0", "0"], events.Select(e => e.Code));
        Assert.Equal(reference + ":sent", events[1].EventKey);
        Assert.Equal("delivered", (await factory.WithDbAsync(db => db.MessageDeliveryStatuses.SingleAsync(s => s.ClientReference == reference))).Status);
    }

    public static TheoryData<string, string?, string, HttpStatusCode> Refusals => new()
    {
        { "wrong secret", "not-the-secret", "application/json", HttpStatusCode.Forbidden },
        { "empty secret", "", "application/json", HttpStatusCode.Forbidden },
        { "form body", null, "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType },
        { "text", null, "text/plain", HttpStatusCode.UnsupportedMediaType },
        { "latin-1 json", null, "application/json; charset=iso-8859-1", HttpStatusCode.UnsupportedMediaType },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Request_BadSecretOrContentType_RefusedAndNothingStored(string why, string? secret, string contentType, HttpStatusCode expected)
    {
        var hook = await WebhookKit.CustomAsync(factory, WebhookType.Inbound, Keywords);
        var status = await SendAsync(WebhookKit.CustomPost(hook, Inbound("x-" + why, TestData.Number(), "STOP"), secret, contentType));
        Assert.Equal(expected, status);
        Assert.Equal(0, await factory.WithDbAsync(db => db.InboundMessages.CountAsync(m => m.WebhookId == hook.Id)));
        Assert.DoesNotContain(hook.Secret, factory.Logs.All, StringComparison.Ordinal);
    }

    public static TheoryData<string> HostileBodies => new()
    {
        "",
        "null",
        "[]",
        "\"just a string\"",
        "{\"id\":\"a\",\"message\":{\"from\":\"+14155550100\",\"text\":\"hi\"},\"id\":\"b\"}",
        "{\"id\":null,\"message\":{\"from\":\"+14155550100\",\"text\":\"hi\"}}",
        "{\"id\":{\"nested\":1},\"message\":{\"from\":\"+14155550100\",\"text\":\"hi\"}}",
        "{\"id\":\"a\",\"message\":[\"+14155550100\"]}",
        "{\"id\":\"a\",\"message\":{\"from\":true,\"text\":\"hi\"}}",
        "{\"id\":\"a\",\"message\":{\"from\":\"+1415555010012345678901234\",\"text\":\"hi\"}}",
        "{\"id\":\"" + new string('k', 300) + "\",\"message\":{\"from\":\"+14155550100\",\"text\":\"hi\"}}",
        "{\"id\":\"a\",\"message\":{\"from\":\"+14155550100\",\"text\":\"" + new string('t', 5000) + "\"}}",
        new string('[', 5000) + new string(']', 5000),
        "{\"id\":\"a\",", // truncated
        "{\"id\":\"a\" /* comment */}",
        "{'id':'a'}",
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task Request_HostileJson_Refused400AndNothingStored(string json)
    {
        var hook = await WebhookKit.CustomAsync(factory, WebhookType.Inbound, Keywords);
        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(WebhookKit.CustomPost(hook, json)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.InboundMessages.CountAsync(m => m.WebhookId == hook.Id)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.ConsentRecords.CountAsync(c => c.WebhookId == hook.Id)));
    }

    [Theory]
    [InlineData("{\"id\":\"\\ud800\",\"message\":{\"from\":\"+14155550100\",\"text\":\"hi\"}}")]
    [InlineData("{\"id\":\"a\",\"message\":{\"from\":\"+14155550100\",\"text\":\"STOP \\udc00\"}}")]
    [InlineData("{\"id\":\"a\",\"extra\":\"\\ud83d\",\"message\":{\"from\":\"+14155550100\",\"text\":\"hi\"}}")]
    [InlineData("{\"id\":\"a\",\"\\ud800\":1,\"message\":{\"from\":\"+14155550100\",\"text\":\"hi\"}}")]
    public async Task Request_LoneSurrogateEscape_Refused400WithItsReason_AndTheTokenIsNotLogged(string json)
    {
        var hook = await WebhookKit.CustomAsync(factory, WebhookType.Inbound, Keywords);
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(WebhookKit.CustomPost(hook, json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not Unicode", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.InboundMessages.CountAsync(m => m.WebhookId == hook.Id)));
        Assert.DoesNotContain(hook.Token, factory.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_OfACredentialSavedWithALoneSurrogateInItsPayload_FailsInsteadOfStayingPending()
    {
        // A payload saved before the validator refused such strings: rendering it can never work.
        var hook = await WebhookKit.CustomAsync(factory, WebhookType.Inbound, Keywords);
        await factory.WithDbAsync(async db =>
        {
            var credentialId = await db.Webhooks.Where(w => w.Id == hook.Id).Select(w => w.ApiCredentialId).SingleAsync();
            var credential = await db.ApiCredentials.OfType<Core.Credentials.Custom.CustomCredential>().SingleAsync(c => c.Id == credentialId);
            credential.ConfigurationJson = credential.ConfigurationJson.Replace("{{message}}", "{{message}} \\\\ud800", StringComparison.Ordinal);
            return await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(WebhookKit.CustomPost(hook, Inbound(Guid.NewGuid().ToString(), TestData.Number(), "help"))));

        var reply = await ReplySettledAsync(hook.Id);
        Assert.Equal((PendingReplyState.Failed, 1), (reply.State, reply.Attempts));
        Assert.Equal(Core.Credentials.Custom.CustomSendMessages.StoredJsonNotUnicode, reply.LastError);
    }

    [Fact]
    public async Task Request_InvalidUtf8Json_Refused400()
    {
        var hook = await WebhookKit.CustomAsync(factory, WebhookType.Inbound, Keywords);
        var request = WebhookKit.CustomPost(hook, "");
        byte[] invalid = [.. Encoding.UTF8.GetBytes("{\"id\":\"a\",\"message\":{\"from\":\"+1415"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\",\"text\":\"STOP\"}}")];
        request.Content = new ByteArrayContent(invalid);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(request));
    }

    [Fact]
    public async Task RegenerateSecret_OldSecretRefusedAtOnce_NewOneAccepted()
    {
        var hook = await WebhookKit.CustomAsync(factory, WebhookType.Inbound, Keywords);
        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(WebhookKit.CustomPost(hook, Inbound(Guid.NewGuid().ToString(), TestData.Number(), "hello"))));

        // The first call cached the webhook; the admin's regeneration must not wait for the cache to expire.
        WebhookResult result;
        await using (var scope = factory.CreateScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<WebhookService>()
                .RegenerateSecretAsync(hook.SandboxId, hook.Id, new("test", "admin@example.com"), CancellationToken.None);
        }

        Assert.Equal(WebhookOutcome.SecretRegenerated, result.Outcome);
        Assert.Equal(HttpStatusCode.Forbidden,
            await SendAsync(WebhookKit.CustomPost(hook, Inbound(Guid.NewGuid().ToString(), TestData.Number(), "hello"))));
        Assert.Equal(HttpStatusCode.NoContent,
            await SendAsync(WebhookKit.CustomPost(hook, Inbound(Guid.NewGuid().ToString(), TestData.Number(), "hello"), result.SigningSecret)));
    }
}
