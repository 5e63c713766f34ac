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
    DateTime ModifiedAtUtc,
    string? AccountType = null,
    string? LastVerificationError = null)
{
    /// <summary>A Twilio trial account (it can send only to verified numbers).</summary>
    public bool IsTrial => string.Equals(AccountType, "Trial", StringComparison.Ordinal);
}
