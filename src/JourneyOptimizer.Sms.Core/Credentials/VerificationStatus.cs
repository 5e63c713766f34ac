namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>The outcome of the last check of a credential against its provider.</summary>
public enum VerificationStatus
{
    /// <summary>Never checked, or saved while the provider could not be reached.</summary>
    NotVerified = 0,

    /// <summary>The provider confirmed the credential.</summary>
    Verified = 1,

    /// <summary>The provider refused the credential at the last check.</summary>
    Failed = 2,
}
