using System.Net;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Channels;

/// <summary>Channel configurations on Custom credentials: the channel comes from the credential, the checks from its configuration.</summary>
public sealed class CustomChannelConfigurationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly Actor Seed = new("test", "seed@example.com");

    private async Task<int> CustomCredentialAsync(int sandboxId, CustomChannelType channel)
    {
        await using var scope = portal.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ApiCredentialService>().CreateAsync(sandboxId, SmsVendor.Custom, new CustomCredentialInput
        {
            Name = TestData.Name("custom"),
            ProviderName = "acme",
            ProviderUrl = portal.Provider.Url,
            ChannelType = channel,
            AuthType = CustomAuthType.Bearer,
            BearerToken = "bearer-token-abcdef9876",
            Headers =
            [
                new() { Name = CustomCredentialInput.ContentTypeHeaderName, Value = CustomCredentialInput.DefaultContentType },
                new() { Name = CustomCredentialInput.CharsetHeaderName, Value = CustomCredentialInput.DefaultCharset },
            ],
            ProviderPayload = """{"from":"{{fromNumber}}","to":"{{toNumber}}","body":"{{message}}","authOption":"header"}""",
            MessageIdExtractor = "messages.0.id",
        }, Seed, saveWithoutVerification: false, CancellationToken.None);
        Assert.True(result.Outcome == CredentialOutcome.Created, string.Join("; ", result.FieldErrors.Select(e => e.Field + " " + e.Message)));
        return result.Id!.Value;
    }

    private async Task<(ChannelConfigurationResult Result, ChannelConfigurationCommands Commands, AsyncServiceScope Scope)> CreateAsync(int sandboxId,
        int credential, string sender, bool submit = true)
    {
        var scope = portal.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<ChannelConfigurationCommands>();
        var result = await service.CreateAsync(sandboxId, new ChannelConfigurationInput
        {
            Name = TestData.Name("rcs").Replace('-', '_'),
            SmsType = SmsType.Transactional,
            ApiCredentialId = credential,
            SenderNumber = sender,
        }, submit, Seed, CancellationToken.None);
        return (result, service, scope);
    }

    [Fact]
    public async Task RcsCredential_MakesAnRcsConfiguration_ThatBecomesActive_AndSendsFromItsSenderId()
    {
        var prod = (await TestData.SandboxAsync(portal, "prod")).Id;
        var credential = await CustomCredentialAsync(prod, CustomChannelType.Rcs);
        var (created, _, scope) = await CreateAsync(prod, credential, "ACME");
        await using var _ = scope;

        await portal.ChannelChecks.ProcessPendingAsync(CancellationToken.None);

        var stored = await portal.WithDbAsync(db => db.Set<ChannelConfiguration>().AsNoTracking().SingleAsync(c => c.Id == created.Id));
        Assert.Equal((MobileChannel.Rcs, ChannelConfigurationStatus.Active), (stored.Channel, stored.Status));

        await using var sendScope = portal.CreateScope();
        var to = TestData.Number();
        var sent = await sendScope.ServiceProvider.GetRequiredService<ChannelTestMessages>()
            .SendTestMessageAsync(prod, stored.Id, to, "hello", Seed, CancellationToken.None);
        Assert.True(sent.Answer!.Sent);
        var request = Assert.Single(portal.Provider.Requests, r => r.Body.Contains(to, StringComparison.Ordinal));
        Assert.Contains("\"from\":\"ACME\"", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomCredentialWhoseUrlIsAPrivateAddress_FailsTheChecks_AndNothingIsSent()
    {
        var prod = (await TestData.SandboxAsync(portal, "prod")).Id;
        var credential = await CustomCredentialAsync(prod, CustomChannelType.Sms);
        await portal.WithDbAsync(async db =>
        {
            var row = await db.Set<CustomCredential>().SingleAsync(c => c.Id == credential);
            row.ConfigurationJson = row.ConfigurationJson.Replace(portal.Provider.Url, "https://10.1.2.3/send", StringComparison.Ordinal);
            row.ProviderUrl = "https://10.1.2.3/send";
            return await db.SaveChangesAsync();
        });
        var requestsBefore = portal.Provider.Requests.Count;
        var (created, _, scope) = await CreateAsync(prod, credential, "+14155550100");
        await using var _ = scope;

        await portal.ChannelChecks.ProcessPendingAsync(CancellationToken.None);

        var stored = await portal.WithDbAsync(db => db.Set<ChannelConfiguration>().AsNoTracking().SingleAsync(c => c.Id == created.Id));
        Assert.Equal(ChannelConfigurationStatus.Failed, stored.Status);
        var reasons = CheckErrors.FromJson(stored.CheckErrorsJson);
        Assert.Equal(SenderCheckResult.CustomIncomplete, reasons[0].Message);
        Assert.Contains(reasons, r => r.Message == CustomCredentialMessages.UrlPrivate);
        Assert.Equal(requestsBefore, portal.Provider.Requests.Count);
    }
}
