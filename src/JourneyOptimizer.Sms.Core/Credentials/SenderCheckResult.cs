using JourneyOptimizer.Sms.Core.Common;

namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>What <see cref="ApiCredentialService.CheckSenderAsync"/> found.</summary>
public enum SenderCheckOutcome
{
    Passed,
    Rejected,
    Unreachable,
    NotFound,
}

/// <summary>
/// The answer of a sender check, with the reasons on <see cref="CredentialField"/>, <see cref="SenderField"/> or the
/// whole form (English localization keys).
/// </summary>
public sealed record SenderCheckResult(SenderCheckOutcome Outcome, IReadOnlyList<FieldError> Errors)
{
    public const string CredentialField = "ApiCredentialId";
    public const string SenderField = "SenderNumber";

    public const string CustomIncomplete = "The configuration of this Custom API credential is incomplete: edit the credential and submit it again.";
    public const string CredentialMissing = "The API credential of this configuration no longer exists.";
}
