using JourneyOptimizer.Sms.Core.Sandboxes;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JourneyOptimizer.Sms.Web.Pages;

/// <summary>The start page: the API credentials of the first sandbox the user may see.</summary>
public sealed class IndexModel(SandboxService sandboxes) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var visible = await sandboxes.ListForUserAsync(User.ToActor().UserId, User.IsSystemAdministrator(), cancellationToken);
        var first = visible.FirstOrDefault(s => s.Name == Sandbox.DefaultName) ?? visible.FirstOrDefault();
        if (first is null)
        {
            return RedirectToPage("/Account/NoAccess");
        }

        return RedirectToPage("/Administration/Channels/SmsSettings/ApiCredentials/Index", new { sandbox = first.Name });
    }
}
