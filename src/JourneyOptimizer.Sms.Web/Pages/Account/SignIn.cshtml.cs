using FluentValidation;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Account;

/// <summary>
/// Sign-in with email and password. Failures are limited per source (<see cref="SignInThrottle"/>), never by locking the
/// account, and every answer to a wrong email or password is the same message after the same work.
/// </summary>
public sealed class SignInModel(
    SignInManager<PortalUser> signInManager,
    FirstStartService firstStart,
    SignInThrottle throttle,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool NoUsers { get; private set; }

    /// <summary>Arrived from the set-password page.</summary>
    [BindProperty(SupportsGet = true, Name = "passwordSet")]
    public bool PasswordSet { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        NoUsers = !await firstStart.HasUsersAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            NoUsers = !await firstStart.HasUsersAsync(cancellationToken);
            return Page();
        }

        var source = HttpContext.Connection.RemoteIpAddress;
        if (throttle.IsBlocked(source))
        {
            ModelState.AddModelError(string.Empty,
                localizer["Too many failed sign-ins from your network. Try again in {0} minutes.", (int)Math.Ceiling(throttle.Window.TotalMinutes)]);
            NoUsers = !await firstStart.HasUsersAsync(cancellationToken);
            return Page();
        }

        var result = await signInManager.PasswordSignInAsync(Input.Email!.Trim(), Input.Password!, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        if (!result.IsNotAllowed)
        {
            throttle.RecordFailure(source);
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? localizer["Too many failed attempts: this account is locked for a while. Try again later or ask a System administrator."]
            : result.IsNotAllowed
                ? localizer["This account is disabled."]
                : localizer["The email or password is incorrect."]);
        NoUsers = !await firstStart.HasUsersAsync(cancellationToken);
        return Page();
    }
}

public sealed class SignInInput
{
    public string? Email { get; set; }

    public string? Password { get; set; }
}

public sealed class SignInInputValidator : AbstractValidator<SignInInput>
{
    public SignInInputValidator()
    {
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter your email.")
            .MaximumLength(256).WithMessage("Enter a valid email address.");
        RuleFor(x => x.Password).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter your password.")
            .MaximumLength(1000).WithMessage("The email or password is incorrect.");
    }
}
