namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>The channel a Custom provider credential sends on (optional on the form).</summary>
public enum CustomChannelType
{
    Sms = 1,
    Rcs = 2,
    Mms = 3,
}
