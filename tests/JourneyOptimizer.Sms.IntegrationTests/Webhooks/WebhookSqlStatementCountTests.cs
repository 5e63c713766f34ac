using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Webhooks;

/// <summary>
/// The webhook lists issue the same number of SQL statements for one row as for forty: no query per row (N+1),
/// which no index would make fast with many messages.
/// </summary>
public sealed class WebhookSqlStatementCountTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<string> SandboxWithAsync(string name, int rows)
    {
        var sandbox = await TestData.SandboxAsync(factory, name);
        var credential = await TestData.CreateTwilioAsync(factory, sandbox.Id, TestData.Twilio());
        var webhookIds = new List<int>();
        await using (var scope = factory.CreateScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<WebhookService>();
            for (var i = 0; i < rows; i++)
            {
                var result = await service.CreateAsync(sandbox.Id, new WebhookInput
                {
                    Name = $"hook{i:000}",
                    Vendor = SmsVendor.Twilio,
                    Type = WebhookType.Inbound,
                    ApiCredentialId = credential,
                    SenderNumber = "+14155550100",
                }, new Actor("test", "seed@example.com"), CancellationToken.None);
                webhookIds.Add(result.Id!.Value);
            }
        }

        await factory.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            for (var i = 0; i < rows; i++)
            {
                var webhookId = webhookIds[i];
                db.InboundMessages.Add(new InboundMessage { SandboxId = sandbox.Id, WebhookId = webhookId, EventKey = $"e{i}", ProfileNumber = $"+1415555{1000 + i}", InboundNumber = "+14155550100", Body = "x", ReceivedAtUtc = now.AddSeconds(i) });
                db.MessageDeliveryStatuses.Add(new MessageDeliveryStatus { SandboxId = sandbox.Id, WebhookId = webhookId, ClientReference = $"SM{i}", Status = "sent", UpdatedAtUtc = now.AddSeconds(i) });
                db.ConsentRecords.Add(new ConsentRecord { SandboxId = sandbox.Id, SenderNumber = "+14155550100", ProfileNumber = $"+1415555{1000 + i}", State = ConsentState.OptedIn, Source = ConsentSource.Keyword, Keyword = "START", ChangedBy = "SMS", ChangedAtUtc = now.AddSeconds(i), Version = 1 });
            }

            return await db.SaveChangesAsync();
        });
        return WebhookTestData.WebhooksUrl(name);
    }

    private async Task<int> StatementsOfAsync(PortalClient client, string url)
    {
        await client.GetDocumentAsync(url);
        factory.Commands.Clear();
        await client.GetDocumentAsync(url);
        return factory.Commands.Commands.Count;
    }

    [Fact]
    public async Task EveryList_CostsTheSameStatementsForOneRowAsForForty()
    {
        var one = await SandboxWithAsync("sqlhooks-one", 1);
        var forty = await SandboxWithAsync("sqlhooks-forty", 40);
        using var client = await PortalClient.SignedInAsync(factory);

        foreach (var list in new[] { "", "/inboundmessages", "/feedback", "/consent" })
        {
            var few = await StatementsOfAsync(client, one + list);
            var many = await StatementsOfAsync(client, forty + list);
            Assert.True(few == many, $"{list}: {few} statements for one row, {many} for forty:\n{string.Join("\n---\n", factory.Commands.Commands)}");
            Assert.InRange(many, 1, 8);
        }
    }
}
