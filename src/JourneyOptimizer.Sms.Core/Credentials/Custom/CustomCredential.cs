namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>
/// Any HTTP provider (SMS, RCS, MMS): its non-secret configuration as JSON, and all its secrets as one protected blob.
/// </summary>
public sealed class CustomCredential : ApiCredential
{
    public const int ProviderNameMaxLength = 100;
    public const int ProviderUrlMaxLength = 2000;
    public const int ConfigurationMaxLength = 100_000;
    public const int SecretsMaxLength = 400_000;

    public CustomCredential() => Vendor = SmsVendor.Custom;

    public required string ProviderName { get; set; }

    public required string ProviderUrl { get; set; }

    /// <summary>What channel configurations may use it for: an RCS credential makes an RCS configuration.</summary>
    public CustomChannelType? ChannelType { get; set; }

    public CustomAuthType AuthType { get; set; }

    /// <summary><see cref="CustomProviderConfiguration"/> as JSON (no secret in it, only hints).</summary>
    public required string ConfigurationJson { get; set; }

    /// <summary><see cref="CustomProviderSecrets"/> as JSON, protected with Data Protection.</summary>
    public required string SecretsProtected { get; set; }

    public CustomProviderConfiguration Configuration() => CustomProviderConfiguration.FromJson(ConfigurationJson);

    /// <summary>What the list shows beside the vendor.</summary>
    public static string AddressOf(CustomChannelType? channelType) => channelType switch
    {
        CustomChannelType.Sms => "SMS",
        CustomChannelType.Rcs => "RCS",
        CustomChannelType.Mms => "MMS",
        _ => "",
    };
}
