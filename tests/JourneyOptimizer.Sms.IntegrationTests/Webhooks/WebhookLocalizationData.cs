using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Webhooks;

/// <summary>
/// Webhooks and what they received, so that every part of the webhook pages renders in the localization scan. Names and
/// texts are single words or digits, so that no test data looks like English text in a zh-Hans page.
/// </summary>
public static class WebhookLocalizationData
{
    public sealed record Seeded(int TwilioId, int CustomId, string Reference);

    public static async Task<Seeded> SeedAsync(PortalFactory factory, int sandboxId)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var twilioCredential = await TestData.CreateTwilioAsync(factory, sandboxId, TestData.Twilio("l" + TestData.Hex32()[..8]));
        var customCredential = await WebhookTestData.CustomCredentialAsync(factory, sandboxId, "l" + TestData.Hex32()[..8]);
        int twilioId, customId;
        await using (var scope = factory.CreateScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<WebhookService>();
            var actor = new Actor("test", "seed@example.com");
            var inbound = new WebhookInput
            {
                Name = "t" + TestData.Hex32()[..8],
                Vendor = SmsVendor.Twilio,
                Type = WebhookType.Inbound,
                ApiCredentialId = twilioCredential,
                SenderNumber = TestData.Number(),
            };
            inbound.Keywords.FuzzyLogic = true;
            inbound.Keywords.FuzzyAutoResponse = "STOP?";
            twilioId = (await service.CreateAsync(sandboxId, inbound, actor, CancellationToken.None)).Id!.Value;
            var feedback = new WebhookInput
            {
                Name = "c" + TestData.Hex32()[..8],
                Vendor = SmsVendor.Custom,
                Type = WebhookType.Inbound,
                ApiCredentialId = customCredential,
                SenderNumber = "12345",
                Mapping = new PayloadMappingInput { InboundMessage = "text", ProfileNumber = "from", RequestId = "id" },
            };
            customId = (await service.CreateAsync(sandboxId, feedback, actor, CancellationToken.None)).Id!.Value;
        }

        var reference = "SM" + TestData.Hex32();
        await factory.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            db.InboundMessages.AddRange(
                new InboundMessage { SandboxId = sandboxId, WebhookId = twilioId, EventKey = reference, ProfileNumber = "+442079460018", InboundNumber = "+14155550100", Body = "STOP", Category = KeywordCategory.OptOut, Keyword = "STOP", ReplyMessage = "OK", ReceivedAtUtc = now },
                new InboundMessage { SandboxId = sandboxId, WebhookId = twilioId, EventKey = reference + "f", ProfileNumber = "+442079460019", InboundNumber = "+14155550100", Body = "STPO", FuzzyMatch = true, ReplyMessage = "STOP?", ReceivedAtUtc = now });
            db.DeliveryFeedback.AddRange(
                new DeliveryFeedback { SandboxId = sandboxId, WebhookId = customId, EventKey = reference + "1", ClientReference = reference, Status = "sent", ReceivedAtUtc = now },
                new DeliveryFeedback { SandboxId = sandboxId, WebhookId = customId, EventKey = reference + "2", ClientReference = reference, Status = "undelivered", Code = "30003", ReceivedAtUtc = now });
            db.MessageDeliveryStatuses.Add(new MessageDeliveryStatus { SandboxId = sandboxId, WebhookId = customId, ClientReference = reference, Status = "undelivered", Code = "30003", Rank = 3, UpdatedAtUtc = now });
            const string sender = "12345";
            foreach (var (state, source, i) in new[] { (ConsentState.OptedIn, ConsentSource.Keyword, 1), (ConsentState.OptedOut, ConsentSource.Manual, 2), (ConsentState.PendingConfirmation, ConsentSource.Keyword, 3) })
            {
                db.ConsentRecords.Add(new ConsentRecord
                {
                    SandboxId = sandboxId,
                    SenderNumber = sender,
                    ProfileNumber = TestData.Number(),
                    State = state,
                    Source = source,
                    Keyword = source == ConsentSource.Keyword ? "START" : null,
                    ChangedBy = source == ConsentSource.Keyword ? "SMS" : "admin@example.com",
                    ChangedAtUtc = now.AddSeconds(i),
                    Version = 1,
                });
            }

            return await db.SaveChangesAsync();
        });
        return new Seeded(twilioId, customId, reference);
    }
}
