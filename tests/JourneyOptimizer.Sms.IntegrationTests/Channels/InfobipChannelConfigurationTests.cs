using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials.Infobip;
using JourneyOptimizer.Sms.IntegrationTests.Credentials;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Channels;

/// <summary>SMS channel configurations on Infobip credentials: Infobip checks the credential, and sends from the configuration's sender.</summary>
public sealed class InfobipChannelConfigurationTests : IAsyncLifetime
{
    private static readonly Actor Seed = new("test", "seed@example.com");
    private FakeInfobip _infobip = null!;
    private PortalFactory _portal = null!;

    public async ValueTask InitializeAsync()
    {
        _infobip = await FakeInfobip.StartAsync();
        _portal = InfobipTestData.Portal(_infobip);
    }

    public async ValueTask DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _infobip.DisposeAsync();
    }

    private async Task<ChannelConfiguration> CheckedAsync(int sandboxId, int credential, string sender)
    {
        int id;
        await using (var scope = _portal.CreateScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<ChannelConfigurationCommands>().CreateAsync(sandboxId, new ChannelConfigurationInput
            {
                Name = TestData.Name("sms").Replace('-', '_'),
                SmsType = SmsType.Transactional,
                ApiCredentialId = credential,
                SenderNumber = sender,
            }, submit: true, Seed, CancellationToken.None);
            id = result.Id!.Value;
        }

        await _portal.ChannelChecks.ProcessPendingAsync(CancellationToken.None);
        return await _portal.WithDbAsync(db => db.Set<ChannelConfiguration>().AsNoTracking().SingleAsync(c => c.Id == id));
    }

    [Fact]
    public async Task SmsConfiguration_WithAnAlphanumericSender_BecomesActive_AndSendsFromIt()
    {
        var prod = (await TestData.SandboxAsync(_portal, "prod")).Id;
        var credential = await InfobipTestData.CreateAsync(_portal, prod, InfobipTestData.Input(_infobip));

        var stored = await CheckedAsync(prod, credential, "InfoSMS");

        Assert.Equal((MobileChannel.Sms, ChannelConfigurationStatus.Active), (stored.Channel, stored.Status));
        await using var scope = _portal.CreateScope();
        var to = TestData.Number();
        var sent = await scope.ServiceProvider.GetRequiredService<ChannelTestMessages>().SendTestMessageAsync(prod, stored.Id, to, "hello", Seed, CancellationToken.None);
        Assert.True(sent.Answer!.Sent);
        var message = _infobip.RequestList.Last(r => r.Method == "POST").Json().GetProperty("messages")[0];
        Assert.Equal(("InfoSMS", to[1..]), (message.GetProperty("sender").GetString(), message.GetProperty("destinations")[0].GetProperty("to").GetString()));
    }

    [Fact]
    public async Task SmsConfiguration_OnACredentialWhoseKeyWasRevoked_FailsItsChecks_WithInfobipsReason()
    {
        var prod = (await TestData.SandboxAsync(_portal, "prod")).Id;
        var input = InfobipTestData.Input(_infobip);
        var credential = await InfobipTestData.CreateAsync(_portal, prod, input);
        _infobip.ApiKeys.TryRemove(input.ApiKey!, out _);

        var stored = await CheckedAsync(prod, credential, "+14155550100");

        Assert.Equal(ChannelConfigurationStatus.Failed, stored.Status);
        Assert.Contains(CheckErrors.FromJson(stored.CheckErrorsJson), e => e.Message == InfobipErrorText.WrongKey);
        Assert.DoesNotContain(_infobip.RequestList, r => r.Method == "POST");
    }
}
