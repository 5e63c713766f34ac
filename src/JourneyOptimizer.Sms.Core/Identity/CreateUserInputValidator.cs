using FluentValidation;

namespace JourneyOptimizer.Sms.Core.Identity;

public sealed class CreateUserInputValidator : AbstractValidator<CreateUserInput>
{
    public const int EmailMaxLength = 256;

    public CreateUserInputValidator()
    {
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the user's email.")
            .MaximumLength(EmailMaxLength).WithMessage("Enter a valid email address.")
            .EmailAddress().WithMessage("Enter a valid email address.");
        RuleFor(x => x.Mode).IsInEnum().WithMessage("Choose how the user gets a password.");
        When(x => x.Mode == PasswordSetupMode.Password, () =>
            RuleFor(x => x.Password).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter a password.")
                .MinimumLength(8).WithMessage("At least 8 characters, with an upper-case letter, a lower-case letter, a digit and a symbol.")
                .MaximumLength(200).WithMessage("The password can have at most 200 characters."));
    }
}
