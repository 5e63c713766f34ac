using FluentValidation;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Account;

/// <summary>A new user chooses their password with the one-time link a System administrator gave them.</summary>
public sealed class SetPasswordModel(
    UserService users,
    SignInManager<PortalUser> signInManager,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public SetPasswordInput Input { get; set; } = new();

    public string? Email { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Email = await users.FindSetPasswordUserAsync(Token, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Email = await users.FindSetPasswordUserAsync(Token, cancellationToken);
        if (Email is null || !ModelState.IsValid)
        {
            return Page();
        }

        var result = await users.SetPasswordAsync(Token, Input.Password!, cancellationToken);
        if (result.Outcome == UserOutcome.NotFound)
        {
            Email = null;
            return Page();
        }

        if (result.Outcome != UserOutcome.Updated)
        {
            ModelState.AddFieldErrors(result.FieldErrors, nameof(Input), localizer);
            return Page();
        }

        // A user who was signed in as someone else on this browser starts clean.
        await signInManager.SignOutAsync();
        return RedirectToPage("/Account/SignIn", new { passwordSet = true });
    }
}

public sealed class SetPasswordInput
{
    public string? Password { get; set; }

    public string? ConfirmPassword { get; set; }
}

public sealed class SetPasswordInputValidator : AbstractValidator<SetPasswordInput>
{
    public SetPasswordInputValidator()
    {
        RuleFor(x => x.Password).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a password.")
            .MinimumLength(8).WithMessage("At least 8 characters, with an upper-case letter, a lower-case letter, a digit and a symbol.")
            .MaximumLength(200).WithMessage("The password can have at most 200 characters.");
        RuleFor(x => x.ConfirmPassword)
            .Equal(x => x.Password).WithMessage("The passwords do not match.");
    }
}
