using JourneyOptimizer.Sms.Core.Security;

namespace JourneyOptimizer.Sms.Core.Credentials.Sinch;

/// <summary>A secret as a vendor stores it: protected, with its last 4 characters as the hint.</summary>
internal sealed record VendorSecret(string Protected, string Hint)
{
    /// <summary>
    /// The secret to store: the one typed (protected), else the stored one; null when there is neither. A secret typed
    /// equal to the stored one keeps the stored ciphertext, so that it does not count as a change in the audit log. An
    /// empty stored value is none (a copy's from another sandbox, in a column that cannot be null).
    /// </summary>
    public static VendorSecret? Keep(ISecretProtector protector, string? typed, string? storedProtected, string? storedHint)
    {
        storedProtected = string.IsNullOrEmpty(storedProtected) ? null : storedProtected;
        var value = string.IsNullOrWhiteSpace(typed) ? null : typed.Trim();
        if (value is null || (storedProtected is not null && string.Equals(protector.Unprotect(storedProtected), value, StringComparison.Ordinal)))
        {
            return storedProtected is null ? null : new VendorSecret(storedProtected, storedHint ?? "");
        }

        return new VendorSecret(protector.Protect(value), ISecretProtector.Hint(value));
    }
}

/// <summary>Maps the answers of the Sinch verifiers to the plug-in contract's values.</summary>
internal static class SinchVendorResults
{
    /// <summary>
    /// A number as Sinch takes it: E.164 without spaces or punctuation (<c>+1 415 555 0142</c> is refused with
    /// <c>syntax_invalid_parameter_format</c>), a short code as typed; anything else (a sender ID) trimmed.
    /// </summary>
    public static string SinchNumber(string value) => Common.PhoneNumberRules.TryNormalizeNumberOrShortCode(value) ?? value.Trim();

    public static VendorVerification ToVendor(this ProviderHttp.ProviderVerification verification) => verification.Outcome switch
    {
        ProviderHttp.ProviderVerificationOutcome.Verified => VendorVerification.Verified(null),
        ProviderHttp.ProviderVerificationOutcome.Rejected => VendorVerification.Rejected(verification.Errors),
        _ => VendorVerification.Unreachable(verification.Errors),
    };

    /// <summary>The provider's message id, or its error in plain words with Sinch's own code shown beside it.</summary>
    public static TestMessageResult ToTestMessage(this ProviderHttp.ProviderSendOutcome outcome) => outcome.Sent
        ? new TestMessageResult(true, outcome.MessageId, outcome.Status)
        : new TestMessageResult(false, null, null, null, outcome.MessageKey, outcome.MessageArguments, outcome.ErrorCode,
            Transient: outcome.Transient);

    /// <summary>A credential check as a sender check: the reasons move to the configuration's credential choice.</summary>
    public static SenderCheckResult ToSenderCheck(this ProviderHttp.ProviderVerification verification)
    {
        var errors = verification.Errors.Select(e => e with
        {
            Field = e.Field.Length == 0 ? Common.FieldError.FormLevel : SenderCheckResult.CredentialField,
        }).ToList();
        return verification.Outcome switch
        {
            ProviderHttp.ProviderVerificationOutcome.Verified => new SenderCheckResult(SenderCheckOutcome.Passed, []),
            ProviderHttp.ProviderVerificationOutcome.Rejected => new SenderCheckResult(SenderCheckOutcome.Rejected, errors),
            _ => new SenderCheckResult(SenderCheckOutcome.Unreachable, errors),
        };
    }
}
