namespace JourneyOptimizer.Sms.Core.Consent;

/// <summary>What changed a consent record: a keyword the profile sent, or an administrator.</summary>
public enum ConsentSource
{
    Keyword = 1,
    Manual = 2,
}
