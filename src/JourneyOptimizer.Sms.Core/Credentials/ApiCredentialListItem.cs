namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>A row of the API credentials list: no secret, no vendor columns.</summary>
public sealed record ApiCredentialListItem(
    int Id,
    string Name,
    SmsVendor Vendor,
    string Address,
    VerificationStatus VerificationStatus,
    DateTime? LastVerifiedAtUtc,
    string ModifiedBy,
    DateTime ModifiedAtUtc);
