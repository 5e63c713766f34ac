using System.Net;
using System.Text;
using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Core.Webhooks.Ingestion;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Webhooks.Ingestion;
using JourneyOptimizer.Sms.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Credentials.Sinch;

/// <summary>
/// Sinch SMS and Sinch RCS callbacks over HTTP into real SQLite: signed with the credential's webhook secret as Sinch
/// signs them (HMAC-SHA256 over the raw body, nonce and timestamp), stored, keywords handled as for Twilio, the reply
/// sent through the outbox to the fake Sinch over real HTTP.
/// </summary>
public sealed class SinchWebhookTests(SinchPortal portal) : IClassFixture<SinchPortal>
{
    private static readonly InboundKeywordSettings Keywords = new()
    {
        OptOut = new() { ReplyMessage = "You are unsubscribed from Acme." },
        Help = new() { ReplyMessage = "Help text" },
    };

    private PortalFactory Factory => portal.Factory;

    private sealed record Hook(int Id, int SandboxId, string Path, string Secret, string SenderNumber, string PlanOrAppId);

    private async Task<Hook> SmsHookAsync(WebhookType type, string? secret = "whsec-" + "0123456789abcdef")
    {
        var sandbox = await TestData.SandboxAsync(Factory, "prod");
        var plan = portal.Plan();
        var credential = await portal.CreateAsync(sandbox.Id, SmsVendor.Sinch, SinchPortal.SinchInput(TestData.Name("sinch"), plan, secret));
        return await AddAsync(sandbox.Id, SmsVendor.Sinch, type, credential, plan.InboundNumber, secret ?? "", plan.ServicePlanId);
    }

    private async Task<Hook> RcsHookAsync(WebhookType type)
    {
        var sandbox = await TestData.SandboxAsync(Factory, "prod");
        var app = portal.App(["RCS"]);
        const string secret = "rcs-hook-secret-42";
        var credential = await portal.CreateAsync(sandbox.Id, SmsVendor.SinchRcs, SinchPortal.RcsInput(TestData.Name("rcs"), app, secret));
        return await AddAsync(sandbox.Id, SmsVendor.SinchRcs, type, credential, TestData.Number(), secret, app.AppId);
    }

    private async Task<Hook> AddAsync(int sandboxId, SmsVendor vendor, WebhookType type, int credentialId, string sender, string secret, string planOrApp)
    {
        var token = WebhookKit.NewToken();
        var webhook = new Webhook
        {
            SandboxId = sandboxId,
            Name = TestData.Name("hook"),
            Vendor = vendor,
            Type = type,
            ApiCredentialId = credentialId,
            SenderNumber = sender,
            PathToken = token,
            KeywordSettingsJson = type == WebhookType.Inbound ? Keywords.ToJson() : null,
            CreatedBy = "seed@example.com",
            ModifiedBy = "seed@example.com",
        };
        webhook.NormalizedName = webhook.Name.ToUpperInvariant();
        webhook.CreatedAtUtc = webhook.ModifiedAtUtc = DateTime.UtcNow;
        webhook.Version = 1;
        var id = await Factory.WithDbAsync(async db =>
        {
            db.Webhooks.Add(webhook);
            await db.SaveChangesAsync();
            return webhook.Id;
        });
        return new Hook(id, sandboxId, "/webhooks/" + token, secret, sender, planOrApp);
    }

    private async Task<HttpStatusCode> PostAsync(Hook hook, string json, string? secret = null, DateTimeOffset? at = null,
        string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Path) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        foreach (var (name, value) in SinchTestSignature.Headers(secret ?? hook.Secret, json, at ?? DateTimeOffset.UtcNow))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var client = Factory.CreateClient();
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static string MoText(string id, string from, string to, string body) =>
        $$"""{"body":{{System.Text.Json.JsonSerializer.Serialize(body)}},"from":"{{from}}","id":"{{id}}","operator_id":"35000","received_at":"2026-12-05T09:22:40.914Z","to":"{{to}}","type":"mo_text"}""";

