using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Channels;

/// <summary>Channel configurations made and read for the tests; the checks run when a test runs <see cref="PortalFactory.ChannelChecks"/>.</summary>
public static class ChannelTestData
{
    public static string Url(string sandbox) => $"/sandboxes/{sandbox}/administration/channels/generalsettings/channelconfigurations";

    public static Task<ChannelConfiguration> LoadChannelAsync(this PortalFactory portal, int id) =>
        portal.WithDbAsync(db => db.Set<ChannelConfiguration>().AsNoTracking().SingleAsync(c => c.Id == id));

    public static Task<ChannelConfiguration> LoadChannelAsync(this PortalFactory portal, string name) =>
        portal.WithDbAsync(db => db.Set<ChannelConfiguration>().AsNoTracking().SingleAsync(c => c.Name == name));

    public static async Task<int> CreateChannelAsync(this PortalFactory portal, int sandboxId, ChannelConfigurationInput input, bool submit)
    {
        await using var scope = portal.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ChannelConfigurationCommands>()
            .CreateAsync(sandboxId, input, submit, new Actor("test", "seed@example.com"), CancellationToken.None);
        Assert.True(result.Succeeded, $"{result.Outcome}: {string.Join("; ", result.FieldErrors.Select(e => e.Field + " " + e.Message))}");
        return result.Id!.Value;
    }

    /// <summary>A Twilio credential (accepted by the lenient fake Twilio) and an Active configuration sending with it.</summary>
    public static async Task<(int CredentialId, int ConfigurationId, string Sender)> ActiveChannelAsync(this PortalFactory portal, int sandboxId,
        string name, SmsType type = SmsType.Marketing)
    {
        var credential = await TestData.CreateTwilioAsync(portal, sandboxId, TestData.Twilio());
        var sender = TestData.Number();
        var id = await portal.CreateChannelAsync(sandboxId, new ChannelConfigurationInput
        {
            Name = name,
            SmsType = type,
            ApiCredentialId = credential,
            SenderNumber = sender,
        }, submit: true);
        await portal.ChannelChecks.ProcessPendingAsync(CancellationToken.None);
        Assert.Equal(ChannelConfigurationStatus.Active, (await portal.LoadChannelAsync(id)).Status);
        return (credential, id, sender);
    }
}
