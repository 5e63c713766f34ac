namespace JourneyOptimizer.Sms.Core.Webhooks;

/// <summary>The inbound keyword categories of PRODUCT.md section 4.</summary>
public enum KeywordCategory
{
    OptIn = 1,
    OptOut = 2,
    DoubleOptIn = 3,
    Help = 4,
    Custom = 5,
}
