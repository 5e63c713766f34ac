using FluentValidation;
using JourneyOptimizer.Sms.Core.Common;

namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>The format rules of PRODUCT.md 3 and 3.1 that need neither the database nor the network.</summary>
public sealed class TwilioCredentialInputValidator : AbstractValidator<TwilioCredentialInput>
{
    public const int MaxInputLength = 200;

    // Whole-value patterns: they run on the server and, through the unobtrusive "regex" adapter, in the browser.
    private const string StartsWithAc = @"^\s*[Aa][Cc][\s\S]*$";
    private const string AccountSidPattern = @"^\s*[Aa][Cc][0-9a-fA-F]{32}\s*$";
    private const string Hex32Pattern = @"^\s*[0-9a-fA-F]{32}\s*$";
    private const string NotAMessageSid = @"^(?!\s*[SsMm][Mm])[\s\S]*$";
    private const string StartsWithMg = @"^\s*[Mm][Gg][\s\S]*$";
    private const string ServiceSidPattern = @"^\s*[Mm][Gg][0-9a-fA-F]{32}\s*$";
    private const string NumberShape = @"^\s*(?:\+[0-9 ().\-]{4,30}|[0-9]{3,8})\s*$";
    private const string StartsWithSk = @"^\s*[Ss][Kk][\s\S]*$";
    private const string ApiKeySidPattern = @"^\s*[Ss][Kk][0-9a-fA-F]{32}\s*$";
    private const string ApiKeySecretPattern = @"^\s*[A-Za-z0-9]{32}\s*$";

    public const string ChooseAuthMethodMessage = "Choose Auth Token or API key.";
    public const string ApiKeySidRequiredMessage = "Enter the API key SID.";
    public const string ApiKeySidPrefixMessage = "The API key SID starts with SK.";
    public const string ApiKeySidFormatMessage = "The API key SID must be SK followed by 32 hexadecimal characters.";
    public const string ApiKeySecretRequiredMessage = "Enter the API key secret.";
    public const string ApiKeySecretFormatMessage = "The API key secret must be 32 letters and digits.";

    public const string NumberMessage =
        "Enter the inbound number in international format (for example +14155550100) or a short code of 3 to 8 digits.";

    public TwilioCredentialInputValidator()
    {
        RuleFor(x => x.Name).ApiCredentialName();

        RuleFor(x => x.AccountSid)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the Account SID.")
            .MaximumLength(MaxInputLength).WithMessage("The Account SID must be AC followed by 32 hexadecimal characters.")
            .Matches(StartsWithAc).WithMessage("The Account SID starts with AC.")
            .Matches(AccountSidPattern).WithMessage("The Account SID must be AC followed by 32 hexadecimal characters.");

        RuleFor(x => x.AuthMethod).IsInEnum().WithMessage(ChooseAuthMethodMessage);

        RuleFor(x => x.AuthToken)
            .Cascade(CascadeMode.Stop)
            .MaximumLength(MaxInputLength).WithMessage("The Auth Token must be 32 hexadecimal characters.")
            .Matches(Hex32Pattern).WithMessage("The Auth Token must be 32 hexadecimal characters.")
            .When(x => !string.IsNullOrEmpty(x.AuthToken));

        // The key's fields count only with the API key method (the form posts them only then).
        When(x => x.AuthMethod == TwilioAuthMethod.ApiKey, () =>
        {
            RuleFor(x => x.ApiKeySid)
                .Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage(ApiKeySidRequiredMessage)
                .MaximumLength(MaxInputLength).WithMessage(ApiKeySidFormatMessage)
                .Matches(StartsWithSk).WithMessage(ApiKeySidPrefixMessage)
                .Matches(ApiKeySidPattern).WithMessage(ApiKeySidFormatMessage);

            RuleFor(x => x.ApiKeySecret)
                .Cascade(CascadeMode.Stop)
                .MaximumLength(MaxInputLength).WithMessage(ApiKeySecretFormatMessage)
                .Matches(ApiKeySecretPattern).WithMessage(ApiKeySecretFormatMessage)
                .When(x => !string.IsNullOrEmpty(x.ApiKeySecret));
        });

        RuleFor(x => x.MessagingServiceSid)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the Message SID (the Messaging Service SID, MG...).")
            .MaximumLength(MaxInputLength).WithMessage("The Message SID must be MG followed by 32 hexadecimal characters.")
            .Matches(NotAMessageSid)
                .WithMessage("This is the SID of a single message (SM... or MM...). Enter the SID of the Messaging Service instead: it starts with MG and is shown under Messaging > Services in the Twilio Console.")
            .Matches(StartsWithMg).WithMessage("The Message SID is the Messaging Service SID: it starts with MG.")
            .Matches(ServiceSidPattern).WithMessage("The Message SID must be MG followed by 32 hexadecimal characters.");

        RuleFor(x => x.InboundNumber)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the inbound number.")
            .MaximumLength(40).WithMessage(NumberMessage)
            .Matches(NumberShape).WithMessage(NumberMessage)
            .Must(v => PhoneNumberRules.TryNormalizeNumberOrShortCode(v) is not null).WithMessage(NumberMessage);
    }
}
