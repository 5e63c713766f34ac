using FluentValidation;
using JourneyOptimizer.Sms.Core.Common;

namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>The format rules of PRODUCT.md 3 and 3.1 that need neither the database nor the network.</summary>
public sealed class TwilioCredentialInputValidator : AbstractValidator<TwilioCredentialInput>
{
    public const int MaxInputLength = 200;

    public TwilioCredentialInputValidator()
    {
        RuleFor(x => x.Name).ApiCredentialName();

        RuleFor(x => x.AccountSid)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the Account SID.")
            .MaximumLength(MaxInputLength).WithMessage("The Account SID must be AC followed by 32 hexadecimal characters.")
            .Must(v => Sid.HasPrefix(v!.Trim(), "AC")).WithMessage("The Account SID starts with AC.")
            .Must(v => Sid.IsValid(v!.Trim(), "AC")).WithMessage("The Account SID must be AC followed by 32 hexadecimal characters.");

        RuleFor(x => x.AuthToken)
            .Cascade(CascadeMode.Stop)
            .MaximumLength(MaxInputLength).WithMessage("The Auth Token must be 32 hexadecimal characters.")
            .Must(v => Sid.IsHex32(v!.Trim())).WithMessage("The Auth Token must be 32 hexadecimal characters.")
            .When(x => !string.IsNullOrEmpty(x.AuthToken));

        RuleFor(x => x.MessagingServiceSid)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the Message SID (the Messaging Service SID, MG...).")
            .MaximumLength(MaxInputLength).WithMessage("The Message SID must be MG followed by 32 hexadecimal characters.")
            .Must(v => !Sid.HasPrefix(v!.Trim(), "SM") && !Sid.HasPrefix(v.Trim(), "MM"))
                .WithMessage("This is the SID of a single message (SM... or MM...). Enter the SID of the Messaging Service instead: it starts with MG and is shown under Messaging > Services in the Twilio Console.")
            .Must(v => Sid.HasPrefix(v!.Trim(), "MG")).WithMessage("The Message SID is the Messaging Service SID: it starts with MG.")
            .Must(v => Sid.IsValid(v!.Trim(), "MG")).WithMessage("The Message SID must be MG followed by 32 hexadecimal characters.");

        RuleFor(x => x.InboundNumber)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the inbound number.")
            .MaximumLength(40).WithMessage("Enter the inbound number in international format (for example +14155550100) or a short code of 3 to 8 digits.")
            .Must(v => PhoneNumberRules.TryNormalizeNumberOrShortCode(v) is not null)
                .WithMessage("Enter the inbound number in international format (for example +14155550100) or a short code of 3 to 8 digits.");
    }
}
