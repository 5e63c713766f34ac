using System.Net;
using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.IntegrationTests.Webhooks.Ingestion;

/// <summary>Twilio inbound messages and status callbacks over HTTP, with real signatures, into real SQLite.</summary>
public sealed class TwilioWebhookTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly InboundKeywordSettings Keywords = new()
    {
        OptIn = new() { ReplyMessage = "You are subscribed. <3 & thanks" },
        OptOut = new() { ReplyMessage = "You are unsubscribed." },
        DoubleOptIn = new() { Keywords = ["JOIN"], ReplyMessage = "Reply YES to confirm." },
        Help = new() { ReplyMessage = "Help: call us." },
        FuzzyLogic = true,
        FuzzyAutoResponse = "You were NOT unsubscribed. Reply STOP to unsubscribe.",
        DefaultReplyMessage = "Thanks for your message.",
    };

    private async Task<(HttpStatusCode Status, string Body, string? ContentType)> SendAsync(HttpRequestMessage request)
    {
        using var client = factory.CreateClient();
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    private Task<ConsentRecord?> ConsentAsync(TwilioHook hook, string profile) =>
        factory.WithDbAsync(db => db.ConsentRecords.AsNoTracking()
            .SingleOrDefaultAsync(c => c.SandboxId == hook.SandboxId && c.SenderNumber == hook.SenderNumber && c.ProfileNumber == profile));

    [Fact]
    public async Task Inbound_Stop_StoresMessageOptsOutAndAnswersTwiml()
    {
        var hook = await WebhookKit.TwilioAsync(factory, WebhookType.Inbound, Keywords);
        var profile = TestData.Number();
        var sid = WebhookKit.MessageSid();

        var (status, body, contentType) = await SendAsync(WebhookKit.TwilioPost(hook.Path, WebhookKit.InboundForm(hook, profile, " stop ", sid), hook.AuthToken));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/xml", contentType);
        Assert.Equal("<?xml version=\"1.0\" encoding=\"utf-8\"?><Response><Message>You are unsubscribed.</Message></Response>", body);
        var message = await factory.WithDbAsync(db => db.InboundMessages.AsNoTracking().SingleAsync(m => m.WebhookId == hook.Id));
        Assert.Equal((sid, sid, profile, hook.InboundNumber, " stop "), (message.EventKey, message.ProviderMessageId, message.ProfileNumber, message.InboundNumber, message.Body));
        Assert.Equal((KeywordCategory.OptOut, "STOP", "You are unsubscribed."), (message.Category, message.Keyword, message.ReplyMessage));
        var consent = await ConsentAsync(hook, profile);
        Assert.NotNull(consent);
        Assert.Equal((ConsentState.OptedOut, ConsentSource.Keyword, "STOP", "SMS", (int?)hook.Id),
            (consent.State, consent.Source, consent.Keyword, consent.ChangedBy, consent.WebhookId));
    }

    [Fact]
    public async Task Inbound_ReplyIsXmlEscaped_AndNoMatchWithoutDefaultReplyIsAnEmptyResponse()
    {
        var hook = await WebhookKit.TwilioAsync(factory, WebhookType.Inbound, Keywords);
        var (_, body, _) = await SendAsync(WebhookKit.TwilioPost(hook.Path, WebhookKit.InboundForm(hook, TestData.Number(), "start"), hook.AuthToken));
        Assert.Contains("<Message>You are subscribed. &lt;3 &amp; thanks</Message>", body, StringComparison.Ordinal);

        var silent = await WebhookKit.TwilioAsync(factory, WebhookType.Inbound, Keywords with { DefaultReplyMessage = null });
        var (status, empty, _) = await SendAsync(WebhookKit.TwilioPost(silent.Path, WebhookKit.InboundForm(silent, TestData.Number(), "hello?"), silent.AuthToken));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(WebhookKitTwiml.Empty, empty);
    }

    [Fact]
    public async Task Inbound_ToANumberOfTheMessagingServicePool_IsAcceptedAndConsentIsForTheSenderNumber()
    {
        var poolSender = TestData.Number();
        var hook = await WebhookKit.TwilioAsync(factory, WebhookType.Inbound, Keywords, senderNumber: poolSender);
        var profile = TestData.Number();
        var poolNumber = TestData.Number();

        var (status, _, _) = await SendAsync(WebhookKit.TwilioPost(hook.Path, WebhookKit.InboundForm(hook, profile, "STOP", to: poolNumber), hook.AuthToken));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(poolNumber, (await factory.WithDbAsync(db => db.InboundMessages.SingleAsync(m => m.WebhookId == hook.Id))).InboundNumber);
        Assert.Equal(ConsentState.OptedOut, (await ConsentAsync(hook, profile))?.State);
    }

    [Fact]
    public async Task Inbound_DoubleOptInThenOptIn_PendingThenOptedIn()
    {
        var hook = await WebhookKit.TwilioAsync(factory, WebhookType.Inbound, Keywords);
        var profile = TestData.Number();

        var (_, first, _) = await SendAsync(WebhookKit.TwilioPost(hook.Path, WebhookKit.InboundForm(hook, profile, "Join"), hook.AuthToken));
        Assert.Contains("Reply YES to confirm.", first, StringComparison.Ordinal);
        Assert.Equal(ConsentState.PendingConfirmation, (await ConsentAsync(hook, profile))?.State);

        await SendAsync(WebhookKit.TwilioPost(hook.Path, WebhookKit.InboundForm(hook, profile, "yes"), hook.AuthToken));
        var consent = await ConsentAsync(hook, profile);
        Assert.Equal((ConsentState.OptedIn, "YES"), (consent?.State, consent?.Keyword));

        // Already opted in: a second Double Opt-In keyword does not withdraw the subscription.
        await SendAsync(WebhookKit.TwilioPost(hook.Path, WebhookKit.InboundForm(hook, profile, "JOIN"), hook.AuthToken));
        Assert.Equal(ConsentState.OptedIn, (await ConsentAsync(hook, profile))?.State);
    }

    [Fact]
    public async Task Inbound_FuzzyStop_AnswersFuzzyResponseAndDoesNotOptOut()
    {
        var hook = await WebhookKit.TwilioAsync(factory, WebhookType.Inbound, Keywords);
        var profile = TestData.Number();
        await SendAsync(WebhookKit.TwilioPost(hook.Path, WebhookKit.InboundForm(hook, profile, "START"), hook.AuthToken));

        var (_, body, _) = await SendAsync(WebhookKit.TwilioPost(hook.Path, WebhookKit.InboundForm(hook, profile, "STPO"), hook.AuthToken));

        Assert.Contains("You were NOT unsubscribed.", body, StringComparison.Ordinal);
        Assert.Equal(ConsentState.OptedIn, (await ConsentAsync(hook, profile))?.State);
        var fuzzy = await factory.WithDbAsync(db => db.InboundMessages.SingleAsync(m => m.WebhookId == hook.Id && m.Body == "STPO"));
        Assert.True(fuzzy.FuzzyMatch);
        Assert.Null(fuzzy.Category);
    }

    [Fact]
    public async Task Inbound_SameEventTwice_StoredOnceAndSameTwimlAgain()
    {
        var hook = await WebhookKit.TwilioAsync(factory, WebhookType.Inbound, Keywords);
        var form = WebhookKit.InboundForm(hook, TestData.Number(), "HELP");

        var first = await SendAsync(WebhookKit.TwilioPost(hook.Path, form, hook.AuthToken));
        var again = await SendAsync(WebhookKit.TwilioPost(hook.Path, form, hook.AuthToken));

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(first.Body, again.Body);
        Assert.Contains("Help: call us.", again.Body, StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithDbAsync(db => db.InboundMessages.CountAsync(m => m.WebhookId == hook.Id)));
    }

    [Fact]
    public async Task Inbound_ReplayedWithNewIdempotencyHeaders_IsStoredOnceAndRunsItsKeywordOnce()
    {
        // One captured, signed STOP re-sent with header values the signature does not cover.
        var hook = await WebhookKit.TwilioAsync(factory, WebhookType.Inbound, Keywords);
        var profile = TestData.Number();
        var sid = WebhookKit.MessageSid();
        var form = WebhookKit.InboundForm(hook, profile, "STOP", sid);

        var answers = new List<string>();
        foreach (var header in new string?[] { Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), "replayed", null })
        {
            var (status, body, _) = await SendAsync(WebhookKit.TwilioPost(hook.Path, form, hook.AuthToken, idempotencyToken: header));
            Assert.Equal(HttpStatusCode.OK, status);
            answers.Add(body);
        }

        var keys = await factory.WithDbAsync(db => db.InboundMessages.Where(m => m.WebhookId == hook.Id).Select(m => m.EventKey).ToListAsync());
        Assert.Equal([sid], keys);
        Assert.All(answers, body => Assert.Equal(answers[0], body));
        var consent = await ConsentAsync(hook, profile);
        Assert.NotNull(consent);
        Assert.Equal((ConsentState.OptedOut, 1), (consent.State, consent.Version));
    }

    [Fact]
    public async Task Status_ReplayedWithNewIdempotencyHeaders_IsStoredOnce()
    {
        var hook = await WebhookKit.TwilioAsync(factory, WebhookType.Feedback);
        var sid = WebhookKit.MessageSid();
        var form = WebhookKit.StatusForm(hook, sid, "delivered");

        foreach (var header in new string?[] { Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), null })
        {
            var (status, _, _) = await SendAsync(WebhookKit.TwilioPost(hook.Path, form, hook.AuthToken, idempotencyToken: header));
            Assert.Equal(HttpStatusCode.NoContent, status);
        }

        var keys = await factory.WithDbAsync(db => db.DeliveryFeedback.Where(f => f.ClientReference == sid).Select(f => f.EventKey).ToListAsync());
        Assert.Equal([sid + ":delivered"], keys);
    }

    [Fact]
    public async Task Status_DeliveredThenLateSent_StaysDelivered()
    {
        var hook = await WebhookKit.TwilioAsync(factory, WebhookType.Feedback);
        var sid = WebhookKit.MessageSid();
        var before = DateTime.UtcNow.AddSeconds(-1);

        foreach (var status in new[] { "queued", "delivered", "sent", "delivered", "failed" })
        {
            var (code, _, _) = await SendAsync(WebhookKit.TwilioPost(hook.Path, WebhookKit.StatusForm(hook, sid, status, status == "failed" ? "30003" : null), hook.AuthToken));
            Assert.Equal(HttpStatusCode.NoContent, code);
        }

        var events = await factory.WithDbAsync(db => db.DeliveryFeedback.Where(f => f.ClientReference == sid).Select(f => f.Status).ToListAsync());
        Assert.Equal(["delivered", "failed", "queued", "sent"], events.Order(StringComparer.Ordinal));
        var current = await factory.WithDbAsync(db => db.MessageDeliveryStatuses.SingleAsync(s => s.ClientReference == sid));
        Assert.Equal(("delivered", (string?)null, hook.SandboxId), (current.Status, current.Code, current.SandboxId));

        // Written with plain SQL, read back by EF: the same UTC instants, orderable in the database.
        Assert.InRange(current.UpdatedAtUtc, before, DateTime.UtcNow.AddSeconds(1));
        var newest = await factory.WithDbAsync(db => db.DeliveryFeedback.Where(f => f.ClientReference == sid && f.ReceivedAtUtc >= before)
            .OrderByDescending(f => f.ReceivedAtUtc).ThenByDescending(f => f.Id).FirstAsync());
        Assert.Equal(("failed", "30003"), (newest.Status, newest.Code));
    }

    [Fact]
    public async Task Status_InAnyOrder_EndsAtTheHighestRank()
    {
        var hook = await WebhookKit.TwilioAsync(factory, WebhookType.Feedback);
        var sid = WebhookKit.MessageSid();
        foreach (var status in new[] { "sent", "queued", "read", "delivered", "sending" })
        {
            await SendAsync(WebhookKit.TwilioPost(hook.Path, WebhookKit.StatusForm(hook, sid, status), hook.AuthToken));
        }

        Assert.Equal("read", (await factory.WithDbAsync(db => db.MessageDeliveryStatuses.SingleAsync(s => s.ClientReference == sid))).Status);
    }

    [Fact]
    public async Task Signature_TamperedMissingOrOtherToken_Refused403AndNothingStored()
    {
        var hook = await WebhookKit.TwilioAsync(factory, WebhookType.Inbound, Keywords);
        var form = WebhookKit.InboundForm(hook, TestData.Number(), "STOP");
        var tampered = WebhookKit.TwilioPost(hook.Path, form, hook.AuthToken);
        tampered.Content = new FormUrlEncodedContent(form.Select(p => p.Key == "Body" ? new KeyValuePair<string, string>("Body", "START") : p));
        var missing = WebhookKit.TwilioPost(hook.Path, form, hook.AuthToken);
        missing.Headers.Remove("X-Twilio-Signature");

        foreach (var request in new[]
        {
            tampered,
            missing,
            WebhookKit.TwilioPost(hook.Path, form, TestData.Hex32()),
            WebhookKit.TwilioPost(hook.Path, form, hook.AuthToken, signedUrl: "http://localhost/webhooks/other"),
            WebhookKit.TwilioPost(hook.Path, form, hook.AuthToken, signatureOverride: "not base64 at all"),
        })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(request)).Status);
        }

        Assert.Equal(0, await factory.WithDbAsync(db => db.InboundMessages.CountAsync(m => m.WebhookId == hook.Id)));
        Assert.Contains($"Webhook {hook.Id} refused a request with 403", factory.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(hook.AuthToken, factory.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(hook.Token, factory.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signature_WithDefaultPortInTheSignedUrl_Accepted()
    {
        var hook = await WebhookKit.TwilioAsync(factory, WebhookType.Feedback);
        var request = WebhookKit.TwilioPost(hook.Path, WebhookKit.StatusForm(hook, WebhookKit.MessageSid(), "sent"), hook.AuthToken,
            signedUrl: "http://localhost:80" + hook.Path);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(request)).Status);
    }

    [Fact]
    public async Task Signature_QueryStringIsPartOfTheSignedUrl()
    {
        var hook = await WebhookKit.TwilioAsync(factory, WebhookType.Feedback);
        var form = WebhookKit.StatusForm(hook, WebhookKit.MessageSid(), "sent");
        var signed = WebhookKit.TwilioPost(hook.Path + "?tag=a%20b", form, hook.AuthToken, signedUrl: "http://localhost" + hook.Path + "?tag=a%20b");
        var unsignedQuery = WebhookKit.TwilioPost(hook.Path + "?tag=x", form, hook.AuthToken, signedUrl: "http://localhost" + hook.Path);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(signed)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(unsignedQuery)).Status);
    }

    [Fact]
    public async Task AccountSid_OfAnotherAccount_Refused403()
    {
        var hook = await WebhookKit.TwilioAsync(factory, WebhookType.Feedback);
        var form = WebhookKit.StatusForm(hook, WebhookKit.MessageSid(), "sent")
            .Select(p => p.Key == "AccountSid" ? new KeyValuePair<string, string>("AccountSid", TestData.AccountSid()) : p).ToList();
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(WebhookKit.TwilioPost(hook.Path, form, hook.AuthToken))).Status);
        Assert.Equal(0, await factory.WithDbAsync(db => db.DeliveryFeedback.CountAsync(f => f.WebhookId == hook.Id)));
    }

    [Fact]
    public async Task DeletedWebhook_IsUnknownOnceTheCacheExpires()
    {
        // A token never seen before is looked up: a webhook deleted before its first request is simply unknown.
        var hook = await WebhookKit.TwilioAsync(factory, WebhookType.Feedback);
        await factory.WithDbAsync(db => db.Webhooks.Where(w => w.Id == hook.Id).ExecuteDeleteAsync());
        var (status, _, _) = await SendAsync(WebhookKit.TwilioPost(hook.Path, WebhookKit.StatusForm(hook, WebhookKit.MessageSid(), "sent"), hook.AuthToken));
        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}

