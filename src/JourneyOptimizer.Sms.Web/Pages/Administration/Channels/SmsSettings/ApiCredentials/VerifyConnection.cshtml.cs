using FluentValidation;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.ApiCredentials;

/// <summary>"Verify SMS connection": a real test message through the provider, and the provider's answer.</summary>
public sealed class VerifyConnectionModel(ApiCredentialService credentials, CredentialVendors vendors, IStringLocalizer<SharedResource> localizer)
    : SandboxPageModel
{
    public ApiCredential? Credential { get; private set; }

    /// <summary>The credential's vendor: whether the form asks for the sender.</summary>
    public ICredentialVendor? Vendor => Credential is null ? null : vendors[Credential.Vendor];

    [BindProperty]
    public VerifyConnectionInput Input { get; set; } = new();

    public TestMessageResult? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Credential = await credentials.FindAsync(Sandbox.Id, id, cancellationToken);
        Input.Message = localizer[VerifyConnectionInput.DefaultMessage];
        return Credential is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        Credential = await credentials.FindAsync(Sandbox.Id, id, cancellationToken);
        if (Credential is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Result = await credentials.SendTestAsync(Sandbox.Id, id, Input.From, Input.Number!, Input.Message!, Actor, cancellationToken);
        return Page();
    }
}

public sealed class VerifyConnectionInput
{
    /// <summary>The sender, for a vendor that asks for one (<see cref="ICredentialVendor.TestMessageNeedsSender"/>).</summary>
    public string? From { get; set; }

    public string? Number { get; set; }

    /// <summary>The message the form starts with, in the user's language (a localization key).</summary>
    public const string DefaultMessage = "Test message from Journey Optimizer SMS.";

    public string? Message { get; set; } = DefaultMessage;
}

public sealed class VerifyConnectionInputValidator : AbstractValidator<VerifyConnectionInput>
{
    public VerifyConnectionInputValidator()
    {
        RuleFor(x => x.Number).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the number to send the test message to.")
            .MaximumLength(40).WithMessage("Enter the number in international format, for example +14155550100.")
            .Must(v => PhoneNumberRules.TryNormalizeE164(v) is not null)
                .WithMessage("Enter the number in international format, for example +14155550100.");
        RuleFor(x => x.From)
            .MaximumLength(40).WithMessage("The sender can have at most 40 characters.")
            .Must(v => v is null || !v.Any(char.IsControl)).WithMessage("The sender cannot contain control characters.");
        RuleFor(x => x.Message).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the message.")
            .MaximumLength(1600).WithMessage("The message can have at most 1600 characters.");
    }
}
