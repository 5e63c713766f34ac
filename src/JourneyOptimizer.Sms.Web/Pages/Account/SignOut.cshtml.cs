using JourneyOptimizer.Sms.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JourneyOptimizer.Sms.Web.Pages.Account;

/// <summary>
/// Signing out is a POST (with antiforgery); a GET only shows the button. It renews the user's security stamp before
/// deleting the cookie, so the session ends on the server too: a copy of the cookie taken before is refused at its next
/// request (PortalSecurityStampValidator), and so are the account's other sessions.
/// </summary>
public sealed class SignOutModel(SignInManager<PortalUser> signInManager) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signInManager.UserManager.GetUserAsync(User) is { } user)
        {
            await signInManager.UserManager.UpdateSecurityStampAsync(user);
        }

        await signInManager.SignOutAsync();
        return RedirectToPage("/Account/SignIn");
    }
}
