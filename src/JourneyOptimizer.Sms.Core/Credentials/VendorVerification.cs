using JourneyOptimizer.Sms.Core.Common;

namespace JourneyOptimizer.Sms.Core.Credentials;

public enum VendorVerificationOutcome
{
    /// <summary>The provider confirmed the credential.</summary>
    Verified = 0,

    /// <summary>The provider answered and refused: see <see cref="VendorVerification.Errors"/>.</summary>
    Rejected = 1,

    /// <summary>The provider could not be reached (or asked to wait): the credential may be saved as Not verified.</summary>
    Unreachable = 2,

    /// <summary>The vendor has no check of its own (<see cref="ICredentialVendor.VerifiedByTestMessage"/>).</summary>
    NotChecked = 3,
}

/// <summary>
/// The answer of <see cref="ICredentialVendor.VerifyAsync"/>: the outcome, the reasons (by input field name, English
/// keys) and, when verified, the provider's account type (<c>Trial</c> or <c>Full</c>, if it has such a thing).
/// </summary>
public sealed record VendorVerification(VendorVerificationOutcome Outcome, IReadOnlyList<FieldError> Errors, string? AccountType = null)
{
    public static VendorVerification Verified(string? accountType) => new(VendorVerificationOutcome.Verified, [], accountType);

    public static VendorVerification Rejected(IReadOnlyList<FieldError> errors) => new(VendorVerificationOutcome.Rejected, errors);

    public static VendorVerification Unreachable(IReadOnlyList<FieldError> errors) => new(VendorVerificationOutcome.Unreachable, errors);

    /// <param name="reason">Why there is nothing to check, as a form-level error (what the list's "Verify" answers).</param>
    public static VendorVerification NotChecked(string reason) =>
        new(VendorVerificationOutcome.NotChecked, [new FieldError(FieldError.FormLevel, reason)]);
}
