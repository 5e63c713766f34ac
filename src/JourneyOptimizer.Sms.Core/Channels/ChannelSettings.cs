using System.Globalization;

namespace JourneyOptimizer.Sms.Core.Channels;

/// <summary>
/// The editable values of one version of a configuration: the active one, or the pending change of an active
/// configuration. Name and channel are the configuration's own.
/// </summary>
internal sealed record ChannelSettings(string Name, string? Description, SmsType? SmsType, int? ApiCredentialId, MobileChannel Channel,
    string? SenderNumber, string? Subdomain, string? ExecutionField)
{
    public static ChannelSettings Of(ChannelConfiguration c) =>
        new(c.Name, c.Description, c.SmsType, c.ApiCredentialId, c.Channel, c.SenderNumber, c.Subdomain, c.ExecutionField);

    public static ChannelSettings Pending(ChannelConfiguration c) =>
        new(c.Name, c.PendingDescription, c.PendingSmsType, c.PendingApiCredentialId, c.Channel, c.PendingSenderNumber,
            c.PendingSubdomain, c.PendingExecutionField);

    public void ApplyTo(ChannelConfiguration c)
    {
        c.Description = Description;
        c.SmsType = SmsType;
        c.ApiCredentialId = ApiCredentialId;
        c.Channel = Channel;
        c.SenderNumber = SenderNumber;
        c.Subdomain = Subdomain;
        c.ExecutionField = ExecutionField;
    }

    public bool SameSettingsAs(ChannelSettings other) => this with { Name = other.Name } == other;

    public Dictionary<string, string?> Snapshot() => new(StringComparer.Ordinal)
    {
        [nameof(ChannelConfigurationInput.Name)] = Name,
        [nameof(ChannelConfigurationInput.Description)] = Description,
        [nameof(ChannelConfigurationInput.SmsType)] = SmsType?.ToString(),
        [nameof(ChannelConfigurationInput.ApiCredentialId)] = ApiCredentialId?.ToString(CultureInfo.InvariantCulture),
        ["Channel"] = Channel.ToString(),
        [nameof(ChannelConfigurationInput.SenderNumber)] = SenderNumber,
        [nameof(ChannelConfigurationInput.Subdomain)] = Subdomain,
        [nameof(ChannelConfigurationInput.ExecutionField)] = ExecutionField,
    };
}