internal static class WebhookKitTwiml
{
    public const string Empty = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Response></Response>";
}

/// <summary>Behind a proxy, Twilio signs the public URL (<c>Webhooks:PublicBaseUrl</c>), not the one the portal sees.</summary>
public sealed class TwilioWebhookBehindProxyTests
{
    private const string PublicBase = "https://sms.example.com/portal";

    [Fact]
    public async Task Signature_OverThePublicUrl_AcceptedAndOverTheLocalUrlRefused()
    {
        await using var factory = new PortalFactory
        {
            Options = new() { Settings = new Dictionary<string, string?> { ["Webhooks:PublicBaseUrl"] = PublicBase + "/" } },
        };
        var hook = await WebhookKit.TwilioAsync(factory, WebhookType.Feedback);
        using var client = factory.CreateClient();

        using var local = await client.SendAsync(WebhookKit.TwilioPost(hook.Path, WebhookKit.StatusForm(hook, WebhookKit.MessageSid(), "sent"), hook.AuthToken));
        using var proxied = await client.SendAsync(WebhookKit.TwilioPost(hook.Path + "?x=1", WebhookKit.StatusForm(hook, WebhookKit.MessageSid(), "sent"),
            hook.AuthToken, signedUrl: PublicBase + hook.Path + "?x=1"));
        using var port = await client.SendAsync(WebhookKit.TwilioPost(hook.Path, WebhookKit.StatusForm(hook, WebhookKit.MessageSid(), "sent"),
            hook.AuthToken, signedUrl: "https://sms.example.com:443/portal" + hook.Path));

        Assert.Equal(HttpStatusCode.Forbidden, local.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, proxied.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, port.StatusCode);
    }
}
