using JourneyOptimizer.Sms.Core.Common;

namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>
/// What <see cref="ICredentialVendor.Prepare"/> made of an input: a new, untracked credential of the vendor's subtype
/// with the vendor's columns filled in and its secrets protected, and which secret fields changed (for the audit log;
/// never their values); or the field errors that only the mapping can find (a required secret neither typed nor
/// stored).
/// </summary>
public sealed class CredentialDraft
{
    private CredentialDraft(ApiCredential? credential, IReadOnlyList<string> changedSecretFields, IReadOnlyList<FieldError> errors)
    {
        Credential = credential;
        ChangedSecretFields = changedSecretFields;
        Errors = errors;
    }

    /// <summary>Set when <see cref="Succeeded"/>.</summary>
    public ApiCredential? Credential { get; }

    public IReadOnlyList<string> ChangedSecretFields { get; }

    public IReadOnlyList<FieldError> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    public static CredentialDraft Of(ApiCredential credential, IReadOnlyList<string> changedSecretFields)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(changedSecretFields);
        return new(credential, changedSecretFields, []);
    }

    public static CredentialDraft Invalid(IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("An invalid draft needs at least one error.", nameof(errors));
        }

        return new(null, [], errors);
    }
}
