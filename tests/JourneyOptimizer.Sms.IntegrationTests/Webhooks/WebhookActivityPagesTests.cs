using System.Net;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Webhooks;

/// <summary>The inbound messages, delivery feedback and consent lists over HTTP, and opting a number out by hand.</summary>
public sealed class WebhookActivityPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(int SandboxId, int WebhookId, string Url)> SandboxWithWebhookAsync(string name)
    {
        var sandbox = await TestData.SandboxAsync(factory, name);
        var credential = await TestData.CreateTwilioAsync(factory, sandbox.Id, TestData.Twilio());
        await using var scope = factory.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<WebhookService>().CreateAsync(sandbox.Id, new WebhookInput
        {
            Name = "hook",
            Vendor = SmsVendor.Twilio,
            Type = WebhookType.Inbound,
            ApiCredentialId = credential,
            SenderNumber = "+14155550100",
        }, new Actor("test", "seed@example.com"), CancellationToken.None);
        return (sandbox.Id, result.Id!.Value, WebhookTestData.WebhooksUrl(name));
    }

    [Fact]
    public async Task InboundMessages_NewestFirst_SearchByNumber_AndPaging()
    {
        var (sandboxId, webhookId, url) = await SandboxWithWebhookAsync("act-inbound");
        var start = new DateTime(2026, 5, 1, 8, 0, 0, DateTimeKind.Utc);
        await factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < 53; i++)
            {
                db.InboundMessages.Add(new InboundMessage
                {
                    SandboxId = sandboxId,
                    WebhookId = webhookId,
                    EventKey = "e" + i,
                    ProfileNumber = i == 52 ? "+442079460018" : "+1415555" + (1000 + i),
                    InboundNumber = "+14155550100",
                    Body = "body" + i,
                    Category = i == 51 ? KeywordCategory.OptOut : null,
                    Keyword = i == 51 ? "STOP" : null,
                    ReplyMessage = i == 51 ? "Bye" : null,
                    ReceivedAtUtc = start.AddMinutes(i),
                });
            }

            return await db.SaveChangesAsync();
        });
        using var client = await PortalClient.SignedInAsync(factory);

        var first = await client.GetDocumentAsync(url + "/inboundmessages");
        var rows = first.QuerySelectorAll("[data-testid=inbound-table] tbody tr");
        Assert.Equal(50, rows.Length);
        Assert.Contains("body52", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Opt-Out", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("STOP", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Bye", rows[1].TextContent, StringComparison.Ordinal);
        Assert.NotNull(first.QuerySelector("[data-testid=webhook-tabs] a.active[aria-current=page]"));
        var second = await client.GetDocumentAsync(first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal(["body2", "body1", "body0"], second.QuerySelectorAll("[data-testid=inbound-table] tbody tr td:nth-child(4)").Select(c => c.TextContent));
        Assert.Equal(50, (await client.GetDocumentAsync(second.QuerySelector("a[rel=prev]")!.GetAttribute("href")!))
            .QuerySelectorAll("[data-testid=inbound-table] tbody tr").Length);

        var uk = await client.GetDocumentAsync(url + "/inboundmessages?q=" + Uri.EscapeDataString("+44 20"));
        Assert.Contains("body52", Assert.Single(uk.QuerySelectorAll("[data-testid=inbound-table] tbody tr")).TextContent, StringComparison.Ordinal);

        // Nothing of another sandbox, and hostile query strings are just searches.
        var other = await client.GetDocumentAsync(WebhookTestData.WebhooksUrl("prod") + "/inboundmessages");
        Assert.DoesNotContain("body52", other.Source.Text, StringComparison.Ordinal);
        foreach (var query in new[] { "?cursor=zzz", "?cursor=a99999999999999999999.1", "?q=%27%3B--&cursor=b1.1", "?q=" + new string('9', 5000) })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(new Uri(url + "/inboundmessages" + query, UriKind.Relative))).StatusCode);
        }
    }

    [Fact]
    public async Task Feedback_ShowsTheCurrentStatus_AndAMessagesReceipts()
    {
        var (sandboxId, webhookId, url) = await SandboxWithWebhookAsync("act-feedback");
        var now = DateTime.UtcNow;
        await factory.WithDbAsync(async db =>
        {
            db.MessageDeliveryStatuses.Add(new MessageDeliveryStatus { SandboxId = sandboxId, WebhookId = webhookId, ClientReference = "SMaaa", Status = "delivered", Rank = 4, UpdatedAtUtc = now });
            db.MessageDeliveryStatuses.Add(new MessageDeliveryStatus { SandboxId = sandboxId, WebhookId = webhookId, ClientReference = "SMbbb", Status = "failed", Code = "30003", Rank = 5, UpdatedAtUtc = now.AddSeconds(1) });
            db.DeliveryFeedback.Add(new DeliveryFeedback { SandboxId = sandboxId, WebhookId = webhookId, EventKey = "1", ClientReference = "SMaaa", Status = "sent", ReceivedAtUtc = now });
            db.DeliveryFeedback.Add(new DeliveryFeedback { SandboxId = sandboxId, WebhookId = webhookId, EventKey = "2", ClientReference = "SMaaa", Status = "delivered", ReceivedAtUtc = now.AddSeconds(2) });
            return await db.SaveChangesAsync();
        });
        using var client = await PortalClient.SignedInAsync(factory);

        var list = await client.GetDocumentAsync(url + "/feedback");
        var rows = list.QuerySelectorAll("[data-testid=feedback-table] tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.Contains("SMbbb", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("30003", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Null(list.QuerySelector("[data-testid=feedback-events]"));

        var events = await client.GetDocumentAsync(rows[1].QuerySelector("a")!.GetAttribute("href")!);
        var items = events.QuerySelectorAll("[data-testid=feedback-events] li");
        Assert.Equal(2, items.Length);
        Assert.Contains("sent", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("delivered", items[1].TextContent, StringComparison.Ordinal);
        Assert.Single((await client.GetDocumentAsync(url + "/feedback?q=SMb")).QuerySelectorAll("[data-testid=feedback-table] tbody tr"));
    }

    [Fact]
    public async Task Consent_AManagerOptsANumberOutByHand_AndBackIn_Audited()
    {
        var (sandboxId, _, url) = await SandboxWithWebhookAsync("act-consent");
        using var client = await PortalClient.SignedInAsync(factory);
        var page = await client.GetDocumentAsync(url + "/consent");
        Assert.NotNull(page.QuerySelector("[data-testid=manual-consent]"));

        // Bad numbers: errors next to the fields, nothing saved.
        var bad = await client.SubmitAsync(page, "[data-testid=manual-consent]", new Dictionary<string, string>
        {
            ["Input.ProfileNumber"] = "<b>1</b>",
            ["Input.SenderNumber"] = "12",
        }, "[data-testid=opt-out]");
        var badPage = await PortalClient.ParseAsync(await bad.Content.ReadAsStringAsync(), url + "/consent");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Equal(ConsentService.ProfileNumberMessage, PortalClient.FieldError(badPage, "Input.ProfileNumber"));
        Assert.Equal(ConsentService.SenderNumberMessage, PortalClient.FieldError(badPage, "Input.SenderNumber"));

        var response = await client.SubmitAsync(page, "[data-testid=manual-consent]", new Dictionary<string, string>
        {
            ["Input.ProfileNumber"] = "+44 20 7946 0018",
            ["Input.SenderNumber"] = "+1 415 555 0100",
        }, "[data-testid=opt-out]");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using (var scope = factory.CreateScope())
        {
            var consent = scope.ServiceProvider.GetRequiredService<ConsentService>();
            Assert.True(await consent.IsOptedOutAsync(sandboxId, "+14155550100", "+442079460018", CancellationToken.None));
        }

        var list = await client.GetDocumentAsync(url + "/consent");
        var row = Assert.Single(list.QuerySelectorAll("[data-testid=consent-table] tbody tr"));
        Assert.Contains("Opted out", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(PortalFactory.AdminEmail, row.TextContent, StringComparison.Ordinal);

        // The row's button (one shared form) opts it back in.
        var optIn = await client.SubmitAsync(list, "#row-actions-form", new Dictionary<string, string>(), "[data-testid=consent-table] button");
        Assert.Equal(HttpStatusCode.Redirect, optIn.StatusCode);
        var after = await client.GetDocumentAsync(url + "/consent");
        Assert.Contains("Opted in", after.QuerySelector("[data-testid=consent-table] tbody tr")!.TextContent, StringComparison.Ordinal);

        // The stale button (version 1) no longer applies.
        var stale = await client.SubmitAsync(list, "#row-actions-form", new Dictionary<string, string>(), "[data-testid=consent-table] button");
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        var refused = await client.GetDocumentAsync(url + "/consent");
        Assert.Contains("changed in the meantime", refused.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);

        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.ObjectType == "Consent" && a.SandboxId == sandboxId).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([ConsentService.OptedOutAction, ConsentService.OptedInAction], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(PortalFactory.AdminEmail, a.UserName));
    }

    [Fact]
    public async Task DeletingAWebhook_KeepsItsHistory_ShownAsFromADeletedWebhook()
    {
        var (sandboxId, webhookId, url) = await SandboxWithWebhookAsync("act-deleted");
        var at = new DateTime(2026, 6, 1, 8, 0, 0, DateTimeKind.Utc);
        await factory.WithDbAsync(async db =>
        {
            db.InboundMessages.Add(new InboundMessage
            {
                SandboxId = sandboxId,
                WebhookId = webhookId,
                EventKey = "stop-1",
                ProfileNumber = "+14155552671",
                InboundNumber = "+14155550100",
                Body = "STOP",
                Category = KeywordCategory.OptOut,
                Keyword = "STOP",
                ReceivedAtUtc = at,
            });
            db.DeliveryFeedback.Add(new DeliveryFeedback
            {
                SandboxId = sandboxId,
                WebhookId = webhookId,
                EventKey = "SM1:delivered",
                ClientReference = "SM1",
                Status = "delivered",
                ReceivedAtUtc = at,
            });
            db.MessageDeliveryStatuses.Add(new MessageDeliveryStatus
            {
                SandboxId = sandboxId,
                WebhookId = webhookId,
                ClientReference = "SM1",
                Status = "delivered",
                Rank = 5,
                UpdatedAtUtc = at,
            });
            db.ConsentRecords.Add(new ConsentRecord
            {
                SandboxId = sandboxId,
                WebhookId = webhookId,
                SenderNumber = "+14155550100",
                ProfileNumber = "+14155552671",
                State = ConsentState.OptedOut,
                Source = ConsentSource.Keyword,
                Keyword = "STOP",
                ChangedBy = "SMS",
                ChangedAtUtc = at,
                Version = 1,
            });
            return await db.SaveChangesAsync();
        });
        using var client = await PortalClient.SignedInAsync(factory);

        // The question says what stays; the delete goes through the real form.
        var confirm = await client.GetDocumentAsync($"{url}/delete/{webhookId}");
        Assert.Contains("are kept, shown as from a deleted webhook, until the retention period removes them", confirm.QuerySelector("main")!.TextContent,
            StringComparison.Ordinal);
        Assert.Contains("until the retention period removes them",
            (await client.GetDocumentAsync(url)).QuerySelector($"a[href$='/delete/{webhookId}']")!.GetAttribute("data-confirm"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(confirm, "main form", new Dictionary<string, string>())).StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Webhooks.AnyAsync(w => w.Id == webhookId)));

        var message = await factory.WithDbAsync(db => db.InboundMessages.AsNoTracking().SingleAsync(m => m.SandboxId == sandboxId));
        Assert.Equal(("STOP", (int?)null), (message.Body, message.WebhookId));
        Assert.Null((await factory.WithDbAsync(db => db.DeliveryFeedback.AsNoTracking().SingleAsync(f => f.SandboxId == sandboxId))).WebhookId);
        Assert.Null((await factory.WithDbAsync(db => db.MessageDeliveryStatuses.AsNoTracking().SingleAsync(f => f.SandboxId == sandboxId))).WebhookId);
        var consent = await factory.WithDbAsync(db => db.ConsentRecords.AsNoTracking().SingleAsync(c => c.SandboxId == sandboxId));
        Assert.Equal((ConsentState.OptedOut, (int?)null), (consent.State, consent.WebhookId));

        var inbound = await client.GetDocumentAsync(url + "/inboundmessages");
        var row = Assert.Single(inbound.QuerySelectorAll("[data-testid=inbound-table] tbody tr"));
        Assert.Equal("Deleted webhook", row.QuerySelector("td:last-child")!.TextContent.Trim());
        var feedback = await client.GetDocumentAsync(url + "/feedback");
        Assert.Equal("Deleted webhook", Assert.Single(feedback.QuerySelectorAll("[data-testid=feedback-table] tbody tr")).QuerySelector("td:last-child")!.TextContent.Trim());
        var consentRow = Assert.Single((await client.GetDocumentAsync(url + "/consent")).QuerySelectorAll("[data-testid=consent-table] tbody tr"));
        Assert.Equal("+14155552671", consentRow.QuerySelector("td")!.TextContent.Trim());
    }
}
