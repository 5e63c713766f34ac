namespace JourneyOptimizer.Sms.Core.Consent;

/// <summary>Whether a profile number may receive marketing messages from a sender number.</summary>
public enum ConsentState
{
    OptedIn = 1,
    OptedOut = 2,

    /// <summary>The profile sent a Double Opt-In keyword and was asked to confirm with an Opt-In keyword.</summary>
    PendingConfirmation = 3,
}
