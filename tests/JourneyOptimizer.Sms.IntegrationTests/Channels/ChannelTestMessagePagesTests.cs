using System.Net;
using System.Text.Json;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Channels;

/// <summary>"Send test message" of an active channel configuration, through the fake Twilio, with the marketing opt-out rule.</summary>
public sealed class ChannelTestMessagePagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly string Prod = ChannelTestData.Url("prod");

    private async Task<int> ProdIdAsync() => (await TestData.SandboxAsync(portal, "prod")).Id;

    private static string Name(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task CanSendATestMessage_FromTheSenderNumber_ThroughTwilio()
    {
        var (_, id, sender) = await portal.ActiveChannelAsync(await ProdIdAsync(), Name("send"));
        using var client = await PortalClient.SignedInAsync(portal);
        var form = await client.GetDocumentAsync($"{Prod}/sendtest/{id}");
        var to = TestData.Number();

        var response = await client.SubmitAsync(form, "main form", new Dictionary<string, string> { ["Input.Number"] = to, ["Input.Message"] = "hello" });

        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains("The provider accepted the message.", page.QuerySelector("[data-testid=test-result]")!.TextContent, StringComparison.Ordinal);
        var sent = Assert.Single(portal.Twilio.Requests, r => r.Method == "POST" && r.Body.Contains(Uri.EscapeDataString(to), StringComparison.Ordinal));
        Assert.Contains("From=" + Uri.EscapeDataString(sender), sent.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SmsType.Marketing, true)]
    [InlineData(SmsType.Transactional, false)]
    public async Task TestMessage_ToANumberThatOptedOut_RefusedForMarketingNextToTheNumber_SentForTransactional(SmsType type, bool refused)
    {
        var (_, id, sender) = await portal.ActiveChannelAsync(await ProdIdAsync(), Name("consent"), type);
        var to = TestData.Number();
        var prod = await ProdIdAsync();
        await portal.WithDbAsync(async db =>
        {
            db.ConsentRecords.Add(new ConsentRecord
            {
                SandboxId = prod,
                SenderNumber = sender,
                ProfileNumber = to,
                State = ConsentState.OptedOut,
                Source = ConsentSource.Keyword,
                ChangedBy = "SMS",
                ChangedAtUtc = DateTime.UtcNow,
                Version = 1,
            });
            return await db.SaveChangesAsync();
        });
        using var client = await PortalClient.SignedInAsync(portal);
        var form = await client.GetDocumentAsync($"{Prod}/sendtest/{id}");

        var response = await client.SubmitAsync(form, "main form", new Dictionary<string, string> { ["Input.Number"] = to });

        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        var sentToNumber = portal.Twilio.Requests.Any(r => r.Method == "POST" && r.Body.Contains(Uri.EscapeDataString(to), StringComparison.Ordinal));
        if (refused)
        {
            Assert.Contains("opted out of marketing messages from " + sender, PortalClient.FieldError(page, "Input.Number"), StringComparison.Ordinal);
            Assert.False(sentToNumber);
        }
        else
        {
            Assert.Equal("", PortalClient.FieldError(page, "Input.Number"));
            Assert.True(sentToNumber);
        }
    }
}
