using FluentValidation;
using JourneyOptimizer.Sms.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Account;

/// <summary>First start without Bootstrap configuration: the one-time link creates the first System administrator.</summary>
public sealed class SetupModel(
    FirstStartService firstStart,
    SignInManager<PortalUser> signInManager,
    UserManager<PortalUser> userManager,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public SetupInput Input { get; set; } = new();

    public bool TokenValid { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        TokenValid = await firstStart.IsValidTokenAsync(Token, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        TokenValid = await firstStart.IsValidTokenAsync(Token, cancellationToken);
        if (!TokenValid || !ModelState.IsValid)
        {
            return Page();
        }

        // Identity's password rules first: their messages (translated) belong next to the password field in every language.
        var candidate = new PortalUser { UserName = Input.Email!.Trim(), Email = Input.Email.Trim() };
        foreach (var validator in userManager.PasswordValidators)
        {
            var check = await validator.ValidateAsync(userManager, candidate, Input.Password!);
            foreach (var error in check.Errors)
            {
                ModelState.AddModelError("Input.Password", error.Description);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var errors = await firstStart.CompleteAsync(Token!, Input.Email!, Input.Password!, cancellationToken);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                ModelState.AddModelError(error.Contains("assword", StringComparison.Ordinal) ? "Input.Password" : string.Empty,
                    localizer[error]);
            }

            return Page();
        }

        await signInManager.PasswordSignInAsync(Input.Email!.Trim(), Input.Password!, isPersistent: false, lockoutOnFailure: false);
        return LocalRedirect("/");
    }
}

public sealed class SetupInput
{
    public string? Email { get; set; }

    public string? Password { get; set; }

    public string? ConfirmPassword { get; set; }
}

public sealed class SetupInputValidator : AbstractValidator<SetupInput>
{
    public SetupInputValidator()
    {
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter your email.")
            .MaximumLength(256).WithMessage("Enter a valid email address.")
            .EmailAddress().WithMessage("Enter a valid email address.");
        RuleFor(x => x.Password).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a password.")
            .MinimumLength(8).WithMessage("At least 8 characters, with an upper-case letter, a lower-case letter, a digit and a symbol.")
            .MaximumLength(200).WithMessage("The password can have at most 200 characters.");
        RuleFor(x => x.ConfirmPassword)
            .Equal(x => x.Password).WithMessage("The passwords do not match.");
    }
}
