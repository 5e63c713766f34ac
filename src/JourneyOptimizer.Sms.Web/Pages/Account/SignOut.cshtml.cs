using JourneyOptimizer.Sms.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JourneyOptimizer.Sms.Web.Pages.Account;

/// <summary>Signing out is a POST (with antiforgery); a GET only shows the button.</summary>
public sealed class SignOutModel(SignInManager<PortalUser> signInManager) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signInManager.SignOutAsync();
        return RedirectToPage("/Account/SignIn");
    }
}
