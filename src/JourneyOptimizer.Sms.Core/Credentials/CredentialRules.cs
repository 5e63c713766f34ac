using FluentValidation;

namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>Rules shared by every vendor's credential form.</summary>
public static class CredentialRules
{
    /// <summary>Name: required, 1-100 characters after trimming, no control characters.</summary>
    public static IRuleBuilderOptions<T, string?> ApiCredentialName<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a name.")
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Enter a name.")
            .MaximumLength(1000).WithMessage("The name can have at most 100 characters.")
            .Must(v => v!.Trim().Length <= ApiCredential.NameMaxLength)
                .WithMessage("The name can have at most 100 characters.")
            .Must(v => !v!.Any(char.IsControl)).WithMessage("The name cannot contain control characters.");
}
