using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Infobip;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Core.Webhooks.Ingestion;
using JourneyOptimizer.Sms.IntegrationTests.Credentials;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.Testing;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.IntegrationTests.Webhooks.Ingestion;

/// <summary>
/// Infobip's pushes through <c>POST /webhooks/{token}</c>: several results per request, numbers without '+', dates with
/// <c>+0000</c> offsets; keyword replies sent back through the fake Infobip's SMS API (real HTTPS on 127.0.0.1).
/// </summary>
public sealed class InfobipWebhookTests : IAsyncLifetime
{
    private static readonly InboundKeywordSettings Keywords = new()
    {
        OptOut = new() { ReplyMessage = "You are unsubscribed." },
        Help = new() { ReplyMessage = "Reply STOP to unsubscribe." },
    };

    private FakeInfobip _infobip = null!;
    private PortalFactory _factory = null!;

    public async ValueTask InitializeAsync()
    {
        _infobip = await FakeInfobip.StartAsync();
        _factory = InfobipTestData.Portal(_infobip);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _infobip.DisposeAsync();
    }

    private sealed record Hook(int Id, string Path, string InboundNumber);

    private async Task<Hook> HookAsync(WebhookType type, bool fuzzyOptOut = false)
    {
        var sandbox = await TestData.SandboxAsync(_factory, "prod");
        var input = InfobipTestData.Input(_infobip);
        input.FuzzyOptOut = fuzzyOptOut;
        input.FuzzyAutoReply = fuzzyOptOut ? "Did you mean STOP? Reply STOP to unsubscribe." : null;
        var credentialId = await InfobipTestData.CreateAsync(_factory, sandbox.Id, input);
        var token = WebhookKit.NewToken();
        var webhook = new Webhook
        {
            SandboxId = sandbox.Id,
            Name = TestData.Name("hook"),
            NormalizedName = "",
            Vendor = SmsVendor.Infobip,
            Type = type,
            ApiCredentialId = credentialId,
            SenderNumber = input.InboundNumber!,
            PathToken = token,
            KeywordSettingsJson = type == WebhookType.Inbound ? Keywords.ToJson() : null,
            CreatedBy = "seed@example.com",
            ModifiedBy = "seed@example.com",
            CreatedAtUtc = DateTime.UtcNow,
            ModifiedAtUtc = DateTime.UtcNow,
            Version = 1,
        };
        webhook.NormalizedName = webhook.Name.ToUpperInvariant();
        await _factory.WithDbAsync(async db =>
        {
            db.Webhooks.Add(webhook);
            return await db.SaveChangesAsync();
        });
        return new Hook(webhook.Id, "/webhooks/" + token, input.InboundNumber!);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string json, string contentType = "application/json")
    {
        using var client = _factory.CreateClient();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    private static string Mo(string id, string from, string to, string text) =>
        $$"""{"messageId":"{{id}}","from":"{{from}}","to":"{{to}}","text":"{{text}}","cleanText":"{{text}}","keyword":"","receivedAt":"2026-12-05T09:28:39.220+0000","smsCount":1,"price":{"pricePerMessage":0,"currency":"EUR"},"callbackData":null}""";

    private async Task<List<PendingReply>> RepliesSettledAsync(int webhookId, int count)
    {
        for (var i = 0; i < 200; i++)
        {
            var replies = await _factory.WithDbAsync(db => db.Set<PendingReply>().AsNoTracking().Where(r => r.WebhookId == webhookId).ToListAsync());
            if (replies.Count == count && replies.All(r => r.State != PendingReplyState.Pending || r.Attempts > 0))
            {
                return replies;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The replies were not sent within 10 s. " + _factory.Logs.All);
    }

    [Fact]
    public async Task InboundPush_WithTwoResults_BothStored_OptOutRecorded_RepliesSentThroughInfobip()
    {
        var hook = await HookAsync(WebhookType.Inbound);
        var stop = TestData.Number();
        var help = TestData.Number();
        var to = hook.InboundNumber[1..];
        var body = $$"""{"results":[{{Mo("mo-1-" + Guid.NewGuid(), stop[1..], to, "Stop")}},{{Mo("mo-2-" + Guid.NewGuid(), help[1..], to, "HELP")}}],"messageCount":2,"pendingMessageCount":0}""";

        using var response = await PostAsync(hook.Path, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messages = await _factory.WithDbAsync(db => db.InboundMessages.AsNoTracking().Where(m => m.WebhookId == hook.Id).OrderBy(m => m.Id).ToListAsync());
        Assert.Equal([(stop, hook.InboundNumber, KeywordCategory.OptOut), (help, hook.InboundNumber, KeywordCategory.Help)],
            messages.Select(m => (m.ProfileNumber, m.InboundNumber, m.Category!.Value)));
        Assert.Equal(new DateTime(2026, 12, 5, 9, 28, 39, 220, DateTimeKind.Utc), messages[0].OriginAtUtc);
        var consent = await _factory.WithDbAsync(db => db.ConsentRecords.AsNoTracking().SingleAsync(c => c.WebhookId == hook.Id));
        Assert.Equal((ConsentState.OptedOut, hook.InboundNumber, stop), (consent.State, consent.SenderNumber, consent.ProfileNumber));

        var replies = await RepliesSettledAsync(hook.Id, 2);
        Assert.All(replies, r => Assert.Equal(PendingReplyState.Sent, r.State));
        var sent = _infobip.RequestList.Where(r => r.Method == "POST").Select(r => r.Json().GetProperty("messages")[0]).ToList();
        Assert.Contains(sent, m => m.GetProperty("destinations")[0].GetProperty("to").GetString() == stop[1..]
            && m.GetProperty("sender").GetString() == to && m.GetProperty("content").GetProperty("text").GetString() == "You are unsubscribed.");
        Assert.Contains(sent, m => m.GetProperty("destinations")[0].GetProperty("to").GetString() == help[1..]
            && m.GetProperty("content").GetProperty("text").GetString() == "Reply STOP to unsubscribe.");

        // Infobip retries the same push: nothing is stored or sent twice.
        using var retry = await PostAsync(hook.Path, body);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(2, await _factory.WithDbAsync(db => db.InboundMessages.CountAsync(m => m.WebhookId == hook.Id)));
        Assert.Equal(2, await _factory.WithDbAsync(db => db.Set<PendingReply>().CountAsync(r => r.WebhookId == hook.Id)));
    }

    [Fact]
    public async Task InboundPush_FuzzyOptOutOfTheCredential_AnswersANearMissWithTheFuzzyAutoReply_WithoutOptingOut()
    {
        var hook = await HookAsync(WebhookType.Inbound, fuzzyOptOut: true);
        var profile = TestData.Number();

        using var response = await PostAsync(hook.Path, $$"""{"results":[{{Mo("mo-" + Guid.NewGuid(), profile[1..], hook.InboundNumber[1..], "CANCIL")}}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = await _factory.WithDbAsync(db => db.InboundMessages.AsNoTracking().SingleAsync(m => m.WebhookId == hook.Id));
        Assert.True(message.FuzzyMatch);
        Assert.Equal("Did you mean STOP? Reply STOP to unsubscribe.", message.ReplyMessage);
        Assert.False(await _factory.WithDbAsync(db => db.ConsentRecords.AnyAsync(c => c.WebhookId == hook.Id && c.State == ConsentState.OptedOut)));
        var reply = Assert.Single(await RepliesSettledAsync(hook.Id, 1));
        Assert.Equal(PendingReplyState.Sent, reply.State);
    }

    [Fact]
    public async Task DeliveryReportPush_StoredAndTheCurrentStatusFollowsIt()
    {
        var hook = await HookAsync(WebhookType.Feedback);
        var id = "msg-" + Guid.NewGuid();
        static string Report(string id, int groupId, string group, string name, string errorName, int errorId) =>
            $$"""{"bulkId":"BULK-1","price":{"pricePerMessage":0.01,"currency":"EUR"},"status":{"groupId":{{groupId}},"groupName":"{{group}}","id":5,"name":"{{name}}","description":"x"},"error":{"groupId":0,"groupName":"OK","id":{{errorId}},"name":"{{errorName}}","description":"x","permanent":false},"messageId":"{{id}}","to":"41793026727","sender":"InfoSMS","sentAt":"2026-12-05T16:00:00.000+0100","doneAt":"2026-12-05T16:00:01.000+0100","messageCount":1,"callbackData":"campaign=spring"}""";

        using var pending = await PostAsync(hook.Path, $$"""{"results":[{{Report(id, 1, "PENDING", "PENDING_ENROUTE", "NO_ERROR", 0)}}]}""");
        using var delivered = await PostAsync(hook.Path, $$"""{"results":[{{Report(id, 3, "DELIVERED", "DELIVERED_TO_HANDSET", "NO_ERROR", 0)}},{{Report("other-" + id, 2, "UNDELIVERABLE", "UNDELIVERABLE_NOT_DELIVERED", "EC_ABSENT_SUBSCRIBER", 27)}}]}""");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (pending.StatusCode, delivered.StatusCode));
        var feedback = await _factory.WithDbAsync(db => db.DeliveryFeedback.AsNoTracking().Where(f => f.WebhookId == hook.Id).OrderBy(f => f.Id).ToListAsync());
        Assert.Equal([(id, "sent", (string?)null), (id, "delivered", null), ("other-" + id, "undelivered", "EC_ABSENT_SUBSCRIBER")],
            feedback.Select(f => (f.ClientReference, f.Status, f.Code)));
        var status = await _factory.WithDbAsync(db => db.MessageDeliveryStatuses.AsNoTracking().SingleAsync(s => s.WebhookId == hook.Id && s.ClientReference == id));
        Assert.Equal("delivered", status.Status);
    }

    [Fact]
    public async Task PushesInfobipWouldNotSend_AreRefusedWithAReason_AndNothingIsStored()
    {
        var inbound = await HookAsync(WebhookType.Inbound);
        var feedback = await HookAsync(WebhookType.Feedback);

        using var wrongType = await PostAsync(inbound.Path, """{"results":[]}""", "application/x-www-form-urlencoded");
        using var notJson = await PostAsync(inbound.Path, "{\"results\":[");
        using var reportToInbound = await PostAsync(inbound.Path, """{"results":[{"messageId":"1","status":{"groupName":"DELIVERED"}}]}""");
        using var inboundToReports = await PostAsync(feedback.Path, $$"""{"results":[{{Mo("mo-x", "41793026727", "41793026728", "STOP")}}]}""");
        using var unknown = await PostAsync("/webhooks/" + WebhookKit.NewToken(), """{"results":[]}""");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reportToInbound.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, inboundToReports.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.False(await _factory.WithDbAsync(db => db.InboundMessages.AnyAsync(m => m.WebhookId == inbound.Id)));
        Assert.False(await _factory.WithDbAsync(db => db.DeliveryFeedback.AnyAsync(f => f.WebhookId == feedback.Id)));
    }

    [Fact]
    public async Task WebhookPage_MakesAnInfobipWebhookWithoutASecret_SaysWhatAuthenticatesIt_AndItsUrlTakesPushes()
    {
        var sandbox = await TestData.SandboxAsync(_factory, "prod");
        var input = InfobipTestData.Input(_infobip);
        var credentialId = await InfobipTestData.CreateAsync(_factory, sandbox.Id, input);
        using var client = await PortalClient.SignedInAsync(_factory);
        var url = WebhookTestData.WebhooksUrl("prod");
        var form = await client.GetDocumentAsync(url + "/create");

        var response = await client.SubmitAsync(form, "form[data-webhook-form]", new Dictionary<string, string>
        {
            ["Input.Name"] = TestData.Name("infobip-mo"),
            ["Input.Vendor"] = "Infobip",
            ["Input.Type"] = "Inbound",
            ["Input.ApiCredentialId"] = credentialId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.SenderNumber"] = input.InboundNumber!,
            ["Input.Keywords.OptOut.ReplyMessage"] = "Bye.",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Null(page.QuerySelector("[data-testid=one-time-secret]"));
        Assert.Contains(InfobipWebhooks.AuthenticationNoteMessage, page.Body!.TextContent, StringComparison.Ordinal);
        var webhookUrl = new Uri(page.QuerySelector<IHtmlInputElement>("[data-testid=webhook-url]")!.Value);
        var profile = TestData.Number();

        using var pushed = await PostAsync(webhookUrl.AbsolutePath, $$"""{"results":[{{Mo("mo-" + Guid.NewGuid(), profile[1..], input.InboundNumber![1..], "stop")}}]}""");

        Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);
        Assert.True(await _factory.WithDbAsync(db => db.ConsentRecords.AnyAsync(c => c.ProfileNumber == profile && c.State == ConsentState.OptedOut)));
    }
}
