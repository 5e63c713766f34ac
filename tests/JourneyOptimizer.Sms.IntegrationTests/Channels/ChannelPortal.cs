using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Channels;

/// <summary>The portal with its background loop switched off: tests run the check processor themselves, step by step.</summary>
public sealed class ChannelPortal : PortalFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraConfiguration() =>
        [new("ChannelChecks:Enabled", "false")];

    public ChannelCheckProcessor Processor => Services.GetRequiredService<ChannelCheckProcessor>();

    public static string Url(string sandbox) => $"/sandboxes/{sandbox}/administration/channels/generalsettings/channelconfigurations";

    public Task<ChannelConfiguration> LoadAsync(int id) =>
        WithDbAsync(db => db.Set<ChannelConfiguration>().AsNoTracking().SingleAsync(c => c.Id == id));

    public Task<ChannelConfiguration> LoadAsync(string name) =>
        WithDbAsync(db => db.Set<ChannelConfiguration>().AsNoTracking().SingleAsync(c => c.Name == name));

    public async Task<int> CreateAsync(int sandboxId, ChannelConfigurationInput input, bool submit)
    {
        await using var scope = CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ChannelConfigurationCommands>()
            .CreateAsync(sandboxId, input, submit, new Actor("test", "seed@example.com"), CancellationToken.None);
        Assert.True(result.Succeeded, $"{result.Outcome}: {string.Join("; ", result.FieldErrors.Select(e => e.Field + " " + e.Message))}");
        return result.Id!.Value;
    }

    /// <summary>A Twilio credential (accepted by the lenient fake Twilio) and an Active configuration sending with it.</summary>
    public async Task<(int CredentialId, int ConfigurationId, string Sender)> ActiveAsync(int sandboxId, string name, SmsType type = SmsType.Marketing)
    {
        var credential = await TestData.CreateTwilioAsync(this, sandboxId, TestData.Twilio());
        var sender = TestData.Number();
        var id = await CreateAsync(sandboxId, new ChannelConfigurationInput
        {
            Name = name,
            SmsType = type,
            ApiCredentialId = credential,
            SenderNumber = sender,
        }, submit: true);
        await Processor.ProcessPendingAsync(CancellationToken.None);
        Assert.Equal(ChannelConfigurationStatus.Active, (await LoadAsync(id)).Status);
        return (credential, id, sender);
    }
}