    private async Task<PendingReply> ReplySettledAsync(int webhookId)
    {
        for (var i = 0; i < 200; i++)
        {
            var reply = await Factory.WithDbAsync(db => db.Set<PendingReply>().AsNoTracking().SingleOrDefaultAsync(r => r.WebhookId == webhookId));
            if (reply is not null && (reply.State != PendingReplyState.Pending || reply.Attempts > 0))
            {
                return reply;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The reply was not sent within 10 s. " + Factory.Logs.All);
    }

    [Fact]
    public async Task SinchInbound_Stop_IsStored_OptsOut_AndTheReplyGoesThroughSinchsBatchesApi()
    {
        var hook = await SmsHookAsync(WebhookType.Inbound);
        var profile = TestData.Number();
        var id = FakeVendorServer.Ulid();

        // Sinch writes the recipient without "+".
        var status = await PostAsync(hook, MoText(id, profile, hook.SenderNumber.TrimStart('+'), "STOP"));

        Assert.Equal(HttpStatusCode.NoContent, status);
        var message = await Factory.WithDbAsync(db => db.InboundMessages.AsNoTracking().SingleAsync(m => m.WebhookId == hook.Id));
        Assert.Equal((id, id, profile, hook.SenderNumber, "STOP", KeywordCategory.OptOut), (message.EventKey, message.ProviderMessageId,
            message.ProfileNumber, message.InboundNumber, message.Body, message.Category));
        Assert.Equal(new DateTime(2026, 12, 5, 9, 22, 40, 914, DateTimeKind.Utc), message.OriginAtUtc);
        var consent = await Factory.WithDbAsync(db => db.ConsentRecords.AsNoTracking().SingleAsync(c => c.WebhookId == hook.Id));
        Assert.Equal((ConsentState.OptedOut, hook.SenderNumber, profile), (consent.State, consent.SenderNumber, consent.ProfileNumber));

        var reply = await ReplySettledAsync(hook.Id);
        Assert.Equal(PendingReplyState.Sent, reply.State);
        var sent = portal.Sinch.RequestList.Single(r => r.Method == "POST" && r.Path == $"/xms/v1/{hook.PlanOrAppId}/batches");
        var body = sent.Json();
        Assert.Equal((hook.SenderNumber, profile, "You are unsubscribed from Acme."),
            (body.GetProperty("from").GetString(), body.GetProperty("to")[0].GetString(), body.GetProperty("body").GetString()));

        // Sinch retries: the same event is stored once and its keyword runs once.
        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(hook, MoText(id, profile, hook.SenderNumber, "STOP")));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.InboundMessages.CountAsync(m => m.WebhookId == hook.Id)));
    }

    [Fact]
    public async Task SinchDeliveryReports_ArriveAtTheSameCallbackUrl_AndAreStored()
    {
        var hook = await SmsHookAsync(WebhookType.Inbound);
        var batch = FakeVendorServer.Ulid();

        var recipient = await PostAsync(hook, $$"""{"at":"2026-12-05T09:22:40.914Z","batch_id":"{{batch}}","client_reference":"ref","code":0,"recipient":"14155550100","status":"Delivered","type":"recipient_delivery_report_sms"}""");
        var summary = await PostAsync(hook, $$"""{"type":"delivery_report_sms","batch_id":"{{batch}}","statuses":[{"code":402,"count":1,"recipients":["14155550101"],"status":"Failed"}],"total_message_count":1}""");

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (recipient, summary));
        var feedback = await Factory.WithDbAsync(db => db.DeliveryFeedback.AsNoTracking().Where(f => f.WebhookId == hook.Id).OrderBy(f => f.Id).ToListAsync());
        Assert.Equal([(batch, "delivered", "0"), (batch, "failed", "402")], feedback.Select(f => (f.ClientReference, f.Status, f.Code)));
    }

    [Fact]
    public async Task SinchCallbacks_WithoutAValidFreshSignature_AreRefused_AndNothingIsStored()
    {
        var hook = await SmsHookAsync(WebhookType.Inbound);
        var json = MoText(FakeVendorServer.Ulid(), TestData.Number(), hook.SenderNumber, "STOP");

        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(hook, json, secret: "another-secret-123"));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(hook, json, at: DateTimeOffset.UtcNow.AddMinutes(-30)));
        using (var client = Factory.CreateClient())
        {
            using var unsigned = await client.PostAsync(hook.Path, new StringContent(json, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        }

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, await PostAsync(hook, json, contentType: "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(hook, """{"type":"mo_text","id":"x"}"""));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.InboundMessages.CountAsync(m => m.WebhookId == hook.Id)));
        Assert.DoesNotContain(hook.Secret, Factory.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SinchCallbacks_OfAKindThePortalDoesNotUse_AreAcknowledged_AndNotStored()
    {
        var hook = await SmsHookAsync(WebhookType.Inbound);

        var status = await PostAsync(hook, $$"""{"type":"mo_binary","id":"{{FakeVendorServer.Ulid()}}","from":"14155550100","to":"12345","body":"AAEC","udh":"06050423F423F4","received_at":"2026-12-05T09:22:40Z"}""");

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.InboundMessages.CountAsync(m => m.WebhookId == hook.Id)));
    }

    [Fact]
    public async Task SinchCredentialWithoutWebhookSecret_RefusesCallbacks()
    {
        var hook = await SmsHookAsync(WebhookType.Inbound, secret: null);

        var status = await PostAsync(hook, MoText(FakeVendorServer.Ulid(), TestData.Number(), hook.SenderNumber, "HELP"), secret: "any-secret-1234");

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task RcsInbound_AndDeliveryReports_OfTheCredentialsApp_AreStored_AndAnotherAppIsRefused()
    {
        var hook = await RcsHookAsync(WebhookType.Inbound);
        var profile = TestData.Number();
        var messageId = FakeVendorServer.Ulid();
        string Inbound(string app) => ("{'app_id':'" + app + "','accepted_time':'2026-12-05T09:00:01.5Z','event_time':'2026-12-05T09:00:00Z','project_id':'p',"
            + "'message':{'id':'" + messageId + "','direction':'TO_APP','channel_identity':{'channel':'RCS','identity':'" + profile.TrimStart('+') + "','app_id':'" + app + "'},"
            + "'conversation_id':'','contact_id':'','accept_time':'2026-12-05T09:00:01Z','processing_mode':'DISPATCH','contact_message':{'text_message':{'text':'Stop'}}}}").Replace('\'', '"');

        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(hook, Inbound(FakeVendorServer.Ulid())));
        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(hook, Inbound(hook.PlanOrAppId)));
        var sentId = FakeVendorServer.Ulid();
        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(hook,
            ("{'app_id':'" + hook.PlanOrAppId + "','accepted_time':'2026-12-05T09:01:00Z','project_id':'p','message_delivery_report':{'message_id':'" + sentId
                + "','conversation_id':'','status':'FAILED','channel_identity':{'channel':'RCS','identity':'14155550100','app_id':''},'contact_id':'',"
                + "'reason':{'code':'RECIPIENT_NOT_REACHABLE','description':'unreachable'}}}").Replace('\'', '"')));
        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(hook,
            ("{'app_id':'" + hook.PlanOrAppId + "','accepted_time':'2026-12-05T09:01:00Z','project_id':'p','contact_create_notification':{'contact':{'id':'x'}}}").Replace('\'', '"')));

        var message = await Factory.WithDbAsync(db => db.InboundMessages.AsNoTracking().SingleAsync(m => m.WebhookId == hook.Id));
        Assert.Equal((messageId, profile, hook.SenderNumber, KeywordCategory.OptOut), (message.EventKey, message.ProfileNumber, message.InboundNumber, message.Category));
        var feedback = await Factory.WithDbAsync(db => db.DeliveryFeedback.AsNoTracking().SingleAsync(f => f.WebhookId == hook.Id));
        Assert.Equal((sentId, "failed", "RECIPIENT_NOT_REACHABLE"), (feedback.ClientReference, feedback.Status, feedback.Code));
        var consent = await Factory.WithDbAsync(db => db.ConsentRecords.AsNoTracking().SingleAsync(c => c.WebhookId == hook.Id));
        Assert.Equal(ConsentState.OptedOut, consent.State);

        var reply = await ReplySettledAsync(hook.Id);
        Assert.Equal(PendingReplyState.Sent, reply.State);
        var send = portal.Sinch.RequestList.Last(r => r.Path.EndsWith("/messages:send", StringComparison.Ordinal)).Json();
        Assert.Equal(hook.PlanOrAppId, send.GetProperty("app_id").GetString());
        Assert.Equal(profile, send.GetProperty("recipient").GetProperty("identified_by").GetProperty("channel_identities")[0].GetProperty("identity").GetString());
    }

    [Fact]
    public async Task WebhookService_CreatesSinchWebhooksWithoutAPortalSecret_RefusesACredentialWithoutWebhookSecret_AndSinchMms()
    {
        var sandbox = await TestData.SandboxAsync(Factory, "prod");
        var plan = portal.Plan();
        var signed = await portal.CreateAsync(sandbox.Id, SmsVendor.Sinch, SinchPortal.SinchInput(TestData.Name("sinch"), plan, "whsec-created-by-admin"));
        var unsigned = await portal.CreateAsync(sandbox.Id, SmsVendor.Sinch, SinchPortal.SinchInput(TestData.Name("sinch"), portal.Plan()));
        var mmsApp = portal.App(["MMS"]);
        var mms = await portal.CreateAsync(sandbox.Id, SmsVendor.SinchMms, new Core.Credentials.SinchConversation.SinchMmsCredentialInput
        {
            Name = TestData.Name("mms"),
            ProjectId = mmsApp.ProjectId,
            AppId = mmsApp.AppId,
            ApiToken = mmsApp.ApiToken,
        });
        await using var scope = Factory.CreateScope();
        var webhooks = scope.ServiceProvider.GetRequiredService<WebhookService>();
        var actor = new Core.Common.Actor("test", "seed@example.com");
        WebhookInput Input(SmsVendor vendor, int credential) => new()
        {
            Name = TestData.Name("hook"),
            Vendor = vendor,
            Type = WebhookType.Inbound,
            ApiCredentialId = credential,
            SenderNumber = plan.InboundNumber,
        };

        var created = await webhooks.CreateAsync(sandbox.Id, Input(SmsVendor.Sinch, signed), actor, CancellationToken.None);
        var withoutSecret = await webhooks.CreateAsync(sandbox.Id, Input(SmsVendor.Sinch, unsigned), actor, CancellationToken.None);
        var ofMms = await webhooks.CreateAsync(sandbox.Id, Input(SmsVendor.SinchMms, mms), actor, CancellationToken.None);

        Assert.True(created.Succeeded, created.ToString());
        Assert.Null(created.SigningSecret);
        Assert.Equal(Core.Credentials.Sinch.SinchWebhooks.NoSecretMessage, Assert.Single(withoutSecret.FieldErrors).Message);
        Assert.False(ofMms.Succeeded);

        // The webhook made by the service takes Sinch's signed callbacks.
        var token = await Factory.WithDbAsync(db => db.Webhooks.Where(w => w.Id == created.Id).Select(w => w.PathToken).SingleAsync());
        var hook = new Hook(created.Id!.Value, sandbox.Id, "/webhooks/" + token, "whsec-created-by-admin", plan.InboundNumber, plan.ServicePlanId);
        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(hook, MoText(FakeVendorServer.Ulid(), TestData.Number(), plan.InboundNumber, "HELP")));
        Assert.Equal(KeywordCategory.Help, await Factory.WithDbAsync(db => db.InboundMessages.Where(m => m.WebhookId == hook.Id).Select(m => m.Category).SingleAsync()));
    }
}
